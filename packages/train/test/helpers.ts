import { applySplit, bookSplit, loadWine, oneHot, StandardScaler } from "@neurite/datasets";
import { Activation, BatchNorm, Dense, type Module, Sequential } from "@neurite/layers";
import type { Tensor } from "@neurite/tensor";
import type { Callback } from "../src/index.js";

/** The book's wine data: the fixed 133/45 split, standardized features, one-hot targets. */
export function wineData(): {
  xTrain: Tensor;
  yTrain: Tensor;
  xTest: Tensor;
  yTest: Tensor;
  labelsTrain: Tensor;
  labelsTest: Tensor;
} {
  const { x, y } = loadWine();
  const s = applySplit(x, y, bookSplit("wine"));
  const scaler = new StandardScaler().fit(s.xTrain);
  return {
    xTrain: scaler.transform(s.xTrain),
    xTest: scaler.transform(s.xTest),
    yTrain: oneHot(s.yTrain, 3),
    yTest: oneHot(s.yTest, 3),
    labelsTrain: s.yTrain,
    labelsTest: s.yTest,
  };
}

/** The book's wine network: Dense(20) → BatchNorm → ReLU → Dense(3) → softmax, with fixed seeds. */
export function wineModel(seed = 1): Sequential {
  return new Sequential([
    new Dense(20, { inputDim: 13, seed }),
    new BatchNorm(),
    new Activation("relu"),
    new Dense(3, { activation: "softmax", seed: seed + 1 }),
  ]);
}

/** The raw bytes of every tensor of a state dict, to compare bit for bit. */
export function stateBytes(model: Module): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [k, t] of Object.entries(model.stateDict()))
    out[k] = Array.from(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  return out;
}

/** Each module's training flag, in traversal order. */
export function modes(model: Module): boolean[] {
  return model.modules().map((m) => m.training);
}

/** Every parameter and buffer of a model as plain numbers by key, to compare weights with toEqual. */
export function weightValues(model: Module): Record<string, number[]> {
  return Object.fromEntries(
    Object.entries(model.stateDict()).map(([k, t]) => [k, Array.from(t.data)]),
  );
}

/**
 * A callback that writes `seq[epoch]` into each epoch's logs under `key` (a
 * scripted metric for callbacks that monitor it) and keeps each epoch's weights.
 */
export function scriptedMetric(
  key: string,
  seq: number[],
): Callback & { weights: Record<string, number[]>[] } {
  return {
    weights: [],
    onEpochEnd(epoch, logs, ctx) {
      logs[key] = seq[epoch]!;
      this.weights.push(weightValues(ctx.model));
    },
  };
}
