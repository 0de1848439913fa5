/**
 * What the book's two networks share: the data with the book's 75/25 split,
 * the optional scaling, and the models built from one seed.
 */
import {
  applySplit,
  bookSplit,
  loadBoston,
  loadWine,
  oneHot,
  StandardScaler,
} from "@neurite/datasets";
import { Activation, BatchNorm, Dense, type Module, Sequential } from "@neurite/layers";
import { Rng, type Tensor } from "@neurite/tensor";
import type { ResolvedOptions } from "./common.js";

/** A data set split the book's way, ready for training. */
export interface BookData {
  /** Training features `[n, 13]` (raw, or standardized with `scale`). */
  xTrain: Tensor;
  /** Training targets: one-hot `[n, 3]` for wine, `[n, 1]` for Boston. */
  yTrain: Tensor;
  /** Test features. */
  xTest: Tensor;
  /** Test targets, as `yTrain`. */
  yTest: Tensor;
  /** Feature names. */
  featureNames: string[];
  /** Rows × features of the whole set. */
  shape: [number, number];
}

/**
 * Loads wine or Boston and splits it on the book's rows (scikit-learn's
 * `train_test_split(X, y, random_state=0)`, embedded in `@neurite/datasets`).
 * With `scale`, features are standardized with a scaler fitted on the
 * training rows only.
 */
export function loadBookData(name: "wine" | "boston", scale: boolean): BookData {
  const ds = name === "wine" ? loadWine() : loadBoston();
  const s = applySplit(ds.x, ds.y, bookSplit(name));
  let { xTrain, xTest } = s;
  if (scale) {
    const scaler = new StandardScaler().fit(xTrain);
    xTrain = scaler.transform(xTrain);
    xTest = scaler.transform(xTest);
  }
  const target = (y: Tensor) =>
    name === "wine" ? oneHot(y, 3).cast("float32") : y.reshape([y.shape[0]!, 1]);
  return {
    xTrain,
    yTrain: target(s.yTrain),
    xTest,
    yTest: target(s.yTest),
    featureNames: ds.featureNames,
    shape: ds.x.shape as [number, number],
  };
}

/**
 * The two lines that describe the book's split and the feature scaling,
 * printed by both book examples under their `data:` line.
 */
export function bookSplitLines(nTrain: number, nTest: number, scale: boolean): [string, string] {
  return [
    `split:    the book's 75/25 rows (scikit-learn, random_state=0): ${nTrain} train, ${nTest} test`,
    `features: ${scale ? "standardized (fitted on the training split)" : "raw, as in the book (--scale standardizes them)"}`,
  ];
}

/** Variants of {@link wineModel}. */
export interface WineModelOptions {
  /** Include the BatchNorm layer (default true, as the book). */
  batchNorm?: boolean;
  /** End with the softmax layer (default true, as the book); false outputs the logits. */
  softmax?: boolean;
  /** Momentum of the BatchNorm layer's moving statistics (default 0.99, Keras's). */
  bnMomentum?: number;
}

/**
 * The book's wine classifier: `Dense(20) → BatchNorm → ReLU → Dense(3) → softmax`,
 * optionally without the BatchNorm layer or the final softmax. Every variant
 * draws the same initial Dense weights from the same seed.
 */
export function wineModel(seed: number, options: WineModelOptions = {}): Sequential {
  const rng = new Rng(seed);
  const layers: Module[] = [new Dense(20, { inputDim: 13, rng: rng.fork() })];
  if (options.batchNorm ?? true)
    layers.push(new BatchNorm({ momentum: options.bnMomentum ?? 0.99 }));
  layers.push(new Activation("relu"), new Dense(3, { rng: rng.fork() }));
  if (options.softmax ?? true) layers.push(new Activation("softmax"));
  return new Sequential(layers);
}

/** The book's Boston regressor: `Dense(20, relu) → Dense(1)` (identity output). */
export function bostonModel(seed: number): Sequential {
  const rng = new Rng(seed);
  return new Sequential([
    new Dense(20, { inputDim: 13, activation: "relu", rng: rng.fork() }),
    new Dense(1, { rng: rng.fork() }),
  ]);
}

/**
 * `fit`'s progress settings for the demo: nothing; a live bar on the
 * terminal (`@neurite/train/node`'s fit draws it for `verbose: 1` without a
 * `log`); or one line per epoch through `say`.
 */
export function progressOptions(o: Pick<ResolvedOptions, "progress" | "progressBar" | "say">): {
  verbose: 0 | 1 | 2;
  log?: (line: string) => void;
} {
  if (!o.progress) return { verbose: 0 };
  if (o.progressBar) return { verbose: 1 };
  return { verbose: 2, log: (line) => o.say(line) };
}
