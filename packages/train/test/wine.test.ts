import { Activation, BatchNorm, Dense, Sequential } from "@neurite/layers";
import { Adam } from "@neurite/optim";
import { describe, expect, it } from "vitest";
import { evaluate, fit, predict } from "../src/index.js";
import { stateBytes, wineData, wineModel } from "./helpers.js";

const data = wineData();

describe("the book's wine example", () => {
  it("trains 3 epochs at batch 5: 27 iterations per epoch, 3 entries per key, loss falling", () => {
    const model = wineModel();
    const history = fit(model, data.xTrain, data.yTrain, {
      loss: "categoricalCrossEntropy",
      optimizer: "adam",
      metrics: ["accuracy"],
      epochs: 3,
      batchSize: 5,
      validationData: [data.xTest, data.yTest],
      verbose: 0,
    });
    expect(history.iterationsPerEpoch).toBe(27);
    expect(history.params.samples).toBe(133);
    expect(history.keys).toEqual(["loss", "accuracy", "val_loss", "val_accuracy"]);
    for (const k of history.keys) expect(history.history[k]).toHaveLength(3);
    expect(history.epoch).toEqual([0, 1, 2]);
    const loss = history.history.loss!;
    expect(loss[2]!).toBeLessThan(loss[0]!);
    expect(history.history.val_loss![2]!).toBeLessThan(history.history.val_loss![0]!);
    for (const a of [...history.history.accuracy!, ...history.history.val_accuracy!]) {
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(1);
    }

    const scores = evaluate(model, data.xTest, data.yTest, {
      loss: "categoricalCrossEntropy",
      metrics: ["accuracy"],
      batchSize: 5,
    });
    expect(Object.keys(scores)).toEqual(["loss", "accuracy"]);
    // validation after the last epoch is evaluate on the same data and batches
    expect(scores.loss).toBe(history.last("val_loss"));
    expect(scores.accuracy).toBe(history.last("val_accuracy"));

    const probs = predict(model, data.xTest);
    expect(probs.shape).toEqual([45, 3]);
    for (let r = 0; r < 45; r++) {
      const row = probs.data.subarray(r * 3, r * 3 + 3);
      expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 5);
    }
  });

  it("gives a bit-identical history and weights for the same seed (full size: 30 epochs)", () => {
    const run = () => {
      const model = wineModel();
      const h = fit(model, data.xTrain, data.yTrain, {
        loss: "categoricalCrossEntropy",
        metrics: ["accuracy"],
        epochs: 30,
        batchSize: 5,
        seed: 42,
        validationData: [data.xTest, data.yTest],
        verbose: 0,
      });
      return { h, weights: stateBytes(model) };
    };
    const a = run();
    const b = run();
    expect(b.h.history).toEqual(a.h.history);
    expect(b.weights).toEqual(a.weights);
    expect(a.h.length).toBe(30);
    expect(a.h.last("val_accuracy")).toBeGreaterThan(0.85);
  });
});

describe("the wine data in other forms", () => {
  it("integer labels with sparse cross-entropy: 'accuracy' becomes sparse accuracy", () => {
    const model = wineModel();
    const h = fit(model, data.xTrain, data.labelsTrain, {
      loss: "sparseCategoricalCrossEntropy",
      metrics: ["accuracy", "f1"],
      epochs: 3,
      batchSize: 5,
      validationData: [data.xTest, data.labelsTest],
      verbose: 0,
    });
    expect(h.keys).toEqual(["loss", "accuracy", "f1", "val_loss", "val_accuracy", "val_f1"]);
    // the same weights scored with one-hot targets give the same accuracy
    const oneHotScores = evaluate(model, data.xTest, data.yTest, {
      metrics: ["accuracy"],
      batchSize: 5,
    });
    expect(oneHotScores.accuracy).toBe(h.last("val_accuracy"));
  });

  it("a model that creates its weights on the first call, with an optimizer built from them", () => {
    const model = new Sequential([
      new Dense(20, { seed: 1 }),
      new BatchNorm(),
      new Activation("relu"),
      new Dense(3, { activation: "softmax", seed: 2 }),
    ]);
    expect(model.parameters()).toHaveLength(0);
    const h = fit(model, data.xTrain, data.yTrain, {
      loss: "categoricalCrossEntropy",
      optimizer: (params) => new Adam(params, { lr: 0.01 }),
      epochs: 2,
      batchSize: 5,
      verbose: 0,
    });
    expect(model.parameters()).toHaveLength(6);
    expect(h.history.loss![1]!).toBeLessThan(h.history.loss![0]!);
  });
});
