import type { Variable } from "@neurite/autograd";
import { checkOptions, optionNames, type Tensor } from "@neurite/tensor";
import { bool } from "../internal.js";
import {
  checkEpsilon,
  checkReduction,
  elementwiseLoss,
  predictionOf,
  type ReductionOptions,
  sameShapeTarget,
} from "./common.js";
import { logitsBehind } from "./keras-logits.js";

type In = Variable | Tensor;

/** Options of the cross-entropy losses. */
export interface CrossEntropyOptions extends ReductionOptions {
  /**
   * True when yPred holds raw scores (logits) rather than probabilities
   * (default false, as Keras). The logits path is exact and stable for any
   * magnitude; prefer it (with no sigmoid/softmax on the last layer).
   */
  fromLogits?: boolean;
  /** Probabilities are clamped to `[epsilon, 1 − epsilon]` before the log (default 1e-7, Keras). */
  epsilon?: number;
}

/** The option names of {@link CrossEntropyOptions}. */
export const CROSS_ENTROPY_OPTIONS = optionNames<CrossEntropyOptions>({
  reduction: true,
  fromLogits: true,
  epsilon: true,
});

/**
 * Binary cross-entropy `−(y·log p + (1 − y)·log(1 − p))`, averaged over every
 * element. With probabilities, p is clamped to `[epsilon, 1 − epsilon]` (no
 * gradient flows where the clamp is active, as Keras); with `fromLogits` it is
 * computed as `max(z, 0) − z·y + log(1 + e^−|z|)`, whose gradient is `σ(z) − y`.
 *
 * @param yPred - probabilities in [0, 1], or logits with `fromLogits`
 * @param yTrue - targets in [0, 1] of the same shape
 */
export function binaryCrossEntropy(
  yPred: In,
  yTrue: In,
  options: CrossEntropyOptions = {},
): Variable {
  const op = "binaryCrossEntropy";
  checkOptions(op, options, CROSS_ENTROPY_OPTIONS);
  const prediction = predictionOf(op, yPred);
  const target = sameShapeTarget(op, prediction, yTrue);
  const reduction = checkReduction(op, options.reduction);
  const fromLogits = bool(op, "fromLogits", options.fromLogits ?? false);
  const eps = checkEpsilon(op, options.epsilon);
  const behind = fromLogits ? undefined : logitsBehind("sigmoid", prediction);
  if (fromLogits || behind)
    return elementwiseLoss(
      op,
      "binaryCrossEntropyLogits",
      0,
      behind ?? prediction,
      target,
      reduction,
    );
  return elementwiseLoss(op, "binaryCrossEntropy", eps, prediction, target, reduction);
}
