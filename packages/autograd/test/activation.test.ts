import * as T from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  elu,
  gelu,
  hardSigmoid,
  leakyRelu,
  logSoftmax,
  Parameter,
  relu,
  selu,
  sigmoid,
  sign,
  softmax,
  softplus,
  step,
  swish,
  tanh,
  Variable,
} from "../src/index.js";
import { awayFrom, check, expectGradOk, f64, shapeArb, tensorArb, valuesArb } from "./helpers.js";

describe("activations: gradients (gradCheck, float64)", () => {
  const cases: [string, (x: Variable) => Variable, ((v: number) => number)?][] = [
    ["sigmoid", (x) => x.sigmoid()],
    ["tanh", (x) => x.tanh()],
    ["relu", (x) => x.relu(), awayFrom([0])],
    ["leakyRelu (default alpha 0.3)", (x) => x.leakyRelu(), awayFrom([0])],
    ["leakyRelu (alpha 0.01)", (x) => leakyRelu(x, 0.01), awayFrom([0])],
    ["elu (alpha 1)", (x) => x.elu()],
    ["elu (alpha 0.5)", (x) => elu(x, 0.5), awayFrom([0])],
    ["softplus", (x) => x.softplus()],
    ["selu", (x) => selu(x), awayFrom([0])],
    ["gelu (exact)", (x) => gelu(x)],
    ["gelu (tanh approximation)", (x) => gelu(x, true)],
    ["swish", (x) => swish(x)],
    ["hardSigmoid", (x) => hardSigmoid(x), awayFrom([-3, 3])],
  ];
  for (const [name, f, map] of cases) {
    it(name, () => check(tensorArb(0, 3, -3, 3, map), (x) => expectGradOk(f, [x])));
  }

  const axisCase = shapeArb(1, 3).chain((shape) =>
    fc.tuple(valuesArb(shape, -3, 3), fc.integer({ min: -shape.length, max: shape.length - 1 })),
  );
  it("softmax along any axis", () => {
    check(axisCase, ([x, axis]) => expectGradOk((v) => v.softmax(axis), [x]));
  });
  it("logSoftmax along any axis", () => {
    check(axisCase, ([x, axis]) => expectGradOk((v) => v.logSoftmax(axis), [x]));
  });

  it("functions match the methods", () => {
    const x = new Variable(f64([[-1, 0.5, 2]]));
    expect(sigmoid(x).toArray()).toEqual(x.sigmoid().toArray());
    expect(tanh(x).toArray()).toEqual(x.tanh().toArray());
    expect(relu(x).toArray()).toEqual(x.relu().toArray());
    expect(softplus(x).toArray()).toEqual(x.softplus().toArray());
    expect(softmax(x).toArray()).toEqual(x.softmax().toArray());
    expect(logSoftmax(x, 0).toArray()).toEqual(x.logSoftmax(0).toArray());
    expect(step(x, 1).toArray()).toEqual(x.step(1).toArray());
    expect(sign(x).toArray()).toEqual(x.sign().toArray());
  });

  it("the new activations match their tensor ops and hand values", () => {
    const x = new Variable(f64([-1, 0, 2]));
    expect(selu(x).toArray()).toEqual(T.selu(x.value).toArray());
    expect(swish(x).value.data[2]).toBeCloseTo(2 / (1 + Math.exp(-2)), 15);
    expect(hardSigmoid(x).toArray()).toEqual([-1 / 6 + 0.5, 0.5, 2 / 6 + 0.5]);
    // GELU(1) = Φ(1) = 0.8413447460685429 (exact), 0.8411919906082768 (tanh form).
    expect(gelu(new Variable(f64([1]))).value.data[0]).toBeCloseTo(0.8413447460685429, 15);
    expect(gelu(new Variable(f64([1])), true).value.data[0]).toBeCloseTo(0.8411919906082768, 15);
  });

  it("NaN inputs give NaN gradients, also where the derivative is piecewise constant", () => {
    for (const f of [relu, (v: Variable) => leakyRelu(v), step, sign, hardSigmoid, sigmoid]) {
      const x = new Variable(f64([Number.NaN, 1]), { requiresGrad: true });
      f(x).sum().backward();
      expect(Number.isNaN(x.grad!.data[0]!)).toBe(true);
      expect(Number.isNaN(x.grad!.data[1]!)).toBe(false);
    }
  });

  it("relu and leakyRelu: gradient 0 (resp. alpha) at and below 0", () => {
    const x = new Variable(f64([-2, 0, 3]), { requiresGrad: true });
    x.relu().sum().backward();
    expect(x.grad!.toArray()).toEqual([0, 0, 1]);
    x.zeroGrad();
    x.leakyRelu(0.25).sum().backward();
    expect(x.grad!.toArray()).toEqual([0.25, 0.25, 1]);
  });

  it("softmax and logSoftmax stay finite for large inputs", () => {
    const x = new Variable(f64([[1000, 0, -1000]]), { requiresGrad: true });
    const s = x.softmax();
    expect(s.toArray()).toEqual([[1, 0, 0]]);
    const l = x.logSoftmax();
    expect(l.toArray(2)[0]![1]).toBe(-1000);
    l.sum().backward();
    expect(x.grad!.toArray(2)[0]!.every(Number.isFinite)).toBe(true);
  });
});

describe("step and sign: zero gradient almost everywhere", () => {
  it("forward values: step is 1 above the threshold, sign is 1, 0, -1", () => {
    const x = new Variable(f64([-2, 0, 0.5, 3]));
    expect(x.step().toArray()).toEqual([0, 0, 1, 1]);
    expect(x.step(1).toArray()).toEqual([0, 0, 0, 1]);
    expect(x.sign().toArray()).toEqual([-1, 0, 1, 1]);
  });

  it("backward gives exactly zero gradients, and finite differences agree away from the jumps", () => {
    check(tensorArb(0, 3, -2, 2, awayFrom([0, 0.5])), (x) => {
      for (const f of [
        (v: Variable) => v.step(),
        (v: Variable) => v.step(0.5),
        (v: Variable) => v.sign(),
      ]) {
        expectGradOk(f, [x]);
        const v = new Variable(x, { requiresGrad: true });
        f(v).sum().backward();
        expect(Array.from(v.grad!.data).every((g) => g === 0)).toBe(true);
      }
    });
  });

  it("a network built only on step units gets all-zero weight gradients, so it cannot learn by backprop", () => {
    const rng = new T.Rng(3);
    const w1 = new Parameter(T.randn([2, 3], rng), "w1");
    const w2 = new Parameter(T.randn([3, 1], rng), "w2");
    const x = T.tensor([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const y = T.tensor([[0], [1], [1], [0]]);
    const out = new Variable(x).matmul(w1).step().matmul(w2).step();
    out.sub(y).square().sum().backward();
    for (const p of [w1, w2]) expect(Array.from(p.grad!.data).every((g) => g === 0)).toBe(true);
  });
});
