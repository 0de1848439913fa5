import type { Job } from "./types.js";

/** Runs `job` once, awaiting it only if it returns a promise. */
async function once(job: Job): Promise<void> {
  const r = job.run();
  if (r) await r;
}

/** Milliseconds per call over `calls` back-to-back calls. */
export async function timeCalls(job: Job, calls: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await once(job);
  return (performance.now() - t0) / calls;
}

/**
 * Warms a job up (JIT tiers, caches, worker threads) for at least `ms`
 * milliseconds and `minCalls` calls; returns the time of the last call.
 */
export async function warmUp(job: Job, ms: number, minCalls: number): Promise<number> {
  const start = performance.now();
  let last = 0;
  for (let i = 0; i < minCalls || performance.now() - start < ms; i++) {
    last = await timeCalls(job, 1);
  }
  return last;
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
