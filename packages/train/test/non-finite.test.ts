import type { Variable } from "@neurite/autograd";
import { isGradEnabled, sqrt } from "@neurite/autograd";
import { DataLoader } from "@neurite/datasets";
import { Dense, losses, Sequential } from "@neurite/layers";
import { SGD } from "@neurite/optim";
import { Rng, randn, type Tensor, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  evaluate,
  fit,
  fitAsync,
  NonFiniteLossError,
  predict,
  TerminateOnNaN,
} from "../src/index.js";
import { allFinite } from "../src/internal/finite.js";
import { weightValues, wineData, wineModel } from "./helpers.js";

/** Runs `f`, expects it to throw `type`, and returns the error. */
function thrown<E extends Error>(f: () => unknown, type: new (...a: never[]) => E): E {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as E;
  }
  throw new Error("expected an error");
}

/** The book's wine training data with one NaN feature in one row. */
function wineWithNaN(): ReturnType<typeof wineData> {
  const d = wineData();
  const xTrain = d.xTrain.clone();
  xTrain.data[7 * 13 + 4] = Number.NaN; // row 7, column 4
  return { ...d, xTrain };
}

const wineFit = { loss: "categoricalCrossEntropy", epochs: 3, batchSize: 5, verbose: 0 } as const;

function allWeightsFinite(model: Sequential): boolean {
  return Object.values(model.stateDict()).every((t) => t.data.every(Number.isFinite));
}

describe("fit, evaluate and predict check the data for NaN and infinities first", () => {
  it("one NaN feature in one wine row: fit names x, the row and the column, before any step", () => {
    const { xTrain, yTrain } = wineWithNaN();
    const model = wineModel();
    const before = weightValues(model);
    const e = thrown(() => fit(model, xTrain, yTrain, wineFit), ValueError);
    expect(e.message).toBe(
      "fit: argument 'x': holds NaN at row 7, column 4 (shape [133,13]; 1 non-finite value in all): clean or impute the data (e.g. drop the rows), or pass checkFinite: false to skip this check",
    );
    expect(weightValues(model)).toEqual(before);
  });

  it("names y, the validation tensors and counts every bad value", () => {
    const { xTrain, yTrain, xTest, yTest } = wineData();
    const y = yTrain.clone();
    y.data[2 * 3 + 1] = Number.POSITIVE_INFINITY;
    y.data[9 * 3] = Number.NaN;
    expect(thrown(() => fit(wineModel(), xTrain, y, wineFit), ValueError).message).toMatch(
      /^fit: argument 'y': holds Infinity at row 2, column 1 \(shape \[133,3\]; 2 non-finite values in all\)/,
    );
    const vx = xTest.clone();
    vx.data[44 * 13 + 12] = Number.NEGATIVE_INFINITY;
    expect(
      thrown(
        () => fit(wineModel(), xTrain, yTrain, { ...wineFit, validationData: [vx, yTest] }),
        ValueError,
      ).message,
    ).toMatch(/^fit: argument 'validationData\[0\] \(x\)': holds -Infinity at row 44, column 12/);
  });

  it("a loader's batch is checked before its step, naming the batch", () => {
    const { xTrain, yTrain } = wineWithNaN();
    const loader = new DataLoader(xTrain, yTrain, { batchSize: 5, shuffle: false });
    expect(
      thrown(
        () => fit(wineModel(), loader, { loss: wineFit.loss, epochs: 3, verbose: 0 }),
        ValueError,
      ).message,
    ).toMatch(/^fit: argument 'loader': batch 1 of epoch 0: its x holds NaN at row 2, column 4/);
  });

  it("a validation loader's batches are checked as they come", () => {
    const { xTrain, yTrain, xTest, yTest } = wineData();
    const vx = xTest.clone();
    vx.data[12 * 13] = Number.NaN; // batch 1 of 10, row 2
    const val = new DataLoader(vx, yTest, { batchSize: 10, shuffle: false });
    expect(
      thrown(
        () => fit(wineModel(), xTrain, yTrain, { ...wineFit, validationData: val }),
        ValueError,
      ).message,
    ).toMatch(/^fit: argument 'validationData': batch 1: its x holds NaN at row 2, column 0/);
  });

  it("evaluate and predict name the tensor too; checkFinite: false turns the check off", () => {
    const { xTrain, yTrain } = wineWithNaN();
    const model = wineModel();
    expect(
      thrown(() => evaluate(model, xTrain, yTrain, { loss: "categoricalCrossEntropy" }), ValueError)
        .message,
    ).toMatch(/^evaluate: argument 'x': holds NaN at row 7, column 4/);
    const loader = new DataLoader(xTrain, yTrain, { batchSize: 5, shuffle: false });
    expect(
      thrown(() => evaluate(model, loader, { loss: "categoricalCrossEntropy" }), ValueError)
        .message,
    ).toMatch(/^evaluate: argument 'loader': batch 1: its x holds NaN at row 2, column 4/);
    expect(thrown(() => predict(model, xTrain), ValueError).message).toMatch(
      /^predict: argument 'x': holds NaN at row 7, column 4/,
    );
    const out = predict(model, xTrain, { checkFinite: false });
    expect(out.shape).toEqual([133, 3]);
    expect(
      thrown(() => predict(model, xTrain, { checkFinite: 1 as never }), ValueError).message,
    ).toBe("predict: argument 'checkFinite': expected true or false, got 1");
  });
});

