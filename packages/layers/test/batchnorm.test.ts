import { gradCheck, noGrad } from "@neurite/autograd";
import { randn, ShapeError, tensor, ValueError } from "@neurite/tensor";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BatchNorm, functional } from "../src/index.js";
import { checkModuleGradients, watchKernel } from "./helpers.js";

// Three samples, two features:
//   feature 0: 1, 3, 5   → mean 3, biased variance (4 + 0 + 4)/3 = 8/3
//   feature 1: 2, 6, 10  → mean 6, biased variance (16 + 0 + 16)/3 = 32/3
const X = [
  [1, 2],
  [3, 6],
  [5, 10],
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe("BatchNorm", () => {
  it("has Keras defaults and parameter names", () => {
    const bn = new BatchNorm({ features: 20 });
    expect([bn.momentum, bn.epsilon, bn.center, bn.scale]).toEqual([0.99, 1e-3, true, true]);
    expect(bn.namedParameters().map(([n]) => n)).toEqual(["gamma", "beta"]);
    expect(bn.namedBuffers().map(([n]) => n)).toEqual(["movingMean", "movingVariance"]);
    expect(bn.countParameters()).toEqual({ total: 80, trainable: 40, nonTrainable: 40 });
    expect(bn.parameters()).toHaveLength(2);
  });

  it("normalizes a training batch with its mean and biased variance", () => {
    const bn = new BatchNorm({ dtype: "float64" });
    const y = bn.call(tensor(X, undefined, "float64")).value;
    const s0 = Math.sqrt(8 / 3 + 1e-3); // 1.6333...
    const s1 = Math.sqrt(32 / 3 + 1e-3); // 3.2661...
    const expected = [-2 / s0, -4 / s1, 0, 0, 2 / s0, 4 / s1];
    for (let i = 0; i < 6; i++) expect(y.data[i]).toBeCloseTo(expected[i]!, 14);
    expect(y.data[0]).toBeCloseTo(-1.2245153, 6); // by hand: √2.6676667 = 1.6332994, -2 / 1.6332994
  });

  it("updates running statistics as Keras: moving = 0.99·moving + 0.01·batch (biased variance)", () => {
    const bn = new BatchNorm({ dtype: "float64" });
    const x = tensor(X, undefined, "float64");
    bn.call(x);
    expect(bn.movingMean.data[0]).toBeCloseTo(0.03, 15); // 0.99·0 + 0.01·3
    expect(bn.movingMean.data[1]).toBeCloseTo(0.06, 15);
    expect(bn.movingVariance.data[0]).toBeCloseTo(0.99 + 0.01 * (8 / 3), 15); // 1.016666…
    expect(bn.movingVariance.data[1]).toBeCloseTo(0.99 + 0.01 * (32 / 3), 15); // 1.096666…
    bn.call(x);
    expect(bn.movingMean.data[0]).toBeCloseTo(0.99 * 0.03 + 0.03, 15); // 0.0597
  });

  it("can use PyTorch's unbiased moving variance and another momentum", () => {
    const bn = new BatchNorm({ dtype: "float64", unbiasedMovingVariance: true, momentum: 0.9 });
    bn.call(tensor(X, undefined, "float64"));
    // unbiased: 8/3 · 3/2 = 4 and 32/3 · 3/2 = 16
    expect(bn.movingVariance.data[0]).toBeCloseTo(0.9 + 0.1 * 4, 15);
    expect(bn.movingVariance.data[1]).toBeCloseTo(0.9 + 0.1 * 16, 15);
    expect(bn.movingMean.data[0]).toBeCloseTo(0.3, 15);
  });

  it("uses the running statistics in eval mode, with gamma and beta", () => {
    const bn = new BatchNorm({ features: 2, dtype: "float64" });
    bn.loadStateDict({
      gamma: tensor([2, 0.5], undefined, "float64"),
      beta: tensor([1, -1], undefined, "float64"),
      movingMean: tensor([1, 2], undefined, "float64"),
      movingVariance: tensor([4, 9], undefined, "float64"),
    });
    bn.eval();
    const y = bn.call(tensor([[3, 8]], undefined, "float64")).value;
    expect(y.data[0]).toBeCloseTo(2 * (2 / Math.sqrt(4.001)) + 1, 14);
    expect(y.data[1]).toBeCloseTo(0.5 * (6 / Math.sqrt(9.001)) - 1, 14);
    expect(Array.from(bn.movingMean.data)).toEqual([1, 2]); // eval never updates them
  });

  it("updates running statistics in training mode even inside noGrad (as PyTorch)", () => {
    const bn = new BatchNorm();
    noGrad(() => bn.call(tensor(X)));
    expect(bn.movingMean.data[0]).toBeCloseTo(0.03, 7);
  });

  it("normalizes [batch, ..., channels] over every axis but the last", () => {
    const bn = new BatchNorm({ dtype: "float64" });
    const y = bn.call(randn([4, 3, 2], 5, "float64")).value;
    for (let c = 0; c < 2; c++) {
      let m = 0;
      let v = 0;
      for (let i = c; i < y.size; i += 2) m += y.data[i]!;
      m /= 12;
      for (let i = c; i < y.size; i += 2) v += (y.data[i]! - m) ** 2;
      expect(m).toBeCloseTo(0, 12);
      expect(v / 12).toBeGreaterThan(0.99); // 1 minus the epsilon effect
    }
  });

  it("center: false and scale: false drop beta and gamma", () => {
    const bn = new BatchNorm({ features: 3, center: false, scale: false });
    expect(bn.parameters()).toHaveLength(0);
    expect(bn.countParameters()).toEqual({ total: 6, trainable: 0, nonTrainable: 6 });
    const only = new BatchNorm({ features: 3, center: false });
    expect(only.namedParameters().map(([n]) => n)).toEqual(["gamma"]);
    expect(only.beta).toBeNull();
  });

  it("gradients match finite differences (training and inference forms)", () => {
    const inputs = [
      randn([5, 3], 1, "float64"),
      randn([3], 2, "float64"),
      randn([3], 3, "float64"),
    ];
    const train = gradCheck((x, g, b) => functional.batchNormTraining(x, g, b, 1e-3).y, inputs);
    expect(train.ok, JSON.stringify(train.worst)).toBe(true);
    const rank3 = gradCheck(
      (x, g, b) => functional.batchNormTraining(x, g, b, 1e-3).y,
      [randn([2, 3, 3], 4, "float64"), inputs[1]!, inputs[2]!],
    );
    expect(rank3.ok).toBe(true);
    const noAffine = gradCheck(
      (x) => functional.batchNormTraining(x, null, null, 1e-3).y,
      [inputs[0]!],
    );
    expect(noAffine.ok).toBe(true);
    const mm = randn([3], 7, "float64");
    const mv = randn([3], 8, "float64").square().add(0.5);
    const inf = gradCheck(
      (x, g, b) => functional.batchNormInference(x, g, b, mm, mv, 1e-3),
      inputs,
    );
    expect(inf.ok, JSON.stringify(inf.worst)).toBe(true);
  });

  it("layer gradients pass a finite-difference check in both modes", () => {
    const bn = new BatchNorm({ features: 3 });
    bn.gamma!.value.data.set([1.5, 0.5, -1]);
    bn.beta!.value.data.set([0.1, 0.2, 0.3]);
    const x = randn([6, 3], 9);
    expect(checkModuleGradients(bn, x).ok).toBe(true);
    bn.eval();
    expect(checkModuleGradients(bn, x).ok).toBe(true);
  });

  it("warns once about a training batch of one sample, whose variance is 0", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const bn = new BatchNorm({ features: 2 });
    bn.beta!.value.data.set([0.5, -0.5]);
    const y = bn.call(tensor([[3, 4]])).value;
    expect(Array.from(y.data)).toEqual([0.5, -0.5]);
    bn.call(tensor([[5, 6]]));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/variance 0/);
    bn.eval().call(tensor([[5, 6]]));
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("rejects bad options and mismatched inputs", () => {
    expect(() => new BatchNorm({ momentum: 1.5 })).toThrow(ValueError);
    expect(() => new BatchNorm({ epsilon: 0 })).toThrow(ValueError);
    expect(() => new BatchNorm({ features: 0 })).toThrow(ValueError);
    expect(() => new BatchNorm({ center: 1 as never })).toThrow(ValueError);
    const bn = new BatchNorm({ features: 4 });
    expect(() => bn.call(randn([3, 5], 0))).toThrow(ShapeError);
    expect(() => bn.call(randn([3, 5], 0))).toThrow(/expects 4 features/);
  });
});

describe("BatchNorm writes gamma's and beta's gradients straight into .grad", () => {
  it("reuses their buffers after zeroGrad, with the numbers of a fresh layer", () => {
    const x1 = randn([6, 5], 1);
    const x2 = randn([6, 5], 2);
    const loss = (bn: BatchNorm, x: typeof x1) => bn.call(x).square().sum();
    const bn = new BatchNorm({ features: 5 });
    bn.train();
    loss(bn, x1).backward();
    const g1 = bn.parameters().map((p) => p.peekGrad()!);
    bn.zeroGrad();
    const written = watchKernel("batchNormBackward", [7, 8], () => {
      loss(bn, x2).backward();
    });
    const params = bn.parameters();
    params.forEach((p, i) => {
      expect(p.peekGrad()).toBe(g1[i]);
    });
    expect(written[0]).toBe(g1[0]!.data);
    expect(written[1]).toBe(g1[1]!.data);
    const fresh = new BatchNorm({ features: 5 });
    fresh.train();
    loss(fresh, x2).backward();
    fresh.parameters().forEach((p, i) => {
      expect(Array.from(params[i]!.grad!.data)).toEqual(Array.from(p.grad!.data));
    });
  });
});
