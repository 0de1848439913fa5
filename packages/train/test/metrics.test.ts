import { oneHot } from "@neurite/datasets";
import { tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  ConfusionAccumulator,
  confusionMatrix,
  defineMetric,
  F1Score,
  formatConfusionMatrix,
  getMetric,
  MeanAbsoluteErrorMetric,
  MeanSquaredErrorMetric,
  Precision,
  R2Score,
  Recall,
  RootMeanSquaredError,
  resolveMetrics,
  SparseCategoricalAccuracy,
  score,
} from "../src/index.js";

// Three classes: true labels and predicted classes with confusion
//   [[2, 1, 0],
//    [0, 1, 1],
//    [0, 0, 4]]
const TRUE = [0, 0, 0, 1, 1, 2, 2, 2, 2];
const PRED = [0, 0, 1, 1, 2, 2, 2, 2, 2];
const labels = tensor(TRUE, [9], "int32");
const scores = oneHot(tensor(PRED, [9], "int32"), 3)
  .mul(0.8)
  .add(0.1); // rows like [0.9, 0.1, 0.1]
const targets = oneHot(labels, 3);

describe("accuracy", () => {
  it("binary: thresholded predictions against 0/1 targets", () => {
    const p = tensor([[0.9], [0.2], [0.6], [0.4]]);
    const t = tensor([[1], [0], [0], [0]]);
    expect(score(new BinaryAccuracy(), p, t)).toBe(0.75);
    expect(score(new Accuracy(), p, t)).toBe(0.75); // auto: one output per sample
    expect(score(new BinaryAccuracy({ threshold: 0.3 }), p, t)).toBe(0.5);
    expect(score(new BinaryAccuracy(), p, tensor([1, 0, 0, 0]))).toBe(0.75); // [n] against [n,1]
  });

  it("categorical and sparse: argmax against one-hot rows or labels", () => {
    const p = tensor([
      [0.1, 0.8, 0.1],
      [0.6, 0.3, 0.1],
      [0.2, 0.2, 0.6],
      [0.5, 0.4, 0.1],
    ]);
    const l = tensor([1, 0, 1, 2], [4], "int32");
    expect(score(new CategoricalAccuracy(), p, oneHot(l, 3))).toBe(0.5);
    expect(score(new SparseCategoricalAccuracy(), p, l)).toBe(0.5);
    expect(score(new SparseCategoricalAccuracy(), p, l.reshape([4, 1]))).toBe(0.5);
    const auto1 = new Accuracy();
    expect(score(auto1, p, oneHot(l, 3))).toBe(0.5);
    expect(auto1.resolvedKind).toBe("categorical");
    const auto2 = new Accuracy();
    expect(score(auto2, p, l)).toBe(0.5);
    expect(auto2.resolvedKind).toBe("sparse");
    expect(score(new Accuracy(), scores, targets)).toBeCloseTo(7 / 9, 15);
  });

  it("accumulates over batches: the epoch value, not a mean of batch values", () => {
    const acc = new Accuracy();
    acc.update(scores.slice([0, 0], [2, 3]), targets.slice([0, 0], [2, 3])); // 2/2
    acc.update(scores.slice([2, 0], [7, 3]), targets.slice([2, 0], [7, 3])); // 5/7
    expect(acc.result()).toBeCloseTo(7 / 9, 15); // a mean of batch values would be 0.857
    acc.reset();
    expect(acc.result()).toBeNaN();
  });

  it('"accuracy" picks the kind from the loss, as Keras does', () => {
    const kind = (loss: string) => (getMetric("accuracy", { name: loss }) as Accuracy).kind;
    expect(kind("binaryCrossEntropy")).toBe("binary");
    expect(kind("categoricalCrossEntropy")).toBe("categorical");
    expect(kind("sparseCategoricalCrossEntropy")).toBe("sparse");
    expect(kind("mse")).toBe("auto");
    const logits = getMetric("accuracy", {
      name: "binaryCrossEntropy",
      fromLogits: true,
    }) as Accuracy;
    expect(logits.threshold).toBe(0);
    expect(score(logits, tensor([[2], [-1], [0.5], [-3]]), tensor([[1], [0], [0], [0]]))).toBe(
      0.75,
    );
  });
});

