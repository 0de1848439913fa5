import { describe, expect, it } from "vitest";
import { cpuBackend } from "../../src/backend/cpu/index.js";
import type { UnaryOp } from "../../src/backend/kernels.js";
import { tensor } from "../../src/index.js";
import { logSoftmax, softmax } from "../../src/ops/softmax.js";

const k = cpuBackend.kernels;
const NaN_ = Number.NaN;

function unaryOf(op: UnaryOp, xs: number[], p1 = 0): number[] {
  const out = new Float64Array(xs.length);
  k.unary(op, Float64Array.from(xs), out, p1, 0);
  return Array.from(out);
}

function gradOf(op: UnaryOp, xs: number[], p1 = 0, g = 1, p2 = 0): number[] {
  const x = Float64Array.from(xs);
  const y = new Float64Array(xs.length);
  k.unary(op, x, y, p1, p2);
  const out = new Float64Array(xs.length);
  k.unaryGrad(op, new Float64Array(xs.length).fill(g), x, y, out, p1, p2);
  return Array.from(out);
}

describe("reference unary activations (hand values)", () => {
  it("selu: λ·x above 0, λ·α·(e^x − 1) below", () => {
    const [neg, zero, pos] = unaryOf("selu", [-1, 0, 2]);
    expect(neg).toBeCloseTo(1.0507009873554805 * 1.6732632423543772 * (Math.exp(-1) - 1), 15);
    expect(zero).toBe(0);
    expect(pos).toBeCloseTo(2.101401974710961, 15);
  });
  it("gelu: x·Φ(x) exact and the tanh approximation", () => {
    // Φ(1) = 0.8413447460685429; Φ(-1) = 0.15865525393145707.
    const [m, z, p] = unaryOf("gelu", [-1, 0, 1]);
    expect(m).toBeCloseTo(-0.15865525393145707, 15);
    expect(z).toBe(0);
    expect(p).toBeCloseTo(0.8413447460685429, 15);
    expect(unaryOf("geluTanh", [1])[0]).toBeCloseTo(0.8411919906082768, 15);
  });
  it("swish: x·σ(x); hardSigmoid: clip(x/6 + 1/2, 0, 1)", () => {
    expect(unaryOf("swish", [0, 2])).toEqual([0, 2 / (1 + Math.exp(-2))]);
    expect(unaryOf("hardSigmoid", [-4, -3, 0, 1.5, 3, 9])).toEqual([0, 0, 0.5, 0.75, 1, 1]);
  });
  it("NaN propagates through every new op", () => {
    for (const op of ["selu", "gelu", "geluTanh", "swish", "hardSigmoid"] as const)
      expect(Number.isNaN(unaryOf(op, [NaN_])[0]!), op).toBe(true);
  });
});

describe("reference unaryGrad", () => {
  it("piecewise-linear activations: PyTorch's choices at the kinks, NaN for NaN", () => {
    expect(gradOf("relu", [-1, 0, 2, NaN_], 0, 3)).toEqual([0, 0, 3, NaN_]);
    expect(gradOf("leakyRelu", [-1, 0, 2, NaN_], 0.1, 2)).toEqual([0.2, 0.2, 2, NaN_]);
    expect(gradOf("hardSigmoid", [-3, -1, 2.9, 3, NaN_], 0, 6)).toEqual([0, 1, 1, 0, NaN_]);
    expect(gradOf("abs", [-2, 0, 5, NaN_])).toEqual([-1, 0, 1, NaN_]);
    // clip to [-1, 1] passes the gradient at its bounds.
    expect(gradOf("clip", [-2, -1, 0, 1, 2, NaN_], -1, 1, 1)).toEqual([0, 1, 1, 1, 0, NaN_]);
  });
  it("piecewise-constant ops: 0 whatever g, NaN for NaN", () => {
    for (const op of ["step", "sign", "floor", "round"] as const)
      expect(gradOf(op, [-1, 0, 2.5, NaN_], 0, 7), op).toEqual([0, 0, 0, NaN_]);
  });
  it("smooth activations: hand derivatives", () => {
    // σ'(0) = 1/4, tanh'(0) = 1, softplus'(0) = σ(0) = 1/2, swish'(0) = 1/2.
    expect(gradOf("sigmoid", [0])).toEqual([0.25]);
    expect(gradOf("tanh", [0])).toEqual([1]);
    expect(gradOf("softplus", [0])).toEqual([0.5]);
    expect(gradOf("swish", [0])).toEqual([0.5]);
    expect(gradOf("elu", [-1, 1], 2)).toEqual([2 * Math.exp(-1), 1]);
    expect(gradOf("selu", [1])[0]).toBeCloseTo(1.0507009873554805, 15);
    // GELU'(0) = Φ(0) = 1/2 in both forms; GELU'(1) = Φ(1) + φ(1).
    expect(gradOf("gelu", [0])).toEqual([0.5]);
    expect(gradOf("geluTanh", [0])).toEqual([0.5]);
    expect(gradOf("gelu", [1])[0]).toBeCloseTo(0.8413447460685429 + 0.24197072451914337, 14);
  });
  it("elementary functions: exp, log, sqrt, square, reciprocal, neg, log1p", () => {
    expect(gradOf("exp", [0, 1])).toEqual([1, Math.E]);
    expect(gradOf("log", [2])).toEqual([0.5]);
    expect(gradOf("log1p", [1])).toEqual([0.5]);
    expect(gradOf("sqrt", [4])).toEqual([0.25]);
    expect(gradOf("square", [3])).toEqual([6]);
    expect(gradOf("reciprocal", [2])).toEqual([-0.25]);
    expect(gradOf("neg", [5], 0, 2)).toEqual([-2]);
  });
  it("may write in place over g", () => {
    const g = Float64Array.from([1, 1]);
    const x = Float64Array.from([-1, 1]);
    k.unaryGrad("relu", g, x, x, g, 0, 0);
    expect(Array.from(g)).toEqual([0, 1]);
  });
});

