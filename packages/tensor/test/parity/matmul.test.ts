import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadSync } from "../../src/backend/wasm/runtime.js";
import { MATMUL_THREADS_MIN, MATMUL_WASM_MIN } from "../../src/backend/wasm/thresholds.js";
import { matmul, Tensor, useBackend } from "../../src/index.js";
import {
  expectSameBits,
  expectWithin,
  generator,
  inMode,
  prepareThreads,
  ref,
  THREAD_MODES,
  uniformArray,
  wasmKernel,
} from "./helpers.js";

const wasmMatmul = wasmKernel("matmul");

// Odd sizes, k past one and two k-slices (512), vectors, edges that leave
// partial 4x8 tiles, and sizes past the threading threshold.
const SHAPES: [number, number, number][] = [
  [5, 7, 130],
  [8, 64, 8],
  [33, 300, 17],
  [64, 64, 65],
  [129, 257, 31],
  [4, 1030, 8],
  [1, 600, 200],
  [200, 600, 1],
  [70, 80, 90],
  [150, 513, 140],
  [160, 160, 170],
  [257, 200, 90],
  [3, 5, 7],
];
const TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

/** f32 error bound of a k-term dot product: (k + 2)·u·Σ|a||b| (u = 2^-24). */
function bound(
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  ta: boolean,
  tb: boolean,
) {
  const absA = Float64Array.from(a, Math.abs);
  const absB = Float64Array.from(b, Math.abs);
  const dots = new Float64Array(m * n);
  ref.matmul(absA, 0, absB, 0, dots, 0, m, k, n, ta, tb);
  return (i: number) => (k + 2) * 2 ** -24 * dots[i]! + 1e-30;
}

describe("wasm matmul matches the reference", () => {
  let workerRuns = 0;

  beforeAll(async () => {
    await prepareThreads();
  });

  afterAll(() => {
    // The worker path was really taken (and checked) for the large shapes.
    expect(workerRuns).toBeGreaterThanOrEqual(8);
  });

  it("covers both thresholds", () => {
    expect(SHAPES.some(([m, k, n]) => m * k * n < MATMUL_WASM_MIN)).toBe(true);
    expect(SHAPES.some(([m, k, n]) => m * k * n >= MATMUL_THREADS_MIN)).toBe(true);
  });

  for (const [m, k, n] of SHAPES) {
    for (const [ta, tb] of TRANSPOSES) {
      const label = `[${m},${k}]${ta ? "ᵀ" : ""} x [${k},${n}]${tb ? "ᵀ" : ""}`;
      it(label, () => {
        const rand = generator(m * 1000003 + k * 1009 + n + (ta ? 7 : 0) + (tb ? 13 : 0));
        // Operands sit at an offset inside larger buffers, as in a batch.
        const aOff = 3;
        const bOff = 5;
        const outOff = 2;
        const aBuf = uniformArray(aOff + m * k + 4, rand);
        const bBuf = uniformArray(bOff + k * n + 4, rand);
        const a = aBuf.subarray(aOff, aOff + m * k);
        const b = bBuf.subarray(bOff, bOff + k * n);
        const expected = new Float32Array(m * n);
        ref.matmul(a, 0, b, 0, expected, 0, m, k, n, ta, tb);
        const tol = bound(a, b, m, k, n, ta, tb);
        let first: Float32Array | null = null;
        for (const mode of THREAD_MODES) {
          const out = new Float32Array(outOff + m * n + 3).fill(7);
          const ran = inMode(mode, () =>
            wasmMatmul(aBuf, aOff, bBuf, bOff, out, outOff, m, k, n, ta, tb),
          );
          if (mode.threads === 1 || m * k * n < MATMUL_THREADS_MIN) expect(ran.worker).toBe(0);
          // Worker only: either the worker ran every chunk, or the call was too small to split.
          if (mode.workerOnly) expect(ran.main === 0 || ran.worker === 0).toBe(true);
          if (mode.workerOnly && ran.worker > 0) workerRuns++;
          const got = out.subarray(outOff, outOff + m * n);
          expectWithin(got, expected, tol, `${label} (${mode.name})`);
          // Nothing outside the output window is touched.
          expect([...out.subarray(0, outOff), ...out.subarray(outOff + m * n)]).toEqual([
            7, 7, 7, 7, 7,
          ]);
          // Every thread count gives the same bits.
          if (first) expectSameBits(got, first, `${label} (${mode.name} vs 1 thread)`);
          else first = Float32Array.from(got);
        }
      });
    }
  }

  it("writes zeros when k = 0 and handles empty outputs", () => {
    const out = new Float32Array(12).fill(3);
    wasmMatmul(new Float32Array(0), 0, new Float32Array(0), 0, out, 0, 3, 0, 4, false, false);
    expect([...out]).toEqual(new Array(12).fill(0));
    wasmMatmul(
      new Float32Array(0),
      0,
      new Float32Array(5),
      0,
      new Float32Array(0),
      0,
      0,
      5,
      1,
      false,
      false,
    );
  });

  it("batched matmul through the registry equals the reference", () => {
    const rand = generator(42);
    const a = new Tensor(uniformArray(3 * 40 * 50, rand), [3, 40, 50]);
    const b = new Tensor(uniformArray(50 * 60, rand), [50, 60]);
    const fast = matmul(a, b, { transposeA: false });
    useBackend("cpu");
    try {
      const slow = matmul(a, b);
      expectWithin(fast.data, slow.data, () => 1e-4, "batched");
    } finally {
      useBackend("wasm");
    }
  });
});

describe("the plain-SIMD matmul (NEURITE_RELAXED_SIMD=0) matches the reference too", () => {
  it("this Node runs the relaxed (fused multiply-add) build by default", () => {
    expect(loadSync()?.relaxed).toBe(true);
  });

  it("every shape and transpose, within the same bound", async () => {
    vi.stubEnv("NEURITE_RELAXED_SIMD", "0");
    vi.resetModules();
    try {
      // A fresh module graph: its runtime loads the plain build.
      const runtime = await import("../../src/backend/wasm/runtime.js");
      const { matmul: plainMatmul } = await import("../../src/backend/wasm/kernels/matmul.js");
      expect(runtime.loadSync()?.relaxed).toBe(false);
      for (const [m, k, n] of SHAPES) {
        for (const [ta, tb] of TRANSPOSES) {
          const rand = generator(m * 7919 + k * 31 + n + (ta ? 3 : 0) + (tb ? 5 : 0));
          const a = uniformArray(m * k, rand);
          const b = uniformArray(k * n, rand);
          const expected = new Float32Array(m * n);
          ref.matmul(a, 0, b, 0, expected, 0, m, k, n, ta, tb);
          const got = new Float32Array(m * n);
          if (plainMatmul(a, 0, b, 0, got, 0, m, k, n, ta, tb) === false)
            ref.matmul(a, 0, b, 0, got, 0, m, k, n, ta, tb); // declined: too small for wasm
          expectWithin(got, expected, bound(a, b, m, k, n, ta, tb), `plain [${m},${k},${n}]`);
        }
      }
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
