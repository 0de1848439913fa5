// Shared pieces of the parity suite: a seeded generator, the thread modes every
// wasm kernel is run in, and comparisons against the TypeScript reference.
import { expect } from "vitest";
import { wasmBackend } from "../../src/backend/wasm/backend.js";
import { loadSync, type WasmRuntime } from "../../src/backend/wasm/runtime.js";
import { chunksRunBy, startWorkers, taskTesting } from "../../src/backend/wasm/task.js";
import { cpuBackend, getNumThreads, type Kernels, setNumThreads } from "../../src/index.js";

/** The reference kernels. */
export const ref: Kernels = cpuBackend.kernels;

/**
 * A WebAssembly kernel as the registry serves it: a call it declines goes to
 * the reference (each kernel must exist for its suite).
 */
export function wasmKernel<K extends keyof Kernels>(name: K): Kernels[K] {
  const k = wasmBackend.kernels[name] as ((...args: unknown[]) => unknown) | undefined;
  if (!k) throw new Error(`wasm backend has no ${name} kernel`);
  const reference = ref[name] as (...args: unknown[]) => unknown;
  return ((...args: unknown[]) =>
    k(...args) === false ? reference(...args) : undefined) as unknown as Kernels[K];
}

/** The WebAssembly kernel itself: `false` when it declines the call. */
export function rawWasmKernel<K extends keyof Kernels>(name: K): Kernels[K] {
  const k = wasmBackend.kernels[name];
  if (!k) throw new Error(`wasm backend has no ${name} kernel`);
  return k as Kernels[K];
}

/** Deterministic uniform [0, 1) generator (mulberry32). */
export function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` float32 values uniform in [lo, hi). */
export function uniformArray(n: number, rand: () => number, lo = -1, hi = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * rand();
  return a;
}

/** Values that break careless kernels: NaN, infinities, signed zeros, subnormals, extremes. */
export const SPECIALS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0,
  -0,
  1e-40,
  -1e-40,
  1e-8,
  -1e-8,
  1,
  -1,
  88.5,
  89,
  -87.5,
  -104,
  3.4e38,
  -3.4e38,
];

/** Expects the case sizes to reach below the wasm threshold and past the threading one. */
export function expectCoversThresholds(
  sizes: readonly number[],
  wasmMin: number,
  threadsMin: number,
): void {
  expect(Math.min(...sizes)).toBeLessThan(wasmMin);
  expect(Math.max(...sizes)).toBeGreaterThanOrEqual(threadsMin);
}

/** How a wasm kernel is run: on one thread, on two, or entirely on the worker. */
export interface ThreadMode {
  name: string;
  threads: number;
  workerOnly: boolean;
}

export const THREAD_MODES: ThreadMode[] = [
  { name: "1 thread", threads: 1, workerOnly: false },
  { name: "2 threads", threads: 2, workerOnly: false },
  { name: "worker only", threads: 2, workerOnly: true },
];

/** Loads the kernels and waits for a second thread, so the 2-thread modes really use it. */
export async function prepareThreads(): Promise<WasmRuntime> {
  const rt = loadSync();
  if (!rt) throw new Error("WebAssembly SIMD kernels did not load");
  const before = getNumThreads();
  setNumThreads(2);
  const ready = await startWorkers(rt);
  setNumThreads(before);
  if (ready < 1) throw new Error("no worker thread started");
  return rt;
}

/** Chunks run by the calling thread and by the first worker while `fn` ran in `mode`. */
export interface ChunkCounts {
  main: number;
  worker: number;
}

/** Runs `fn` in a thread mode, restoring the previous settings; returns who ran the chunks. */
export function inMode(mode: ThreadMode, fn: () => void): ChunkCounts {
  const rt = loadSync();
  if (!rt) throw new Error("WebAssembly SIMD kernels did not load");
  const before = getNumThreads();
  const main0 = chunksRunBy(rt, 0);
  const worker0 = chunksRunBy(rt, 1);
  setNumThreads(mode.threads);
  taskTesting.mainIdle = mode.workerOnly;
  try {
    fn();
  } finally {
    taskTesting.mainIdle = false;
    setNumThreads(before);
  }
  return { main: chunksRunBy(rt, 0) - main0, worker: chunksRunBy(rt, 1) - worker0 };
}

/** Index of the first element where `a` and `b` differ in bits (NaNs compare equal), or -1. */
export function firstBitDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!Object.is(x, y)) return i;
  }
  return -1;
}

/** Expects identical values (bit for bit, NaN equal to NaN). */
export function expectSameBits(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
): void {
  const i = firstBitDifference(actual, expected);
  expect(i, `${what}: first difference at ${i}: ${actual[i]} vs ${expected[i]}`).toBe(-1);
}

/**
 * Expects |actual - expected| <= tol[i] elementwise, with NaN and infinities
 * in the same places.
 */
export function expectWithin(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: (i: number) => number,
  what: string,
): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const x = actual[i]!;
    const y = expected[i]!;
    if (Number.isNaN(y) || !Number.isFinite(y)) {
      if (!Object.is(x, y) && !(Number.isNaN(x) && Number.isNaN(y))) {
        expect.fail(`${what}: element ${i}: got ${x}, expected ${y}`);
      }
      continue;
    }
    if (!(Math.abs(x - y) <= tol(i))) {
      expect.fail(`${what}: element ${i}: got ${x}, expected ${y} (tolerance ${tol(i)})`);
    }
  }
}
