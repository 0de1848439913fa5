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

const sq = (p: number, t: number) => (p - t) * (p - t);
const dSq = (p: number, t: number) => 2 * (p - t);
const dSqT = (p: number, t: number) => -2 * (p - t);

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
    p,
    sameShapeTarget(op, p, yTrue),
    checkReduction(op, options.reduction),
    sq,
    dSq,
    dSqT,
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
    p,
    sameShapeTarget(op, p, yTrue),
    checkReduction(op, options.reduction, "sum"),
    sq,
    dSq,
    dSqT,
  );
}

// NaN stays NaN so a NaN prediction gives a NaN gradient, not a silent 0.
const sgn = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : Number.isNaN(v) ? v : 0);

/** Mean absolute error `mean(|yPred − yTrue|)`; its gradient at 0 is 0. */
export function mae(yPred: In, yTrue: In, options: ReductionOptions = {}): Variable {
  const op = "mae";
  checkOptions(op, options, REDUCTION_OPTIONS);
  const p = predictionOf(op, yPred);
  return elementwiseLoss(
    op,
    p,
    sameShapeTarget(op, p, yTrue),
    checkReduction(op, options.reduction),
    (a, t) => Math.abs(a - t),
    (a, t) => sgn(a - t),
    (a, t) => -sgn(a - t),
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
  const d = (a: number, t: number) => {
    const e = a - t;
    return Math.abs(e) <= delta ? e : delta * sgn(e);
  };
  return elementwiseLoss(
    op,
    p,
    sameShapeTarget(op, p, yTrue),
    checkReduction(op, options.reduction),
    (a, t) => {
      const e = Math.abs(a - t);
      return e <= delta ? 0.5 * e * e : delta * (e - 0.5 * delta);
    },
    d,
    (a, t) => -d(a, t),
  );
}
