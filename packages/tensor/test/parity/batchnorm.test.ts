import { beforeAll, describe, expect, it } from "vitest";
import { BATCHNORM_THREADS_MIN, BATCHNORM_WASM_MIN } from "../../src/backend/wasm/thresholds.js";
import {
  expectCoversThresholds,
  expectSameBits,
  generator,
  inMode,
  prepareThreads,
  ref,
  SPECIALS,
  THREAD_MODES,
  uniformArray,
  wasmKernel,
} from "./helpers.js";

// Tolerance: none. The wasm kernels compute in float64 in the reference's
// order of operations (no fused multiply-add) and each feature's sums run in
// one chunk, so every output is bit-identical to the reference, on any number
// of threads.

const training = wasmKernel("batchNormTraining");
const inference = wasmKernel("batchNormInference");
const backward = wasmKernel("batchNormBackward");

// [rows, features]: below the threshold, at it, odd features over several chunks, W3-like, threads.
const SHAPES: [number, number][] = [
  [3, 5],
  [64, 64],
  [37, 131],
  [128, 512],
  [1025, 513],
];

/** Operands with specials (NaN, ±Inf, zeros, extremes) in a few columns. */
function operands(rows: number, F: number, seed: number) {
  const rand = generator(seed);
  const x = uniformArray(rows * F, rand, -3, 5);
  const dy = uniformArray(rows * F, rand, -1, 1);
  for (let s = 0; s < SPECIALS.length; s++) {
    const at = Math.floor(rand() * rows) * F + ((3 * s) % F);
    x[at] = SPECIALS[s]!;
    dy[(at + 1) % dy.length] = SPECIALS[(s + 3) % SPECIALS.length]!;
  }
  const gamma = uniformArray(F, rand, 0.5, 2);
  const beta = uniformArray(F, rand, -1, 1);
  return { x, dy, gamma, beta };
}

describe("wasm BatchNorm kernels match the reference bit for bit", () => {
  beforeAll(async () => {
    await prepareThreads();
  });

  it("covers sizes below and above the thresholds", () => {
    expectCoversThresholds(
      SHAPES.map(([r, f]) => r * f),
      BATCHNORM_WASM_MIN,
      BATCHNORM_THREADS_MIN,
    );
  });

  for (const [rows, F] of SHAPES)
    for (const mode of THREAD_MODES)
      for (const affine of [true, false])
        it(`[${rows}, ${F}], ${mode.name}, ${affine ? "gamma and beta" : "no gamma or beta"}`, () => {
          const n = rows * F;
          const o = operands(rows, F, n + mode.threads);
          const gamma = affine ? o.gamma : null;
          const beta = affine ? o.beta : null;
          const eps = 1e-3;
          const want = {
            y: new Float32Array(n),
            mean: new Float64Array(F),
            variance: new Float64Array(F),
          };
          const got = {
            y: new Float32Array(n),
            mean: new Float64Array(F),
            variance: new Float64Array(F),
          };
          ref.batchNormTraining(o.x, gamma, beta, want.y, want.mean, want.variance, rows, F, eps);
          const counts = inMode(mode, () =>
            training(o.x, gamma, beta, got.y, got.mean, got.variance, rows, F, eps),
          );
          if (mode.workerOnly && n >= BATCHNORM_THREADS_MIN) expect(counts.main).toBe(0);
          expectSameBits(got.y, want.y, "training y");
          expectSameBits(got.mean, want.mean, "mean");
          expectSameBits(got.variance, want.variance, "variance");

          // Inference with float32 moving statistics.
          const mm = Float32Array.from(want.mean);
          const mv = Float32Array.from(want.variance);
          ref.batchNormInference(o.x, gamma, beta, mm, mv, want.y, rows, F, eps);
          inMode(mode, () => inference(o.x, gamma, beta, mm, mv, got.y, rows, F, eps));
          expectSameBits(got.y, want.y, "inference y");

          for (const isTraining of [true, false]) {
            const [mean, variance] = isTraining ? [want.mean, want.variance] : [mm, mv];
            const grads = () => ({
              dx: new Float32Array(n),
              dgamma: affine ? new Float32Array(F) : null,
              dbeta: new Float32Array(F),
            });
            const w = grads();
            const g = grads();
            const args = [rows, F, eps] as const;
            ref.batchNormBackward(
              isTraining,
              o.x,
              o.dy,
              gamma,
              mean,
              variance,
              w.dx,
              w.dgamma,
              w.dbeta,
              ...args,
            );
            inMode(mode, () =>
              backward(
                isTraining,
                o.x,
                o.dy,
                gamma,
                mean,
                variance,
                g.dx,
                g.dgamma,
                g.dbeta,
                ...args,
              ),
            );
            const what = isTraining ? "training" : "inference";
            expectSameBits(g.dx, w.dx, `${what} dx`);
            if (affine) expectSameBits(g.dgamma!, w.dgamma!, `${what} dgamma`);
            expectSameBits(g.dbeta, w.dbeta, `${what} dbeta`);
            // Without dx: only the sums.
            const s = new Float32Array(F);
            inMode(mode, () =>
              backward(isTraining, o.x, o.dy, gamma, mean, variance, null, null, s, ...args),
            );
            expectSameBits(s, w.dbeta, `${what} dbeta without dx`);
          }
        });

  it("float64 stays on the reference", () => {
    const x = Float64Array.from({ length: 8192 }, (_, i) => Math.sin(i));
    const y = new Float64Array(x.length);
    const yRef = new Float64Array(x.length);
    const stats = () => [new Float64Array(64), new Float64Array(64)] as const;
    ref.batchNormTraining(x, null, null, yRef, ...stats(), 128, 64, 1e-3);
    training(x, null, null, y, ...stats(), 128, 64, 1e-3);
    expectSameBits(y, yRef, "y");
  });
});