describe("regression metrics", () => {
  const yTrue = tensor([3, -0.5, 2, 7], [4], "float64");
  const yPred = tensor([2.5, 0, 2, 8], [4], "float64");

  it("mse, rmse, mae", () => {
    // errors: -0.5, 0.5, 0, 1
    expect(score(new MeanSquaredErrorMetric(), yPred, yTrue)).toBeCloseTo(0.375, 15);
    expect(score(new RootMeanSquaredError(), yPred, yTrue)).toBeCloseTo(Math.sqrt(0.375), 15);
    expect(score(new MeanAbsoluteErrorMetric(), yPred, yTrue)).toBeCloseTo(0.5, 15);
  });

  it("r2 over the whole epoch (scikit-learn's example: 0.9486...)", () => {
    // mean 2.875; SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875; SS_res = 1.5
    const expected = 1 - 1.5 / 29.1875;
    expect(score(new R2Score(), yPred, yTrue)).toBeCloseTo(expected, 14);
    const r2 = new R2Score();
    r2.update(yPred.slice([0], [1]), yTrue.slice([0], [1])); // a batch of one: its own R² is undefined
    r2.update(yPred.slice([1], [3]), yTrue.slice([1], [3]));
    expect(r2.result()).toBeCloseTo(expected, 14);
  });

  it("r2 of several outputs is the mean of the columns' R²; constant columns follow scikit-learn", () => {
    const t = tensor([
      [0.5, 1],
      [-1, 1],
      [7, -6],
    ]);
    const p = tensor([
      [0, 2],
      [-1, 2],
      [8, -5],
    ]);
    // column 0: mean 2.1667, SS_tot 36.1667, SS_res 1.25; column 1: mean -1.3333, SS_tot 32.6667, SS_res 3
    const c0 = 1 - 1.25 / (36 + 1 / 6);
    const c1 = 1 - 3 / (32 + 2 / 3);
    expect(score(new R2Score(), p, t)).toBeCloseTo((c0 + c1) / 2, 6);
    expect(score(new R2Score(), tensor([1, 1]), tensor([1, 1]))).toBe(1);
    expect(score(new R2Score(), tensor([1, 2]), tensor([1, 1]))).toBe(0);
  });

  it("r2 keeps its precision on large targets (merged batch statistics)", () => {
    const base = 1e8;
    const t = tensor([base + 1, base + 2, base + 3, base + 4], [4], "float64");
    const p = tensor([base + 1, base + 2, base + 3, base + 5], [4], "float64");
    const r2 = new R2Score();
    for (let i = 0; i < 4; i++) r2.update(p.slice([i], [1]), t.slice([i], [1]));
    expect(r2.result()).toBeCloseTo(1 - 1 / 5, 9);
  });
});

