import { describe, expect, it } from "vitest";
import { cpuBackend } from "../../src/index.js";

// The reference optimizer kernels against updates worked out by hand (see
// OptimizerKernels for the formulas). Float64 arrays, so the formula is exact
// up to the last bit (toBeCloseTo with 14 digits).

const k = cpuBackend.kernels;
const f64 = (...xs: number[]) => Float64Array.from(xs);
const close = (got: ArrayLike<number>, want: number[]) =>
  expect(Array.from(got)).toEqual(want.map((x) => expect.closeTo(x, 14)));

describe("sgd reference", () => {
  it("plain step, with and without l2", () => {
    const p = f64(1, -2);
    k.sgd(p, f64(0.5, 1), null, 0.1, 0, 0, 0, false, false);
    close(p, [0.95, -2.1]);
    const q = f64(1, -2);
    // d = g + 0.1·θ = (0.6, 0.8)
    k.sgd(q, f64(0.5, 1), null, 0.1, 0, 0, 0.1, false, false);
    close(q, [0.94, -2.08]);
  });

  it("momentum: the first step copies d, later ones damp it", () => {
    const p = f64(1, -2);
    const b = f64(7, 7);
    k.sgd(p, f64(0.5, 1), b, 0.1, 0.9, 0.5, 0, false, true);
    close(b, [0.5, 1]);
    close(p, [0.95, -2.1]);
    const q = f64(1, -2);
    const c = f64(1, 1);
    // b = 0.9·1 + 0.5·g = (1.15, 1.4)
    k.sgd(q, f64(0.5, 1), c, 0.1, 0.9, 0.5, 0, false, false);
    close(c, [1.15, 1.4]);
    close(q, [0.885, -2.14]);
  });

  it("nesterov steps along d + μ·b", () => {
    const p = f64(1);
    const b = f64(0);
    k.sgd(p, f64(1), b, 0.1, 0.9, 0, 0, true, true);
    close(p, [1 - 0.1 * 1.9]);
  });
});

describe("adam reference", () => {
  // First step from zero state: m = 0.1·d, v = 0.001·d², so m/√v = 0.1/√0.001 = √10.
  const ratio = Math.sqrt(10);

  it("first step, plain, with AdamW decay, and with l2", () => {
    const p = f64(1, -1);
    const m = f64(0, 0);
    const v = f64(0, 0);
    k.adam(p, f64(2, -2), m, v, null, 0.1, 1, 0.9, 0.999, 0, 0, 1);
    close(m, [0.2, -0.2]);
    close(v, [0.004, 0.004]);
    close(p, [1 - 0.1 * ratio, -1 + 0.1 * ratio]);
    const q = f64(1);
    k.adam(q, f64(2), f64(0), f64(0), null, 0.1, 1, 0.9, 0.999, 0, 0, 0.5);
    close(q, [0.5 - 0.1 * ratio]);
    const r = f64(1);
    const mr = f64(0);
    // d = 2 + 1·θ = 3
    k.adam(r, f64(2), mr, f64(0), null, 0.1, 1, 0.9, 0.999, 0, 1, 1);
    close(mr, [0.3]);
    close(r, [1 - 0.1 * ratio]);
  });

  it("c scales √v and ε is added after it", () => {
    const p = f64(1);
    // √v·c + ε = √0.004·2 + 0.1
    k.adam(p, f64(2), f64(0), f64(0), null, 0.1, 2, 0.9, 0.999, 0.1, 0, 1);
    close(p, [1 - (0.1 * 0.2) / (Math.sqrt(0.004) * 2 + 0.1)]);
  });

  it("AMSGrad divides by the running maximum and keeps it", () => {
    const p = f64(1, 1);
    const vMax = f64(1, 0);
    k.adam(p, f64(2, 2), f64(0, 0), f64(0, 0), vMax, 0.1, 1, 0.9, 0.999, 0, 0, 1);
    close(vMax, [1, 0.004]);
    close(p, [1 - 0.1 * 0.2, 1 - 0.1 * ratio]);
  });

  it("float32 arrays: computed in float64, each stored value rounded once", () => {
    const p = Float32Array.of(1);
    const m = Float32Array.of(0.1);
    const v = Float32Array.of(0);
    k.adam(p, Float32Array.of(0.3), m, v, null, 0.1, 1, 0.9, 0.999, 1e-7, 0, 1);
    const m64 = 0.9 * Math.fround(0.1) + 0.1 * Math.fround(0.3);
    const v64 = 0.001 * Math.fround(0.3) * Math.fround(0.3);
    expect(m[0]).toBe(Math.fround(m64));
    expect(v[0]).toBe(Math.fround(v64));
    expect(p[0]).toBe(Math.fround(1 - (0.1 * m64) / (Math.sqrt(v64) + 1e-7)));
  });
});