describe("reference softmax and softmaxGrad", () => {
  it("softmax of [1, 2, 3] along the last and the first axis", () => {
    const e = [Math.exp(-2), Math.exp(-1), 1];
    const s = e[0]! + e[1]! + e[2]!;
    const out = new Float64Array(3);
    k.softmax(Float64Array.from([1, 2, 3]), out, 1, 3, 1, false);
    expect(Array.from(out)).toEqual(e.map((v) => v / s));
    // [[1, 5], [2, 5], [3, 5]] along axis 0: the first column as above, the second uniform.
    const out2 = new Float64Array(6);
    k.softmax(Float64Array.from([1, 5, 2, 5, 3, 5]), out2, 1, 3, 2, false);
    expect([out2[0], out2[2], out2[4]]).toEqual(e.map((v) => v / s));
    expect([out2[1], out2[3], out2[5]]).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });
  it("log-softmax is x − logSumExp(x), finite for huge inputs", () => {
    const out = new Float64Array(2);
    k.softmax(Float64Array.from([1000, 1000]), out, 1, 2, 1, true);
    // 1000 − (1000 + ln 2): exact up to the rounding of 1000 + ln 2.
    for (const v of out) expect(v).toBeCloseTo(-Math.LN2, 12);
  });
  it("a NaN or +Infinity spreads to its lane only", () => {
    const out = new Float64Array(4);
    k.softmax(Float64Array.from([NaN_, 1, 0, 0]), out, 2, 2, 1, false);
    expect(Array.from(out)).toEqual([NaN_, NaN_, 0.5, 0.5]);
    k.softmax(Float64Array.from([Number.POSITIVE_INFINITY, 1, 0, 0]), out, 2, 2, 1, true);
    expect(Array.from(out)).toEqual([NaN_, NaN_, -Math.LN2, -Math.LN2]);
  });
  it("softmaxGrad: y·(g − Σg·y) and g − e^y·Σg (hand values)", () => {
    const y = Float64Array.from([0.25, 0.75]);
    const out = new Float64Array(2);
    k.softmaxGrad(Float64Array.from([1, 0]), y, out, 1, 2, 1, false);
    expect(Array.from(out)).toEqual([0.25 * 0.75, -0.75 * 0.25]);
    k.softmaxGrad(
      Float64Array.from([1, 0]),
      Float64Array.from([Math.log(0.25), Math.log(0.75)]),
      out,
      1,
      2,
      1,
      true,
    );
    expect(out[0]).toBeCloseTo(0.75, 15);
    expect(out[1]).toBeCloseTo(-0.75, 15);
  });
  it("tensor softmax / logSoftmax validate and call the kernel", () => {
    expect(Array.from(softmax(tensor([0, 0])).data)).toEqual([0.5, 0.5]);
    expect(logSoftmax(tensor([[0], [0]]), 0).shape).toEqual([2, 1]);
    expect(() => softmax(tensor([1, 2], undefined, "int32"))).toThrow(
      /softmax.*float32 or float64.*int32/,
    );
    expect(() => logSoftmax(tensor([1, 2]), 1)).toThrow(/logSoftmax/);
  });
});
