import { Parameter, Variable } from "@neurite/autograd";
import { tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  Nadam,
  type Optimizer,
  RMSprop,
  SGD,
} from "../src/index.js";
import { liveStateOf } from "../src/optimizer.js";
import { expectClose, F32, makeParam, quadLoss, values } from "./helpers.js";
import { adamKerasRef, sgdRef } from "./reference.js";

const p = (xs: number[], name?: string) => new Parameter(tensor(xs, [xs.length], "float64"), name);

describe("parameter groups", () => {
  it("each group uses its own lr; unset options come from the optimizer's options", () => {
    const a = p([1, 2], "a");
    const b = p([3, 4], "b");
    const opt = new SGD([{ params: [a], lr: 0.1 }, { params: [b] }], { lr: 0.01 });
    expect(opt.paramGroups[0]!.lr).toBe(0.1);
    expect(opt.paramGroups[1]!.lr).toBe(0.01);
    expect(opt.paramGroups[1]!.momentum).toBe(0);
    a.sum().add(b.sum()).backward(); // both gradients are 1
    opt.step();
    expect(values(a.value)).toEqual([1 - 0.1, 2 - 0.1]);
    expect(values(b.value)).toEqual([3 - 0.01, 4 - 0.01]);
  });

  it("groups carry any option, e.g. momentum only for one group", () => {
    const a = p([1]);
    const b = p([1]);
    const opt = new SGD([{ params: [a], momentum: 0.9 }, { params: [b] }], { lr: 0.1 });
    for (let i = 0; i < 2; i++) {
      a.sum().add(b.sum()).backward();
      opt.step();
      opt.zeroGrad();
    }
    // a: buffer 1 then 0.9 + 1 = 1.9, so a = 1 − 0.1 − 0.19; b: 1 − 0.1 − 0.1.
    expect(a.value.data[0]).toBeCloseTo(0.71, 15);
    expect(b.value.data[0]).toBeCloseTo(0.8, 15);
    expect(opt.stateOf(b)!.buffers.momentumBuffer).toBeUndefined();
  });

  it("a least-squares problem with two groups matches the Keras Adam reference", () => {
    // loss = mean((X·w + b − y)²) with X 4×3; w in one group (lr 0.05), b in another (lr 0.2).
    const X = [
      [1, 2, -1],
      [0.5, -1, 2],
      [-1.5, 0.3, 1],
      [2, 1, 0.5],
    ];
    const y = [1, -2, 0.5, 3];
    const w = new Parameter(tensor([[0.1], [-0.2], [0.3]]), "w");
    const b = new Parameter(tensor([0]), "b");
    const opt = new Adam([
      { params: [w], lr: 0.05 },
      { params: [b], lr: 0.2 },
    ]);
    const refW = adamKerasRef({ lr: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    const refB = adamKerasRef({ lr: 0.2, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    let ew = [0.1, -0.2, 0.3];
    let eb = [0];
    const Xt = tensor(X);
    const yt = tensor(y.map((v) => [v]));
    for (let step = 0; step < 5; step++) {
      new Variable(Xt).matmul(w).add(b).sub(yt).square().mean().backward();
      opt.step();
      opt.zeroGrad();
      const r = X.map((row, i) => row.reduce((s, x, j) => s + x * ew[j]!, eb[0]!) - y[i]!);
      const gw = [0, 1, 2].map((j) => (2 / 4) * X.reduce((s, row, i) => s + row[j]! * r[i]!, 0));
      const gb = [(2 / 4) * r.reduce((s, v) => s + v, 0)];
      ew = refW.step(ew, gw);
      eb = refB.step(eb, gb);
      expectClose(values(w.value), ew, F32.rtol, F32.atol, `w step ${step}`);
      expectClose(values(b.value), eb, F32.rtol, F32.atol, `b step ${step}`);
    }
  });

  it("addParamGroup adds parameters with the default options or their own", () => {
    const a = p([1]);
    const b = p([1]);
    const opt = new SGD([a], { lr: 0.1, momentum: 0.5 });
    opt.addParamGroup({ params: [b], lr: 0.3 });
    expect(opt.paramGroups).toHaveLength(2);
    expect(opt.paramGroups[1]).toMatchObject({ lr: 0.3, momentum: 0.5 });
    b.sum().backward();
    opt.step();
    expect(b.value.data[0]).toBeCloseTo(0.7, 15);
    expect(() => opt.addParamGroup({ params: [a] })).toThrow(/already in parameter group 0/);
  });

  it("a new lr set on a group between steps is used by the next step", () => {
    const a = p([1]);
    const opt = new SGD([a], { lr: 0.1 });
    opt.paramGroups[0]!.lr = 0.5;
    a.sum().backward();
    opt.step();
    expect(a.value.data[0]).toBe(0.5);
  });

  it("accepts any iterable of Variables (a Set, a generator)", () => {
    const a = p([1]);
    const b = p([2]);
    function* gen() {
      yield a;
      yield b;
    }
    expect(new SGD(new Set([a, b])).paramGroups[0]!.params).toEqual([a, b]);
    expect(new SGD(gen()).paramGroups[0]!.params).toEqual([a, b]);
  });

  it("group arrays of options are copied, never shared with the defaults", () => {
    const opt = new Adam([p([1])]);
    (opt.paramGroups[0]!.betas as unknown as number[])[0] = 0.5;
    expect(opt.defaults.betas[0]).toBe(0.9);
    expect(Adam.defaults.betas[0]).toBe(0.9);
  });
});

describe("defaults", () => {
  it("are the documented ones", () => {
    expect(SGD.defaults).toEqual({
      lr: 0.01,
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
    });
    expect(Adam.defaults).toEqual({
      lr: 0.001,
      betas: [0.9, 0.999],
      eps: 1e-7,
      weightDecay: 0,
      amsgrad: false,
      epsStyle: "keras",
    });
    expect(AdamW.defaults).toMatchObject({ lr: 0.001, eps: 1e-7, weightDecay: 0.01 });
    expect(RMSprop.defaults).toEqual({
      lr: 0.01,
      alpha: 0.99,
      eps: 1e-8,
      weightDecay: 0,
      momentum: 0,
      centered: false,
    });
    expect(Adagrad.defaults).toEqual({
      lr: 0.01,
      lrDecay: 0,
      weightDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
    });
    expect(Adadelta.defaults).toEqual({ lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0 });
    expect(Adamax.defaults).toEqual({ lr: 0.002, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 });
    expect(Nadam.defaults).toEqual({
      lr: 0.002,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      momentumDecay: 0.004,
      decoupledWeightDecay: false,
    });
    const opt = new Adam([p([1])]);
    expect(opt.defaults).toEqual(Adam.defaults);
    expect(opt.name).toBe("Adam");
  });
});

describe("zeroGrad and parameters without gradients", () => {
  it("zeroGrad sets every gradient to null", () => {
    const a = p([1, 2]);
    const b = p([3]);
    const opt = new SGD([{ params: [a] }, { params: [b] }]);
    a.sum().add(b.sum()).backward();
    expect(a.grad).not.toBeNull();
    opt.zeroGrad();
    expect(a.grad).toBeNull();
    expect(b.grad).toBeNull();
  });

  it("skips parameters whose grad is null: no change, no state, no step", () => {
    const used = p([1, 2]);
    const unused = p([5, 6]);
    const opt = new Adam([used, unused], { lr: 0.1 });
    used.square().sum().backward();
    opt.step();
    opt.zeroGrad();
    expect(values(unused.value)).toEqual([5, 6]);
    expect(opt.stateOf(unused)).toBeUndefined();
    expect(opt.stateOf(used)!.step).toBe(1);
    // A step with no gradients at all changes nothing.
    const before = values(used.value);
    opt.step();
    expect(values(used.value)).toEqual(before);
    expect(opt.stateOf(used)!.step).toBe(1);
    // Later the unused one gets a gradient: its own step count starts at 1.
    unused.sum().backward();
    opt.step();
    expect(opt.stateOf(unused)!.step).toBe(1);
    expect(opt.stateOf(used)!.step).toBe(1);
  });

  it("never writes into the gradients (shared gradient tensors stay intact)", () => {
    const a = p([1, 2]);
    const b = p([3, 4]);
    a.add(b).sum().backward(); // autograd may hand both the same gradient tensor
    const ga = values(a.grad!);
    const opt = new SGD([a, b], { lr: 0.1, weightDecay: 0.5, momentum: 0.9 });
    opt.step();
    expect(values(a.grad!)).toEqual(ga);
    expect(values(b.grad!)).toEqual([1, 1]);
    // Each parameter moved by its own decayed gradient: 1 + 0.5·θ.
    expect(values(a.value)).toEqual([1 - 0.1 * 1.5, 2 - 0.1 * 2]);
    expect(values(b.value)).toEqual([3 - 0.1 * 2.5, 4 - 0.1 * 3]);
  });
});

describe("in place, no allocation per step", () => {
  const makers: [string, (ps: Parameter[]) => Optimizer][] = [
    ["SGD nesterov", (ps) => new SGD(ps, { momentum: 0.9, nesterov: true })],
    ["Adam amsgrad", (ps) => new Adam(ps, { amsgrad: true })],
    ["AdamW amsgrad", (ps) => new AdamW(ps, { amsgrad: true })],
    ["RMSprop centered momentum", (ps) => new RMSprop(ps, { centered: true, momentum: 0.9 })],
    ["Adagrad", (ps) => new Adagrad(ps)],
    ["Adadelta", (ps) => new Adadelta(ps)],
    ["Adamax", (ps) => new Adamax(ps)],
    ["Nadam", (ps) => new Nadam(ps)],
  ];
  for (const [name, make] of makers) {
    it(`${name}: the same parameter storage and state buffers after step 1 and step 10`, () => {
      const w = makeParam("float32");
      const value = w.value;
      const data = w.value.data;
      const opt = make([w]);
      quadLoss(w).backward();
      opt.step();
      opt.zeroGrad();
      const state = liveStateOf(opt, w)!;
      const buffers = { ...state.buffers };
      expect(Object.keys(buffers).length).toBeGreaterThan(0);
      for (const b of Object.values(buffers)) {
        expect(b).toBeInstanceOf(Float32Array); // state in the parameter's dtype
        expect(b.length).toBe(6);
      }
      for (let i = 2; i <= 10; i++) {
        quadLoss(w).backward();
        opt.step();
        opt.zeroGrad();
      }
      expect(w.value).toBe(value);
      expect(w.value.data).toBe(data);
      expect(liveStateOf(opt, w)).toBe(state);
      expect(state.step).toBe(10);
      expect(Object.keys(state.buffers).sort()).toEqual(Object.keys(buffers).sort());
      for (const [k, b] of Object.entries(buffers)) expect(state.buffers[k]).toBe(b);
    });
  }

  it("float64 parameters keep float64 state", () => {
    const w = makeParam("float64");
    const opt = new Adam([w]);
    quadLoss(w).backward();
    opt.step();
    expect(opt.stateOf(w)!.buffers.expAvg).toBeInstanceOf(Float64Array);
  });

  it("SGD without momentum keeps no buffers; the float32 result is the rounded float64 update", () => {
    const w = makeParam("float32");
    const opt = new SGD([w], { lr: 0.05 });
    const before = values(w.value);
    quadLoss(w).backward();
    const g = values(w.grad!);
    opt.step();
    expect(opt.stateOf(w)!.buffers).toEqual({});
    expect(values(w.value)).toEqual(before.map((x, i) => Math.fround(x - 0.05 * g[i]!)));
    const ref = sgdRef({ lr: 0.05 }).step(before, g);
    expectClose(values(w.value), ref, 1e-7, 0);
  });
});
