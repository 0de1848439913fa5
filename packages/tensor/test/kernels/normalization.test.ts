// The reference BatchNorm kernels against hand computation and float64 finite differences.
import { describe, expect, it } from "vitest";
import { cpuBackend } from "../../src/index.js";

const k = cpuBackend.kernels;

/** x = [[1, 2], [3, 6], [5, 10]]: mean [3, 6], biased variance [8/3, 32/3]. */
const X = Float64Array.of(1, 2, 3, 6, 5, 10);
const GAMMA = Float64Array.of(2, 0.5);
const BETA = Float64Array.of(1, -1);
const EPS = 1e-3;

function train(x: Float64Array, rows: number, features: number, gamma = GAMMA, beta = BETA) {
  const y = new Float64Array(x.length);
  const mean = new Float64Array(features);
  const variance = new Float64Array(features);
  k.batchNormTraining(x, gamma, beta, y, mean, variance, rows, features, EPS);
  return { y, mean, variance };
}

describe("batchNormTraining (reference)", () => {
  it("writes the batch mean, the biased variance and gamma·x̂ + beta", () => {
    const { y, mean, variance } = train(X, 3, 2);
    expect(mean[0]).toBeCloseTo(3, 14);
    expect(mean[1]).toBeCloseTo(6, 14);
    expect(variance[0]).toBeCloseTo(8 / 3, 14);
    expect(variance[1]).toBeCloseTo(32 / 3, 14);
    const s0 = Math.sqrt(8 / 3 + EPS);
    const s1 = Math.sqrt(32 / 3 + EPS);
    const expected = [-2 / s0, -4 / s1, 0, 0, 2 / s0, 4 / s1].map((h, i) =>
      i % 2 === 0 ? 2 * h + 1 : 0.5 * h - 1,
    );
    for (let i = 0; i < 6; i++) expect(y[i]).toBeCloseTo(expected[i]!, 13);
  });

  it("keeps the variance's digits when the mean is large (shifted sums)", () => {
    const x = Float64Array.of(1e9 + 1, 1e9 + 2, 1e9 + 3);
    const { mean, variance } = train(x, 3, 1, Float64Array.of(1), Float64Array.of(0));
    expect(mean[0]).toBe(1e9 + 2);
    expect(variance[0]).toBeCloseTo(2 / 3, 12);
  });

  it("treats null gamma/beta as 1 and 0, and makes only a feature with NaN NaN", () => {
    const x = Float64Array.of(1, Number.NaN, 3, 2);
    const y = new Float64Array(4);
    const mean = new Float64Array(2);
    const variance = new Float64Array(2);
    k.batchNormTraining(x, null, null, y, mean, variance, 2, 2, 0);
    expect(Array.from(y.filter((_, i) => i % 2 === 0))).toEqual([-1, 1]);
    expect(Number.isNaN(mean[1]!) && Number.isNaN(variance[1]!)).toBe(true);
    expect(Number.isNaN(y[1]!) && Number.isNaN(y[3]!)).toBe(true);
  });

  it("writes float32 outputs rounded once", () => {
    const y = new Float32Array(6);
    const mean = new Float64Array(2);
    const variance = new Float64Array(2);
    k.batchNormTraining(Float32Array.from(X), null, null, y, mean, variance, 3, 2, EPS);
    expect(y[0]).toBe(Math.fround(-2 / Math.sqrt(8 / 3 + EPS)));
  });
});

describe("batchNormInference (reference)", () => {
  it("normalizes with the given statistics", () => {
    const y = new Float64Array(2);
    k.batchNormInference(
      Float64Array.of(2, 7),
      Float64Array.of(3, 1),
      Float64Array.of(0.5, 0),
      Float64Array.of(0, 4),
      Float64Array.of(4, 9),
      y,
      1,
      2,
      0,
    );
    expect(Array.from(y)).toEqual([3 * (2 / 2) + 0.5, 3 / 3]);
  });
});

/** Σ dy·y of a forward, to differentiate numerically. */
function objective(
  training: boolean,
  x: Float64Array,
  gamma: Float64Array,
  beta: Float64Array,
  dy: Float64Array,
  mm: Float64Array,
  mv: Float64Array,
): number {
  const y = new Float64Array(x.length);
  if (training)
    k.batchNormTraining(x, gamma, beta, y, new Float64Array(2), new Float64Array(2), 3, 2, EPS);
  else k.batchNormInference(x, gamma, beta, mm, mv, y, 3, 2, EPS);
  return y.reduce((s, v, i) => s + v * dy[i]!, 0);
}

describe("batchNormBackward (reference)", () => {
  it("gives zero dx for a constant dy in training mode, Σdy as dbeta", () => {
    const { mean, variance } = train(X, 3, 2);
    const dx = new Float64Array(6);
    const dbeta = new Float64Array(2);
    k.batchNormBackward(
      true,
      X,
      new Float64Array(6).fill(1),
      GAMMA,
      mean,
      variance,
      dx,
      null,
      dbeta,
      3,
      2,
      EPS,
    );
    for (const v of dx) expect(v).toBeCloseTo(0, 14);
    expect(Array.from(dbeta)).toEqual([3, 3]);
  });

  for (const training of [true, false])
    it(`matches central differences in float64 (${training ? "training" : "inference"} mode)`, () => {
      const dy = Float64Array.of(0.3, -1.2, 0.7, 0.1, -0.4, 2);
      const mm = Float64Array.of(0.5, 5);
      const mv = Float64Array.of(2, 9);
      const { mean, variance } = training ? train(X, 3, 2) : { mean: mm, variance: mv };
      const dx = new Float64Array(6);
      const dgamma = new Float64Array(2);
      const dbeta = new Float64Array(2);
      k.batchNormBackward(training, X, dy, GAMMA, mean, variance, dx, dgamma, dbeta, 3, 2, EPS);
      const h = 1e-6;
      const numeric = (arr: Float64Array, i: number) => {
        const old = arr[i]!;
        arr[i] = old + h;
        const up = objective(training, X, GAMMA, BETA, dy, mm, mv);
        arr[i] = old - h;
        const down = objective(training, X, GAMMA, BETA, dy, mm, mv);
        arr[i] = old;
        return (up - down) / (2 * h);
      };
      for (let i = 0; i < 6; i++) expect(dx[i]).toBeCloseTo(numeric(X, i), 7);
      for (let j = 0; j < 2; j++) {
        expect(dgamma[j]).toBeCloseTo(numeric(GAMMA, j), 7);
        expect(dbeta[j]).toBeCloseTo(numeric(BETA, j), 7);
      }
    });
});

describe("batchNormUpdateStatistics (reference)", () => {
  it("blends the batch statistics in with the momentum and scales the variance", () => {
    const mm = Float32Array.of(0, 1);
    const mv = Float32Array.of(1, 2);
    k.batchNormUpdateStatistics(mm, mv, Float64Array.of(3, -1), Float64Array.of(4, 0), 0.9, 1.5);
    expect(Array.from(mm)).toEqual([Math.fround(0.9 * 0 + 0.1 * 3), Math.fround(0.9 - 0.1)]);
    expect(mv[0]).toBe(Math.fround(0.9 + (1 - 0.9) * 4 * 1.5));
    expect(mv[1]).toBe(Math.fround(0.9 * 2));
  });
});
