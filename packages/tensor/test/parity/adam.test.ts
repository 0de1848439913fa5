import { beforeAll, describe, expect, it } from "vitest";
import { ADAM_THREADS_MIN, ADAM_WASM_MIN } from "../../src/backend/wasm/thresholds.js";
import {
  expectCoversThresholds,
  expectSameBits,
  generator,
  inMode,
  prepareThreads,
  ref,
  THREAD_MODES,
  uniformArray,
  wasmKernel,
} from "./helpers.js";

const wasmAdam = wasmKernel("adam")!;
const refAdam = ref.adam!;

// Below the threshold, odd lengths (the scalar tail), one chunk, several chunks, threads.
const SIZES = [7, ADAM_WASM_MIN - 1, ADAM_WASM_MIN + 3, 40_001, ADAM_THREADS_MIN + 5, 535_818];

/** Keras-form bias corrections at step t. */
function scalars(t: number, lr = 0.001, b1 = 0.9, b2 = 0.999) {
  return { a: (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t), c: 1, b1, b2 };
}

describe("wasm Adam step matches the reference bit for bit", () => {
  beforeAll(async () => {
    await prepareThreads();
  });

  it("covers sizes below and above the thresholds", () => {
    expectCoversThresholds(SIZES, ADAM_WASM_MIN, ADAM_THREADS_MIN);
  });

  for (const n of SIZES) {
    for (const mode of THREAD_MODES) {
      it(`${n} elements, ${mode.name}, three steps (Keras and PyTorch forms)`, () => {
        const rand = generator(n + mode.threads);
        const p0 = uniformArray(n, rand, -1, 1);
        const state = () => ({
          p: p0.slice(),
          m: new Float32Array(n),
          v: new Float32Array(n),
        });
        const want = state();
        const got = state();
        for (let t = 1; t <= 3; t++) {
          const g = uniformArray(n, rand, -2, 2);
          g[0] = 0;
          if (n > 2) g[1] = 1e-30;
          const s = scalars(t);
          // Step 3 uses the PyTorch form: c = 1/√(1 − β₂ᵗ), a = lr/(1 − β₁ᵗ).
          const a = t === 3 ? 0.001 / (1 - s.b1 ** t) : s.a;
          const c = t === 3 ? 1 / Math.sqrt(1 - s.b2 ** t) : s.c;
          const eps = t === 3 ? 1e-8 : 1e-7;
          refAdam(want.p, g, want.m, want.v, a, c, s.b1, s.b2, eps);
          const counts = inMode(mode, () =>
            wasmAdam(got.p, g, got.m, got.v, a, c, s.b1, s.b2, eps),
          );
          if (mode.workerOnly && n >= ADAM_THREADS_MIN) expect(counts.main).toBe(0);
        }
        expectSameBits(got.p, want.p, "p");
        expectSameBits(got.m, want.m, "m");
        expectSameBits(got.v, want.v, "v");
      });
    }
  }

  it("float64 arrays stay on the reference", () => {
    const p = Float64Array.from([0.5, -0.25]);
    const q = p.slice();
    const g = Float64Array.from([0.1, -0.2]);
    const m = new Float64Array(2);
    const v = new Float64Array(2);
    refAdam(p, g, m.slice(), v.slice(), 0.001, 1, 0.9, 0.999, 1e-7);
    wasmAdam(q, g, m, v, 0.001, 1, 0.9, 0.999, 1e-7);
    expectSameBits(q, p, "p");
  });
});
