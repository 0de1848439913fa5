import { CTL } from "./layout.js";
import type { WasmRuntime } from "./runtime.js";
import { getNumThreads } from "./threads.js";

/**
 * Internal switches for the parity tests. With `mainIdle`, a task that may use
 * several threads is left entirely to the workers (once one is ready), so a
 * test can check the worker path deterministically.
 */
export const taskTesting = { mainIdle: false };

/**
 * Threads to use for a task with `chunks` chunks of phase 2 and `work` units
 * of work, given the size from which splitting pays off.
 */
export function threadsFor(rt: WasmRuntime, work: number, minWork: number, chunks: number): number {
  if (!rt.pool || work < minWork) return 1;
  return Math.max(1, Math.min(getNumThreads(), chunks));
}

/**
 * Starts the workers for the current thread count and resolves once they are
 * ready; returns how many are. Kernel calls never wait for this (the calling
 * thread does all the work until workers are up); benchmarks and tests do.
 */
export async function startWorkers(rt: WasmRuntime): Promise<number> {
  if (!rt.pool) return 0;
  rt.pool.resize(getNumThreads() - 1);
  await rt.pool.whenReady();
  return rt.pool.ready;
}

/**
 * Runs the task whose parameters are already written at the control block:
 * publishes it, wakes the workers if `threads > 1`, takes part as thread 0,
 * then waits for the chunks still running on workers (polling briefly, then
 * sleeping where allowed). Synchronous for the caller.
 */
export function runTask(
  rt: WasmRuntime,
  op: number,
  n1: number,
  n2: number,
  threads: number,
): void {
  const gen = (rt.gen = rt.gen >= 0x7fffffff ? 1 : rt.gen + 1);
  const { ctl, exports, pool } = rt;
  exports.begin(ctl, gen, op, n1, n2, threads);
  if (threads > 1 && pool) {
    // Workers beyond this task's count stay idle (begin() told them so).
    pool.resize(getNumThreads() - 1);
    Atomics.notify(rt.arena.views().i32, (ctl + CTL.gen) >> 2);
    if (!(taskTesting.mainIdle && pool.ready > 0)) exports.work(ctl, gen, 0, rt.canWait);
    exports.join(ctl, gen, rt.canWait);
  } else {
    exports.work(ctl, gen, 0, 0);
  }
}

/** Chunks thread `tid` has run since the runtime was created (for tests). */
export function chunksRunBy(rt: WasmRuntime, tid: number): number {
  const at = rt.ctl + CTL.scratch + tid * CTL.scratchBytes + CTL.chunkCount;
  return Atomics.load(rt.arena.views().i32, at >> 2);
}

/** Writes integer parameters at the control block, starting at slot 0. */
export function writeParams(rt: WasmRuntime, values: readonly number[]): void {
  rt.arena.views().i32.set(values, (rt.ctl + CTL.params) >> 2);
}

/**
 * Writes float64 parameters from slot `slot` on (two slots each; `slot` even,
 * so they are 8-byte aligned in the 64-byte aligned control block).
 */
export function writeDoubleParams(rt: WasmRuntime, slot: number, values: readonly number[]): void {
  rt.arena.f64(rt.ctl + CTL.params + slot * 4, values.length).set(values);
}

/** Writes a float parameter into slot `slot`. */
export function writeFloatParam(rt: WasmRuntime, slot: number, value: number): void {
  rt.arena.views().f32[((rt.ctl + CTL.params) >> 2) + slot] = value;
}
