import { Variable } from "@neurite/autograd";
import { Tensor, tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  ACTIVATION_NAMES,
  activations,
  BatchNorm,
  Dense,
  functional,
  losses,
  Perceptron,
  Sequential,
} from "../src/index.js";

/** Values on both sides of 0 and of ±3 (hardSigmoid's corners), with NaN at index 2. */
const VALUES = [-4, -0.5, Number.NaN, 0.25, 5];
const NAN_AT = 2;

describe("every activation keeps NaN, in every code path", () => {
  for (const name of ACTIVATION_NAMES) {
    const act = activations.get(name);
    // The identity's derivative is 1 everywhere, NaN included (as in PyTorch);
    // every other activation's derivative depends on x, so NaN must reach it.
    const nanGrad = name !== "identity";

    it(`${name}: fn and derivative on one number`, () => {
      expect(act.fn(Number.NaN), `${name}.fn(NaN)`).toBeNaN();
      if (nanGrad) expect(act.derivative(Number.NaN), `${name}.derivative(NaN)`).toBeNaN();
    });

    it(`${name}: apply forward and backward on a Variable`, () => {
      const x = new Variable(tensor(VALUES, [1, 5], "float64"), { requiresGrad: true });
      const y = act.apply(x);
      expect(y.value.data[NAN_AT]).toBeNaN();
      y.backward(new Tensor(new Float64Array(5).fill(1), [1, 5]));
      if (nanGrad) expect(x.grad!.data[NAN_AT]).toBeNaN();
      // Elementwise activations leave the other entries' gradients as numbers.
      if (act.elementwise)
        for (const i of [0, 1, 3, 4]) expect(x.grad!.data[i], `${name}' at ${i}`).not.toBeNaN();
    });

    it(`${name}: fused in Dense (forward and backward)`, () => {
      // An identity kernel [5,5] makes z = x, so the NaN reaches the activation.
      const k = new Float64Array(25);
      for (let i = 0; i < 5; i++) k[i * 6] = 1;
      const x = new Variable(tensor(VALUES, [1, 5], "float64"), { requiresGrad: true });
      const kernel = new Variable(new Tensor(k, [5, 5]), { requiresGrad: true });
      const y = functional.dense(x, kernel, null, act);
      expect(y.value.data[NAN_AT]).toBeNaN();
      y.backward(new Tensor(new Float64Array(5).fill(1), [1, 5]));
      if (nanGrad) expect(x.grad!.data[NAN_AT]).toBeNaN();
    });
  }

  it("the Dense layer with relu outputs NaN for a NaN input (it once gave 0)", () => {
    const layer = new Dense(2, { activation: "relu", seed: 1 });
    const out = layer.call(tensor([[Number.NaN, 1]]));
    expect(out.value.data[0]).toBeNaN();
    expect(out.value.data[1]).toBeNaN();
  });

  it("Perceptron.predict gives NaN for a NaN input instead of class 0", () => {
    const p = new Perceptron({ inputs: 2, seed: 0 });
    expect(p.predict(tensor([[Number.NaN, 1]])).data[0]).toBeNaN();
  });

  it("the MAE gradient at a NaN prediction is NaN, not 0", () => {
    const yPred = new Variable(tensor([Number.NaN, 2], [2], "float64"), { requiresGrad: true });
    losses.mae(yPred, tensor([1, 1], [2], "float64")).backward();
    expect(yPred.grad!.data[0]).toBeNaN();
  });
});

describe("backward after loadStateDict changed the weights in place throws", () => {
  it("names the fused dense op and the kernel's shape", () => {
    const model = new Sequential([
      new Dense(3, { inputDim: 2, seed: 1 }),
      new Dense(1, { seed: 2 }),
    ]);
    const saved = new Sequential([
      new Dense(3, { inputDim: 2, seed: 3 }),
      new Dense(1, { seed: 4 }),
    ]);
    const loss = model.call(tensor([[1, 2]])).sum();
    model.loadStateDict(saved.stateDict());
    expect(() => loss.backward()).toThrow(/'dense'.*modified in place.*shape \[\d,\d\] float32/);
  });

  it("BatchNorm's running statistics count their in-place updates", () => {
    const bn = new BatchNorm({ features: 2 });
    const before = [bn.movingMean.version, bn.movingVariance.version];
    bn.call(
      tensor([
        [1, 2],
        [3, 5],
      ]),
    );
    expect([bn.movingMean.version, bn.movingVariance.version]).toEqual(before.map((v) => v + 1));
  });

  it("a fresh forward pass after loading works", () => {
    const model = new Sequential([new Dense(2, { inputDim: 2, seed: 1 })]);
    model.loadStateDict(new Sequential([new Dense(2, { inputDim: 2, seed: 5 })]).stateDict());
    model
      .call(tensor([[1, 2]]))
      .sum()
      .backward();
    expect(model.parameters()[0]!.grad).not.toBeNull();
  });
});
