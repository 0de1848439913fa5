import type { Variable } from "@neurite/autograd";
import { checkOptions, optionNames, type Tensor, ValueError } from "@neurite/tensor";
import {
  checkReduction,
  elementwiseLoss,
  predictionOf,
  REDUCTION_OPTIONS,
  type ReductionOptions,
  sameShapeTarget,
} from "./common.js";

type In = Variable | Tensor;

/**
 * Mean squared error `mean((yPred − yTrue)²)`, the book's regression loss.
 * @param yPred - predictions (first, as in PyTorch)
 * @param yTrue - targets of the same shape (`[n]` and `[n,1]` are accepted for each other)
 */
export function mse(yPred: In, yTrue: In, options: ReductionOptions = {}): Variable {
  const op = "mse";
  checkOptions(op, options, REDUCTION_OPTIONS);
  const p = predictionOf(op, yPred);
  return elementwiseLoss(
    op,
    "squaredError",
    0,
    p,
    sameShapeTarget(op, p, yTrue),
    checkReduction(op, options.reduction),
  );
}

/**
 * Sum of squared errors `Σ(yPred − yTrue)²` (no ½ factor), the cost in the
 * book's backpropagation steps. It is {@link mse} with `reduction: "sum"` as
 * the default.
 */
export function sse(yPred: In, yTrue: In, options: ReductionOptions = {}): Variable {
  const op = "sse";
  checkOptions(op, options, REDUCTION_OPTIONS);
  const p = predictionOf(op, yPred);
  return elementwiseLoss(
    op,
    "squaredError",
    0,
    p,
    sameShapeTarget(op, p, yTrue),
    checkReduction(op, options.reduction, "sum"),
  );
}

/** Mean absolute error `mean(|yPred − yTrue|)`; its gradient at 0 is 0. */
export function mae(yPred: In, yTrue: In, options: ReductionOptions = {}): Variable {
  const op = "mae";
  checkOptions(op, options, REDUCTION_OPTIONS);
  const p = predictionOf(op, yPred);
  return elementwiseLoss(
    op,
    "absoluteError",
    0,
    p,
    sameShapeTarget(op, p, yTrue),
    checkReduction(op, options.reduction),
  );
}

/** Options of {@link huber}. */
export interface HuberOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear (default 1, Keras). */
  delta?: number;
}

/** The option names of {@link HuberOptions}. */
export const HUBER_OPTIONS = optionNames<HuberOptions>({ reduction: true, delta: true });

/**
 * Huber loss: `½e²` for `|e| ≤ delta`, `delta·(|e| − ½delta)` beyond, with
 * `e = yPred − yTrue`. Quadratic near the target, linear (robust to outliers)
 * far from it.
 */
export function huber(yPred: In, yTrue: In, options: HuberOptions = {}): Variable {
  const op = "huber";
  checkOptions(op, options, HUBER_OPTIONS);
  const delta = options.delta ?? 1;
  if (typeof delta !== "number" || !(delta > 0) || !Number.isFinite(delta))
    throw new ValueError(op, "delta", `expected a positive number, got ${String(delta)}`);
  const p = predictionOf(op, yPred);
  return elementwiseLoss(
    op,
    "huber",
    delta,
    p,
    sameShapeTarget(op, p, yTrue),
    checkReduction(op, options.reduction),
  );
}
