// Work sharing between the calling thread and the workers.
//
// A task has up to two phases (for matmul: pack the operands, then multiply).
// Each phase is cut into chunks. Every participating thread claims chunks with
// a compare-and-swap on a counter that also holds the task's generation, so a
// worker that wakes up late for a finished task can never claim a chunk of the
// next one. A thread that finds no chunk left in phase 1 waits until all phase
// 1 chunks are done before it starts on phase 2. Each output element is
// computed by exactly one thread, always in the same order, so results do not
// depend on the number of threads.

import { runChunk } from "./dispatch";
import {
  CHUNK_COUNT,
  DONE1,
  DONE2,
  GEN,
  MAX_THREADS,
  N1,
  N2,
  NEXT1,
  NEXT2,
  OP,
  SCRATCH,
  SCRATCH_BYTES,
} from "./layout";

/**
 * Prepares a new task with `n1` and `n2` chunks in its two phases and publishes
 * generation `gen` (parameters must already be written). Workers then see it.
 */
export function begin(ctl: usize, gen: i32, op: i32, n1: i32, n2: i32, maxThreads: i32): void {
  store<i32>(ctl + OP, op);
  store<i32>(ctl + N1, n1);
  store<i32>(ctl + N2, n2);
  store<i32>(ctl + MAX_THREADS, maxThreads);
  atomic.store<i32>(ctl + DONE1, 0);
  atomic.store<i32>(ctl + DONE2, 0);
  const tagged = (<i64>gen) << 32;
  atomic.store<i64>(ctl + NEXT1, tagged);
  atomic.store<i64>(ctl + NEXT2, tagged);
  atomic.store<i32>(ctl + GEN, gen);
}

/** Claims the next chunk of a phase, or returns -1 if none is left or the task changed. */
function claim(counter: usize, gen: i32, count: i32): i32 {
  const tag = (<i64>gen) << 32;
  while (true) {
    const cur = atomic.load<i64>(counter);
    if ((cur & 0xffffffff00000000) !== tag) return -1;
    const index = <i32>(cur & 0xffffffff);
    if (index >= count) return -1;
    if (atomic.cmpxchg<i64>(counter, cur, cur + 1) === cur) return index;
  }
}

/** Polls of a counter before a waiting thread goes to sleep. */
const SPIN = 2000;
/** Sleep slice while waiting, in nanoseconds (the wait is re-checked after it). */
const NAP_NS: i64 = 100_000;

/**
 * Waits until the i32 at `ptr` reaches `target` or the task's generation
 * changes. Polls first; then, if this thread may block (`canWait`: not a
 * browser's main thread), sleeps on the counter, so that on a busy machine
 * the core goes to whichever thread still has work, instead of spinning while
 * that thread waits to be scheduled.
 */
function waitFor(ctl: usize, ptr: usize, target: i32, gen: i32, canWait: bool): void {
  for (let i = 0; ; i++) {
    const v = atomic.load<i32>(ptr);
    if (v >= target || atomic.load<i32>(ctl + GEN) !== gen) return;
    if (canWait && i >= SPIN) atomic.wait<i32>(ptr, v, NAP_NS);
  }
}

/** Marks one chunk done on counter `ptr`; the last one wakes the threads waiting for it. */
function finish(ptr: usize, total: i32): void {
  if (atomic.add<i32>(ptr, 1) + 1 === total) atomic.notify(ptr, -1);
}

/**
 * Takes part in task `gen` as thread `tid` (0 is the calling thread): claims
 * and runs chunks until none is left. Returns at once for a stale generation
 * or when `tid` is beyond the task's thread limit. `canWait` says whether this
 * thread may block in `memory.atomic.wait` (a browser's main thread may not).
 */
export function work(ctl: usize, gen: i32, tid: i32, canWait: bool): void {
  if (atomic.load<i32>(ctl + GEN) !== gen) return;
  if (tid >= load<i32>(ctl + MAX_THREADS)) return;
  const op = load<i32>(ctl + OP);
  const n1 = load<i32>(ctl + N1);
  const n2 = load<i32>(ctl + N2);
  const count = ctl + SCRATCH + <usize>tid * SCRATCH_BYTES + CHUNK_COUNT;
  if (n1 > 0) {
    while (true) {
      const i = claim(ctl + NEXT1, gen, n1);
      if (i < 0) break;
      runChunk(ctl, op, 1, i, tid);
      store<i32>(count, load<i32>(count) + 1);
      finish(ctl + DONE1, n1);
    }
    // Barrier: phase 2 reads what phase 1 wrote.
    waitFor(ctl, ctl + DONE1, n1, gen, canWait);
    if (atomic.load<i32>(ctl + GEN) !== gen) return;
  }
  while (true) {
    const i = claim(ctl + NEXT2, gen, n2);
    if (i < 0) break;
    runChunk(ctl, op, 2, i, tid);
    store<i32>(count, load<i32>(count) + 1);
    finish(ctl + DONE2, n2);
  }
}

/**
 * Waits (as the calling thread) until every phase-2 chunk of task `gen` is
 * done, i.e. for the chunks still running on workers.
 */
export function join(ctl: usize, gen: i32, canWait: bool): void {
  waitFor(ctl, ctl + DONE2, load<i32>(ctl + N2), gen, canWait);
}

/** Chunks of phase 2 finished so far (the caller waits for all of them). */
export function done(ctl: usize): i32 {
  return atomic.load<i32>(ctl + DONE2);
}
