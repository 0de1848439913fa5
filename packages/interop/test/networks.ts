import { loadBoston, loadWine, StandardScaler } from "@neurite/datasets";
import { Activation, BatchNorm, Dense, Sequential } from "@neurite/layers";
import { Adam } from "@neurite/optim";
import { oneHot, type Tensor } from "@neurite/tensor";
import { fit } from "@neurite/train";

/** The book's wine network, `Dense(20) → BatchNorm → ReLU → Dense(3) → softmax`, untrained. */
export function wineNetwork(seed: number, bnMomentum = 0.9): Sequential {
  return new Sequential([
    new Dense(20, { inputDim: 13, seed }),
    new BatchNorm({ momentum: bnMomentum }),
    new Activation("relu"),
    new Dense(3, { activation: "softmax", seed: seed + 1 }),
  ]);
}

/** The book's Boston network, `Dense(20, relu) → Dense(1)`, untrained. */
export function bostonNetwork(seed: number): Sequential {
  return new Sequential([
    new Dense(20, { inputDim: 13, activation: "relu", seed }),
    new Dense(1, { seed: seed + 1 }),
  ]);
}

/** Standardized wine features and one-hot targets. */
export function wineData(): { x: Tensor; y: Tensor } {
  const d = loadWine();
  return { x: new StandardScaler().fitTransform(d.x), y: oneHot(d.y, 3).cast("float32") };
}

/** Standardized Boston features and `[n, 1]` targets. */
export function bostonData(): { x: Tensor; y: Tensor } {
  const d = loadBoston();
  return { x: new StandardScaler().fitTransform(d.x), y: d.y.reshape([-1, 1]) };
}

/** The wine network trained for two epochs, so BatchNorm's moving statistics are far from 0 and 1. */
export function trainedWine(seed = 1): Sequential {
  const model = wineNetwork(seed);
  const { x, y } = wineData();
  fit(model, x, y, {
    loss: "categoricalCrossEntropy",
    optimizer: new Adam(model.parameters(), { lr: 0.01 }),
    epochs: 2,
    batchSize: 16,
    seed,
    verbose: 0,
  });
  return model;
}

/** The Boston network trained for two epochs. */
export function trainedBoston(seed = 1): Sequential {
  const model = bostonNetwork(seed);
  const { x, y } = bostonData();
  fit(model, x, y, {
    loss: "meanSquaredError",
    optimizer: new Adam(model.parameters(), { lr: 0.01 }),
    epochs: 2,
    batchSize: 16,
    seed,
    verbose: 0,
  });
  return model;
}