describe("adamax reference", () => {
  it("u = max(β₂·u, |d| + ε), θ −= clr·m/u", () => {
    const p = f64(1, 1);
    const m = f64(0, 0);
    const u = f64(0, 10);
    k.adamax(p, f64(-2, -2), m, u, 0.1, 0.9, 0.999, 0.001, 0);
    close(m, [-0.2, -0.2]);
    close(u, [2.001, 9.99]);
    close(p, [1 + 0.02 / 2.001, 1 + 0.02 / 9.99]);
  });

  it("a NaN in u propagates (Math.max)", () => {
    const p = f64(1);
    const u = f64(Number.NaN);
    k.adamax(p, f64(1), f64(0), u, 0.1, 0.9, 0.999, 0.001, 0);
    expect(u[0]).toBeNaN();
    expect(p[0]).toBeNaN();
  });
});

describe("nadam reference", () => {
  it("s = √(v/bc2) + ε; both coefficients; coupled and decoupled decay", () => {
    const p = f64(1);
    const m = f64(0);
    const v = f64(0);
    // m = 0.2, v = 0.004, s = √(0.004/0.001) = 2: θ = 1 − 0.5·2/2 − 0.25·0.2/2
    k.nadam(p, f64(2), m, v, 0.5, 0.25, 0.001, 0.9, 0.999, 0, 0, 1);
    close(m, [0.2]);
    close(v, [0.004]);
    close(p, [0.475]);
    const q = f64(1);
    k.nadam(q, f64(2), f64(0), f64(0), 0.5, 0.25, 0.001, 0.9, 0.999, 0, 0, 0.5);
    close(q, [-0.025]);
  });
});

describe("rmsprop reference", () => {
  it("plain, centered and momentum", () => {
    const p = f64(1);
    const sq = f64(0);
    // v = 0.25·4 = 1, s = 1
    k.rmsprop(p, f64(2), sq, null, null, 0.1, 0.75, 0, 0, 0);
    close(sq, [1]);
    close(p, [0.8]);
    const q = f64(1);
    const avg = f64(0);
    // ḡ = 0.5, var = 1 − 0.25
    k.rmsprop(q, f64(2), f64(0), avg, null, 0.1, 0.75, 0, 0, 0);
    close(avg, [0.5]);
    close(q, [1 - 0.2 / Math.sqrt(0.75)]);
    const r = f64(1);
    const buf = f64(1);
    // b = 0.5·1 + 2/1
    k.rmsprop(r, f64(2), f64(0), null, buf, 0.1, 0.75, 0, 0, 0.5);
    close(buf, [2.5]);
    close(r, [0.75]);
  });

  it("a centered variance below zero is taken as zero, not NaN", () => {
    const p = f64(1);
    const avg = f64(4);
    // v = 0, ḡ = 3, v − ḡ² = −9 → 0; d = 0 so θ stays.
    k.rmsprop(p, f64(0), f64(0), avg, null, 0.1, 0.75, 1e-8, 0, 0);
    close(avg, [3]);
    expect(p[0]).toBe(1);
  });
});

describe("adagrad and adadelta references", () => {
  it("adagrad accumulates d² and divides by its root", () => {
    const p = f64(1, 1);
    const sum = f64(0, 16);
    k.adagrad(p, f64(3, 3), sum, 0.1, 0, 0);
    close(sum, [9, 25]);
    close(p, [0.9, 0.94]);
  });

  it("adadelta: Δ = √(u + ε)/√(v + ε)·d, then u is updated with Δ²", () => {
    const p = f64(1);
    const sq = f64(0);
    const acc = f64(0.25);
    // v = 0.25·4 = 1, Δ = 0.5/1·2 = 1, u = 0.75·0.25 + 0.25·1
    k.adadelta(p, f64(2), sq, acc, 0.5, 0.75, 0, 0);
    close(sq, [1]);
    close(acc, [0.4375]);
    close(p, [0.5]);
  });
});

describe("gradient-norm references", () => {
  it("accumulates Σ|x|^p across calls", () => {
    const acc = new Float64Array(1);
    k.gradNormAccumulate(f64(3, -4), 2, acc);
    expect(acc[0]).toBe(25);
    k.gradNormAccumulate(f64(12), 2, acc);
    expect(acc[0]).toBe(169);
    const one = new Float64Array(1);
    k.gradNormAccumulate(f64(1, -2, 3), 1, one);
    expect(one[0]).toBe(6);
    const three = new Float64Array(1);
    k.gradNormAccumulate(f64(1, -2), 3, three);
    expect(three[0]).toBe(9);
  });

  it("infinity norm: the largest |x|, and NaN sticks", () => {
    const acc = new Float64Array(1);
    k.gradNormAccumulate(f64(1, -5, 3), Infinity, acc);
    expect(acc[0]).toBe(5);
    k.gradNormAccumulate(f64(2, Number.NaN, 1), Infinity, acc);
    expect(acc[0]).toBeNaN();
    k.gradNormAccumulate(f64(100), Infinity, acc);
    expect(acc[0]).toBeNaN();
  });

  it("scaleInPlace multiplies in float64 and rounds once", () => {
    const x = Float32Array.of(1, 3);
    k.scaleInPlace(x, 1 / 3);
    expect(x[0]).toBe(Math.fround(1 / 3));
    expect(x[1]).toBe(Math.fround(3 * (1 / 3)));
  });
});
