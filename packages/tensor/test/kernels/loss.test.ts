// The reference loss kernels against hand computation.
import { describe, expect, it } from "vitest";
import { cpuBackend, type ElementwiseLossOp } from "../../src/index.js";

const k = cpuBackend.kernels;

function values(op: ElementwiseLossOp, p: number[], t: number[], param = 0): number[] {
  const out = new Float64Array(p.length);
  k.elementwiseLoss(op, Float64Array.from(p), Float64Array.from(t), out, param);
  return Array.from(out);
}

function grads(
  op: ElementwiseLossOp,
  p: number[],
  t: number[],
  param = 0,
  upstream: number[] | null = null,
  weight = 1,
): [number[], number[]] {
  const dp = new Float64Array(p.length);
  const dt = new Float64Array(p.length);
  k.elementwiseLossGrad(
    op,
    Float64Array.from(p),
    Float64Array.from(t),
    upstream && Float64Array.from(upstream),
    weight,
    dp,
    dt,
    param,
  );
  return [Array.from(dp), Array.from(dt)];
}

describe("elementwiseLoss / elementwiseLossGrad (reference)", () => {
  it("squaredError: (p − t)², 2(p − t) times the weight, the negation for the target", () => {
    expect(values("squaredError", [1, 2], [0.5, 4])).toEqual([0.25, 4]);
    expect(grads("squaredError", [1, 2], [0.5, 4], 0, null, 0.5)).toEqual([
      [0.5, -2],
      [-0.5, 2],
    ]);
    expect(grads("squaredError", [1, 2], [0.5, 4], 0, [2, 3])[0]).toEqual([2, -12]);
  });

  it("absoluteError: |p − t|, gradient sign (0 at 0, NaN for NaN)", () => {
    expect(values("absoluteError", [1, 2], [3, 2])).toEqual([2, 0]);
    expect(grads("absoluteError", [1, 2, Number.NaN], [3, 2, 0])[0]).toEqual([-1, 0, Number.NaN]);
  });

  it("huber: quadratic within delta, linear beyond", () => {
    expect(values("huber", [0.5, 3, -3], [0, 0, 0], 1)).toEqual([0.125, 2.5, 2.5]);
    expect(grads("huber", [0.5, 3, -3], [0, 0, 0], 1)).toEqual([
      [0.5, 1, -1],
      [-0.5, -1, 1],
    ]);
  });

  it("binaryCrossEntropy: −log of the clamped probability, no gradient where clamped", () => {
    const [v, clamped] = values("binaryCrossEntropy", [0.25, 0], [1, 1], 1e-7);
    expect(v).toBeCloseTo(Math.log(4), 14);
    expect(clamped).toBeCloseTo(-Math.log(1e-7), 10);
    const [dp, dt] = grads("binaryCrossEntropy", [0.25, 0], [1, 1], 1e-7);
    expect(dp[0]).toBeCloseTo(-0.75 / (0.25 * 0.75), 14); // −4
    expect(dp[1]).toBe(0);
    expect(dt[0]).toBeCloseTo(-(Math.log(0.25) - Math.log(0.75)), 14);
  });

  it("binaryCrossEntropyLogits: log 2 at z = 0, gradient σ(z) − t, target gradient −z", () => {
    expect(values("binaryCrossEntropyLogits", [0, 800], [1, 0])).toEqual([Math.log(2), 800]);
    expect(grads("binaryCrossEntropyLogits", [0, 800], [1, 0])).toEqual([
      [-0.5, 1],
      [-0, -800],
    ]);
  });
});

describe("crossEntropy / crossEntropyGrad (reference)", () => {
  it("dense logits: log-sum-exp loss, softmax − t gradient, stable for large logits", () => {
    const out = new Float64Array(2);
    const z = Float64Array.of(0, 0, 1000, 0);
    const t = Float64Array.of(1, 0, 0, 1);
    k.crossEntropy("denseLogits", z, t, out, 2, 2, 0);
    expect(out[0]).toBeCloseTo(Math.log(2), 15);
    expect(out[1]).toBe(1000);
    const dz = new Float64Array(4);
    const dt = new Float64Array(4);
    k.crossEntropyGrad("denseLogits", z, t, Float64Array.of(1, 2), 0, dz, dt, 2, 2, 0);
    expect(Array.from(dz)).toEqual([-0.5, 0.5, 2, -2]);
    expect(dt[0]).toBeCloseTo(Math.log(2), 15);
    expect(dt[3]).toBe(2000);
  });

  it("probabilities (dense and sparse): rows renormalized; gradient through the renormalization", () => {
    const p = Float64Array.of(2, 6); // q = [0.25, 0.75]
    const dense = new Float64Array(1);
    const sparse = new Float64Array(1);
    k.crossEntropy("denseProbabilities", p, Float64Array.of(0, 1), dense, 1, 2, 1e-7);
    k.crossEntropy("sparseProbabilities", p, Int32Array.of(1), sparse, 1, 2, 1e-7);
    expect(dense[0]).toBeCloseTo(-Math.log(0.75), 15);
    expect(sparse[0]).toBe(dense[0]);
    // dq = [0, −4/3], Σdq·q = −1, dp = (dq − Σdq·q)/S = [1/8, −1/24]
    for (const [kind, t] of [
      ["denseProbabilities", Float64Array.of(0, 1)],
      ["sparseProbabilities", Int32Array.of(1)],
    ] as const) {
      const dp = new Float64Array(2);
      k.crossEntropyGrad(kind, p, t, null, 1, dp, null, 1, 2, 1e-7);
      expect(dp[0]).toBeCloseTo(1 / 8, 15);
      expect(dp[1]).toBeCloseTo(-1 / 24, 15);
    }
  });

  it("sparse logits: −z[label] + log-sum-exp; softmax − one-hot gradient times the weight", () => {
    const out = new Float64Array(1);
    const z = Float64Array.of(Math.log(3), 0);
    k.crossEntropy("sparseLogits", z, Int32Array.of(0), out, 1, 2, 0);
    expect(out[0]).toBeCloseTo(-Math.log(0.75), 15);
    const dz = new Float32Array(2);
    k.crossEntropyGrad("sparseLogits", z, Int32Array.of(0), null, 4, dz, null, 1, 2, 0);
    expect(dz[0]).toBeCloseTo(-1, 6);
    expect(dz[1]).toBeCloseTo(1, 6);
  });

  it("probabilities: a clamped row gets no gradient", () => {
    const dp = Float64Array.of(9, 9);
    k.crossEntropyGrad(
      "sparseProbabilities",
      Float64Array.of(0, 1),
      Int32Array.of(0),
      null,
      1,
      dp,
      null,
      1,
      2,
      1e-7,
    );
    expect(Array.from(dp)).toEqual([0, 0]);
  });
});
