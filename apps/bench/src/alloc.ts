import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import { median } from "./timing.js";

/** Bytes allocated per call of `step`, and how they were measured. */
export interface AllocResult {
  /** Typed-array backing stores plus young-generation JS objects, per step. */
  bytesPerStep: number;
  /** Of which ArrayBuffer backing stores (typed arrays' data of 64 bytes and more). */
  arrayBufferBytesPerStep: number;
  method: string;
}

/** Bytes in the young generation (where V8 allocates new JS objects and small typed arrays). */
function young(): number {
  let t = 0;
  for (const s of getHeapSpaceStatistics())
    if (s.space_name === "new_space" || s.space_name === "new_large_object_space")
      t += s.space_used_size;
  return t;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Measures the bytes `step` allocates per call in steady state. After a
 * warm-up (JIT tiers settled), each window reads the young generation's size
 * (`v8.getHeapSpaceStatistics()`: new_space + new_large_object_space, where
 * V8 puts new JS objects and typed arrays under 64 bytes) and the
 * ArrayBuffer backing stores (`process.memoryUsage().arrayBuffers`), runs a
 * few steps (as many as allocate about `windowBytes`, from a one-step probe,
 * at most `steps`) and reads again. Between collections both only grow, so a
 * window during which the collector did not run (no `gc` PerformanceObserver
 * entry, no shrinking count) sees exactly what the steps allocated. No
 * collection is forced: `gc()` makes V8 drop and recompile code, whose
 * allocations would be counted. Returns the medians over the kept windows.
 */
export async function bytesPerStep(
  step: () => void,
  { windows = 9, steps = 64, warmSteps = 20, warmMs = 300, windowBytes = 1 << 20 } = {},
): Promise<AllocResult> {
  const t0 = performance.now();
  for (let i = 0; i < warmSteps || performance.now() - t0 < warmMs; i++) step();
  let collections = 0;
  const obs = new PerformanceObserver((list) => {
    collections += list.getEntries().length;
  });
  obs.observe({ entryTypes: ["gc"] });
  const totals: number[] = [];
  const buffers: number[] = [];
  let n = 1;
  const window = async (count: number): Promise<[number, number] | null> => {
    await tick();
    await tick();
    const seen = collections;
    const y0 = young();
    const a0 = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < count; i++) step();
    const dy = young() - y0;
    const da = process.memoryUsage().arrayBuffers - a0;
    await tick();
    if (collections !== seen || dy < 0 || da < 0) return null;
    return [(dy + da) / count, da / count];
  };
  try {
    const probe: number[] = [];
    for (let i = 0; i < 5 && probe.length < 3; i++) {
      const w = await window(1);
      if (w) probe.push(w[0]);
    }
    n = Math.max(
      1,
      Math.min(steps, Math.round(windowBytes / Math.max(1, probe.length ? median(probe) : 1))),
    );
    for (let tries = 0; totals.length < windows && tries < windows * 4; tries++) {
      const w = await window(n);
      if (w === null) continue;
      totals.push(w[0]);
      buffers.push(w[1]);
    }
  } finally {
    obs.disconnect();
  }
  return {
    bytesPerStep: totals.length ? median(totals) : Number.NaN,
    arrayBufferBytesPerStep: buffers.length ? median(buffers) : Number.NaN,
    method: `median of ${totals.length} windows of ${n} step(s) during which no collection ran: Δ young generation (v8.getHeapSpaceStatistics new_space + new_large_object_space) + Δ process.memoryUsage().arrayBuffers`,
  };
}
