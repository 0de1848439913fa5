import type { Job } from "./types.js";

/** Runs `job` once, awaiting it only if it returns a promise. */
async function once(job: Job): Promise<void> {
  const r = job.run();
  if (r) await r;
}

/** Milliseconds per call over `calls` back-to-back calls. */
async function timeCalls(job: Job, calls: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await once(job);
  return (performance.now() - t0) / calls;
}

/**
 * Warms a job up (JIT tiers, caches, worker threads) for at least `ms`
 * milliseconds and `minCalls` calls; returns the time of the last call.
 */
async function warmUp(job: Job, ms: number, minCalls: number): Promise<number> {
  const start = performance.now();
  let last = 0;
  for (let i = 0; i < minCalls || performance.now() - start < ms; i++) {
    last = await timeCalls(job, 1);
  }
  return last;
}

/**
 * Lets the event loop run a task, so that finalizers of the jobs disposed
 * before can run: the WebAssembly backend gets the memory blocks of a dropped
 * model's resident state back only then, as an application would between
 * runs. Without it, a bench that builds a fresh model per sample in one
 * synchronous stretch would fill the backend's resident cap.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** How long and how often {@link measureAlternating} measures. */
export interface SampleOptions {
  /** Rounds; each round times every entry once, in rotating order. */
  rounds: number;
  /** Minimum duration of one timed sample (calls are batched up to it). */
  sampleMs: number;
  /** Minimum warm-up per entry. */
  warmMs: number;
  /** Minimum warm-up calls (default 2). */
  warmCalls?: number;
  /** A warm-up call at least this long (ms) also serves as the first sample (default: never). */
  reuseWarmMs?: number;
}

/** One thing to time: `start` activates its settings and builds its job (untimed). */
export interface TimedEntry {
  key: string;
  start(): Promise<Job> | Job;
}

/**
 * The bench's timing method: warms every entry up (which also sizes its
 * samples), then in each round times every entry once in a rotating order
 * (so none always runs first or right after another), a sample batching
 * calls up to `sampleMs`; returns the median ms per call of each entry. Each
 * sample builds a fresh job and disposes of it afterwards.
 */
export async function measureAlternating(
  entries: readonly TimedEntry[],
  o: SampleOptions,
): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  const samples = new Map<string, number[]>(entries.map((e) => [e.key, []]));
  for (const e of entries) {
    await yieldToEventLoop();
    const job = await e.start();
    try {
      const ms = await warmUp(job, o.warmMs, o.warmCalls ?? 2);
      calls.set(e.key, Math.max(1, Math.round(o.sampleMs / Math.max(ms, 1e-3))));
      if (o.reuseWarmMs !== undefined && ms >= o.reuseWarmMs) samples.get(e.key)!.push(ms);
    } finally {
      job.dispose();
    }
  }
  for (let round = 0; round < o.rounds; round++) {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[(i + round) % entries.length]!;
      const xs = samples.get(e.key)!;
      if (xs.length >= o.rounds) continue;
      await yieldToEventLoop();
      const job = await e.start();
      try {
        xs.push(await timeCalls(job, calls.get(e.key)!));
      } finally {
        job.dispose();
      }
    }
  }
  return new Map([...samples].map(([key, xs]) => [key, median(xs)]));
}
