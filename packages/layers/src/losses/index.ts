import { binaryCrossEntropy } from "./binary.js";
import {
  categoricalCrossEntropy,
  softmaxCrossEntropy,
  sparseCategoricalCrossEntropy,
} from "./categorical.js";
import { getLoss, LOSS_NAMES } from "./classes.js";
import { huber, mae, mse, sse } from "./regression.js";

export type { CrossEntropyOptions } from "./binary.js";
export type { ReductionOptionsOnly } from "./categorical.js";
export {
  BinaryCrossEntropy,
  CategoricalCrossEntropy,
  getLoss,
  Huber,
  LOSS_NAMES,
  Loss,
  type LossFunction,
  type LossName,
  type LossOptions,
  MeanAbsoluteError,
  MeanSquaredError,
  SparseCategoricalCrossEntropy,
  SumSquaredError,
} from "./classes.js";
export type { Reduction, ReductionOptions } from "./common.js";
export type { HuberOptions } from "./regression.js";

/**
 * The loss functions, prediction first and target second (PyTorch's order):
 * `losses.mse(yPred, yTrue)`. Each returns a Variable (a scalar unless
 * `reduction: "none"`) to call `backward()` on. `losses.get(name, options)`
 * returns a configured {@link Loss} object.
 */
export const losses = {
  sse,
  mse,
  mae,
  huber,
  binaryCrossEntropy,
  categoricalCrossEntropy,
  sparseCategoricalCrossEntropy,
  softmaxCrossEntropy,
  /** Alias of {@link sse}. */
  sumSquaredError: sse,
  /** Alias of {@link mse}. */
  meanSquaredError: mse,
  /** Alias of {@link mae}. */
  meanAbsoluteError: mae,
  get: getLoss,
  names: LOSS_NAMES,
} as const;