/** A loss that is finite (0 at the start) but whose gradient is infinite: sqrt at 0. */
const sqrtLoss = (yPred: Variable, _yTrue: Variable | Tensor) => sqrt(yPred.abs()).mean();

describe("TerminateOnNaN watches the weights after every step, not only the loss", () => {
  it("an infinite gradient under a finite loss stops with NonFiniteLossError and restores the weights", () => {
    const model = new Sequential([
      new Dense(1, { inputDim: 2, useBias: false, kernelInitializer: "zeros" }),
    ]);
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const y = tensor([[0], [0]]);
    const before = weightValues(model);
    const e = thrown(
      () =>
        fit(model, x, y, {
          loss: sqrtLoss,
          optimizer: new SGD(model.parameters(), { lr: 0.1 }),
          epochs: 2,
          batchSize: 2,
          verbose: 0,
        }),
      NonFiniteLossError,
    );
    expect(e.info.source).toBe("weights");
    expect(e.value).toBe(0);
    expect(e.restored).toBe("before-this-batch");
    expect(e.info.nonFiniteParameters).toEqual(["0.kernel"]);
    expect(e.message).toMatch(
      /^fit: argument 'model': the weights became NaN or infinite after the update in epoch 1\/2 at iteration 1\/1 .*\(the batch loss was 0\)/,
    );
    expect(weightValues(model)).toEqual(before);
    expect(e.history?.epoch).toEqual([]);
  });

  it("the book's network on wine with one NaN feature and the data check off: never returns NaN weights", () => {
    const { xTrain, yTrain } = wineWithNaN();
    const model = wineModel();
    const e = thrown(
      () => fit(model, xTrain, yTrain, { ...wineFit, checkFinite: false }),
      NonFiniteLossError,
    );
    expect(e.info.badData).toBe(true);
    expect(e.epoch).toBe(0);
    expect(allWeightsFinite(model)).toBe(true);
  });

  it("with throwError false training just stops, weights finite", () => {
    const { xTrain, yTrain } = wineWithNaN();
    const model = wineModel();
    const h = fit(model, xTrain, yTrain, {
      ...wineFit,
      checkFinite: false,
      terminateOnNaN: false,
      callbacks: [new TerminateOnNaN({ throwError: false })],
    });
    expect(h.epoch).toEqual([0]);
    expect(allWeightsFinite(model)).toBe(true);
  });
});

describe("NonFiniteLossError carries the History of the epochs that finished", () => {
  function nanAt(bad: number) {
    let calls = 0;
    return (yPred: Variable, yTrue: Variable | Tensor) => {
      const l = losses.mse(yPred, yTrue);
      if (!isGradEnabled()) return l;
      return calls++ === bad ? l.mul(Number.NaN) : l;
    };
  }
  const rng = new Rng(3);
  const x = randn([30, 3], rng);
  const y = randn([30, 1], rng);
  const small = () => new Sequential([new Dense(1, { inputDim: 3, seed: 1 })]);

  it("fit: two finished epochs of three batches, the NaN in the third", () => {
    const e = thrown(
      () => fit(small(), x, y, { loss: nanAt(7), epochs: 5, batchSize: 10, verbose: 0 }),
      NonFiniteLossError,
    );
    expect(e.epoch).toBe(2);
    expect(e.history?.epoch).toEqual([0, 1]);
    expect(e.history?.history.loss).toHaveLength(2);
    expect(e.history?.history.loss?.every(Number.isFinite)).toBe(true);
  });

  it("fitAsync too", async () => {
    let error: unknown;
    try {
      await fitAsync(small(), x, y, { loss: nanAt(4), epochs: 5, batchSize: 10, verbose: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonFiniteLossError);
    expect((error as NonFiniteLossError).history?.epoch).toEqual([0]);
  });
});

describe("allFinite, the guard's per-step check", () => {
  it("finds NaN and infinities at every position, including the unrolled loop's tail", () => {
    for (const n of [0, 1, 3, 4, 5, 8, 9, 11]) {
      expect(allFinite(new Float32Array(n).fill(1e30))).toBe(true);
      for (let at = 0; at < n; at++)
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          const d = new Float64Array(n).fill(-2.5);
          d[at] = bad;
          expect(allFinite(d)).toBe(false);
        }
    }
    expect(allFinite(Float32Array.of(3.4e38, 3.4e38, 3.4e38, 3.4e38, 3.4e38))).toBe(true);
  });
});
