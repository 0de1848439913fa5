import { PerformanceObserver } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { median } from "./timing.js";

/** Bytes allocated per call of `step`, and how they were measured. */
export interface AllocResult {
  bytesPerStep: number;
  method: string;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** JS heap in use plus the backing stores of ArrayBuffers (typed arrays' data). */
function inUse(): number {
  return getHeapStatistics().used_heap_size + process.memoryUsage().arrayBuffers;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Measures the bytes `step` allocates per call in steady state: after a
 * warm-up, each window forces a full collection (`gc()`, with `--expose-gc`),
 * reads the JS heap in use plus ArrayBuffer backing stores
 * (`v8.getHeapStatistics().used_heap_size + process.memoryUsage().arrayBuffers`),
 * runs `steps` steps and reads again. A window during which the collector ran
 * (seen by a `gc` PerformanceObserver) is discarded and the next one runs
 * half as many steps. Returns the median over the kept windows. Without
 * `--expose-gc` the windows start without a forced collection (noisier).
 */
export async function bytesPerStep(
  step: () => void,
  { windows = 7, steps = 64, warmSteps = 50 } = {},
): Promise<AllocResult> {
  for (let i = 0; i < warmSteps; i++) step();
  let collections = 0;
  const obs = new PerformanceObserver((list) => {
    collections += list.getEntries().length;
  });
  obs.observe({ entryTypes: ["gc"] });
  const kept: number[] = [];
  let n = steps;
  try {
    for (let tries = 0; kept.length < windows && tries < windows * 6; tries++) {
      gc?.();
      await tick();
      await tick();
      const seen = collections;
      const before = inUse();
      for (let i = 0; i < n; i++) step();
      const after = inUse();
      await tick();
      if (collections !== seen) {
        n = Math.max(1, n >> 1);
        continue;
      }
      kept.push(Math.max(0, after - before) / n);
    }
  } finally {
    obs.disconnect();
  }
  return {
    bytesPerStep: kept.length ? median(kept) : Number.NaN,
    method: `median of ${kept.length} windows of ${n} steps without a collection: Δ(v8 used_heap_size + process.memoryUsage().arrayBuffers)${gc ? " after gc()" : " (no --expose-gc)"}`,
  };
}