describe("precision, recall, F1", () => {
  it("multi-class, macro (default), micro and weighted, on a small confusion", () => {
    // precision per class [1, 0.5, 0.8], recall [2/3, 0.5, 1], F1 [0.8, 0.5, 8/9]
    expect(score(new Precision(), scores, targets)).toBeCloseTo((1 + 0.5 + 0.8) / 3, 15);
    expect(score(new Recall(), scores, targets)).toBeCloseTo((2 / 3 + 0.5 + 1) / 3, 15);
    expect(score(new F1Score(), scores, targets)).toBeCloseTo((0.8 + 0.5 + 8 / 9) / 3, 15);
    for (const M of [Precision, Recall, F1Score])
      expect(score(new M({ average: "micro" }), scores, targets)).toBeCloseTo(7 / 9, 15);
    expect(score(new F1Score({ average: "weighted" }), scores, labels)).toBeCloseTo(
      (3 * 0.8 + 2 * 0.5 + 4 * (8 / 9)) / 9,
      15,
    );
    expect(score(new Precision({ average: "binary", positiveClass: 2 }), scores, labels)).toBe(0.8);
  });

  it("binary: the positive class, one probability per sample", () => {
    const t = tensor([[1], [1], [1], [0], [0], [0], [1], [0]]);
    const p = tensor([[0.9], [0.4], [0.7], [0.6], [0.55], [0.2], [0.8], [0.3]]);
    // TP 3, FP 2, FN 1
    expect(score(new Precision(), p, t)).toBeCloseTo(0.6, 15);
    expect(score(new Recall(), p, t)).toBeCloseTo(0.75, 15);
    expect(score(new F1Score(), p, t)).toBeCloseTo((2 * 0.6 * 0.75) / 1.35, 15);
    expect(score(new Precision({ threshold: 0.65 }), p, t)).toBe(1);
    expect(score(new Recall({ positiveClass: 0 }), p, t)).toBeCloseTo(2 / 4, 15);
  });

  it("F1 over the epoch is not the mean of per-batch F1 scores", () => {
    const f1 = new F1Score();
    f1.update(scores.slice([0, 0], [3, 3]), labels.slice([0], [3]));
    f1.update(scores.slice([3, 0], [6, 3]), labels.slice([3], [6]));
    expect(f1.result()).toBeCloseTo((0.8 + 0.5 + 8 / 9) / 3, 15);
    expect(f1.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 4],
    ]);
  });

  it("a class never predicted scores 0, not NaN", () => {
    const p = tensor([
      [0.9, 0.1],
      [0.8, 0.2],
    ]);
    expect(score(new Precision(), p, tensor([0, 1], [2], "int32"))).toBe(0.25);
  });
});

describe("confusion matrix", () => {
  it("rows are true classes, columns predicted ones; from scores, labels or one-hot", () => {
    const expected = [
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 4],
    ];
    expect(confusionMatrix(scores, labels)).toEqual(expected);
    expect(confusionMatrix(scores, targets)).toEqual(expected);
    expect(confusionMatrix(tensor([0.9, 0.2, 0.7]), tensor([1, 1, 0]))).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(confusionMatrix(scores, labels, { numClasses: 4 })[3]).toEqual([0, 0, 0, 0]);
    const acc = new ConfusionAccumulator("cm");
    acc.update(scores, labels);
    acc.update(scores, labels);
    expect(acc.counts[2]).toEqual([0, 0, 8]);
  });

  it("prints as a table with class names and row totals", () => {
    const text = formatConfusionMatrix(confusionMatrix(scores, labels), {
      labels: ["barolo", "grignolino", "barbera"],
    });
    expect(text.split("\n")).toEqual([
      "             predicted",
      "true              barolo grignolino    barbera       total",
      "  barolo               2          1          0           3",
      "  grignolino           0          1          1           2",
      "  barbera              0          0          4           4",
    ]);
    expect(
      formatConfusionMatrix([
        [1, 0],
        [2, 3],
      ]),
    ).toContain("  1        2    3     5");
  });
});

describe("custom metrics and names", () => {
  it("defineMetric averages a batch value weighted by batch size", () => {
    const m = defineMetric("first", (p) => p.data[0]!);
    m.update(tensor([[1], [9]]), tensor([[0], [0]]));
    m.update(tensor([[4]]), tensor([[0]]));
    expect(m.result()).toBeCloseTo((1 * 2 + 4 * 1) / 3, 15);
  });

  it("resolves names in any spelling and keeps the name as written", () => {
    const ms = resolveMetrics("fit", ["mean_squared_error", "R2", "f1_micro"], undefined);
    expect(ms.map((m) => m.name)).toEqual(["mean_squared_error", "R2", "f1_micro"]);
    expect(ms[0]).toBeInstanceOf(MeanSquaredErrorMetric);
    expect(ms[2]).toBeInstanceOf(F1Score);
  });
});
