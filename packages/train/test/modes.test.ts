import { isGradEnabled, Variable } from "@neurite/autograd";
import { BatchNorm, Dense, Dropout, losses, Module, Sequential } from "@neurite/layers";
import { Rng, randn, type Tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { evaluate, fit, predict } from "../src/index.js";
import { modes } from "./helpers.js";

/** A pass-through layer that records the mode and gradient state of every call. */
class Spy extends Module {
  calls: { training: boolean; grad: boolean; rows: number }[] = [];
  forward(x: Variable | Tensor): Variable {
    this.calls.push({ training: this.training, grad: isGradEnabled(), rows: x.shape[0]! });
    return x instanceof Variable ? x : new Variable(x);
  }
}

const rng = new Rng(3);
const x = randn([40, 4], rng);
const y = randn([40, 1], rng);

function dropoutModel(): Sequential {
  return new Sequential([
    new Dense(8, { inputDim: 4, activation: "relu", seed: 1 }),
    new Dropout(0.5, { seed: 2 }),
    new Dense(1, { seed: 3 }),
  ]);
}

describe("training and evaluation modes", () => {
  it("predict runs in eval mode: a model with Dropout gives the same output twice", () => {
    const model = dropoutModel();
    expect(model.training).toBe(true);
    const a = predict(model, x);
    const b = predict(model, x);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    // Another batch size gives the same values up to float32 rounding (matmul may sum in another order).
    const c = predict(model, x, { batchSize: 7 });
    for (let i = 0; i < c.size; i++) expect(c.data[i]).toBeCloseTo(a.data[i]!, 5);
    expect(modes(model).every((m) => m)).toBe(true); // still in training mode afterwards
    const train1 = model.call(x).value.data;
    const train2 = model.call(x).value.data;
    expect(Array.from(train1)).not.toEqual(Array.from(train2)); // dropout is live in training mode
  });

  it("fit trains in training mode, validates in eval mode without gradients, and restores modes", () => {
    const spy = new Spy();
    const model = new Sequential([new Dense(1, { inputDim: 4, seed: 1 }), spy]);
    spy.calls = []; // Sequential ran it once on add, to learn its output shape
    fit(model, x, y, {
      loss: "mse",
      epochs: 2,
      batchSize: 16,
      validationSplit: 0.25,
      shuffle: false,
      verbose: 0,
    });
    // first: the dry run on the first batch (eval, no graph), then a dry run of the validation batch
    expect(spy.calls[0]).toEqual({ training: false, grad: false, rows: 16 });
    expect(spy.calls[1]).toEqual({ training: false, grad: false, rows: 10 });
    const rest = spy.calls.slice(2);
    // per epoch: 2 training batches (16 + 14 of 30 samples), then the validation pass (10)
    expect(rest).toEqual([
      { training: true, grad: true, rows: 16 },
      { training: true, grad: true, rows: 14 },
      { training: false, grad: false, rows: 10 },
      { training: true, grad: true, rows: 16 },
      { training: true, grad: true, rows: 14 },
      { training: false, grad: false, rows: 10 },
    ]);
    expect(modes(model).every((m) => m)).toBe(true);
  });

  it("restores exactly the modes it found, module by module", () => {
    const model = dropoutModel();
    model.eval();
    fit(model, x, y, { loss: "mse", epochs: 1, verbose: 0 });
    expect(modes(model).every((m) => !m)).toBe(true);
    const mixed = dropoutModel();
    mixed.layers[1]!.eval();
    const before = modes(mixed);
    fit(mixed, x, y, { loss: "mse", epochs: 1, verbose: 0 });
    expect(modes(mixed)).toEqual(before);
    const spy = new Spy();
    const m2 = new Sequential([new Dense(1, { inputDim: 4 }), spy]);
    evaluate(m2, x, y, { loss: "mse" });
    predict(m2, x);
    expect(spy.calls.every((c) => !c.training && !c.grad)).toBe(true);
    expect(m2.training).toBe(true);
  });

  it("BatchNorm's running statistics change during fit, not during evaluate or predict", () => {
    const bn = new BatchNorm();
    const model = new Sequential([
      new Dense(6, { inputDim: 4, seed: 1 }),
      bn,
      new Dense(1, { seed: 2 }),
    ]);
    predict(model, x); // builds nothing new: Dense has inputDim, BatchNorm builds on this call
    const mean0 = Array.from(bn.movingMean.data);
    const var0 = Array.from(bn.movingVariance.data);
    evaluate(model, x, y, { loss: "mse", metrics: ["mae"] });
    predict(model, x);
    expect(Array.from(bn.movingMean.data)).toEqual(mean0);
    expect(Array.from(bn.movingVariance.data)).toEqual(var0);
    fit(model, x, y, { loss: "mse", epochs: 1, batchSize: 10, verbose: 0 });
    expect(Array.from(bn.movingMean.data)).not.toEqual(mean0);
    expect(Array.from(bn.movingVariance.data)).not.toEqual(var0);
    const mean1 = Array.from(bn.movingMean.data);
    evaluate(model, x, y, { loss: "mse" });
    expect(Array.from(bn.movingMean.data)).toEqual(mean1);
  });

  it("the dry run before training changes nothing: BatchNorm statistics and Dropout's generator", () => {
    // Two identical models: one fitted through fit, one by the same loop by hand.
    const viaFit = new Sequential([
      new Dense(5, { inputDim: 4, seed: 1 }),
      new BatchNorm(),
      new Dropout(0.3, { seed: 9 }),
      new Dense(1, { seed: 2 }),
    ]);
    const byHand = new Sequential([
      new Dense(5, { inputDim: 4, seed: 1 }),
      new BatchNorm(),
      new Dropout(0.3, { seed: 9 }),
      new Dense(1, { seed: 2 }),
    ]);
    fit(viaFit, x, y, {
      loss: "mse",
      optimizer: "sgd",
      epochs: 1,
      batchSize: 40,
      shuffle: false,
      verbose: 0,
    });
    const out = byHand.call(x);
    const loss = losses.mse(out, y);
    loss.backward();
    for (const p of byHand.parameters()) {
      const w = p.value.data;
      const g = p.grad!.data;
      for (let i = 0; i < w.length; i++) w[i] = w[i]! - 0.01 * g[i]!;
    }
    const a = viaFit.stateDict();
    const b = byHand.stateDict();
    for (const k of Object.keys(a))
      expect(Array.from(a[k]!.data), k).toEqual(Array.from(b[k]!.data));
  });
});
