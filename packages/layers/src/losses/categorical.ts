import type { Variable } from "@neurite/autograd";
import {
  type CrossEntropyKind,
  checkOptions,
  kernels,
  ShapeError,
  shapesEqual,
  type Tensor,
  type TypedArray,
  ValueError,
} from "@neurite/tensor";
import { asVariable, bool, fmt } from "../internal.js";
import { CROSS_ENTROPY_OPTIONS, type CrossEntropyOptions } from "./binary.js";
import {
  checkEpsilon,
  checkReduction,
  lossGradients,
  predictionOf,
  REDUCTION_OPTIONS,
  type Reduction,
  recordLoss,
  type Target,
  targetData,
} from "./common.js";
import { logitsBehind } from "./keras-logits.js";

type In = Variable | Tensor;

function classesOf(op: string, p: Variable): { rows: number; classes: number } {
  if (p.rank < 1)
    throw new ShapeError(op, "yPred", "expected [batch, classes] predictions, got a scalar");
  const classes = p.shape[p.rank - 1]!;
  return { rows: p.size / classes, classes };
}

function denseTarget(op: string, p: Variable, yTrue: unknown): Target {
  const t = asVariable(op, "yTrue", yTrue);
  if (!shapesEqual(t.shape, p.shape)) {
    const batch = p.shape.slice(0, -1);
    const looksSparse = shapesEqual(t.shape, batch) || shapesEqual(t.shape, [...batch, 1]);
    throw new ShapeError(
      op,
      "yTrue",
      `yPred has shape ${fmt(p.shape)} but yTrue has shape ${fmt(t.shape)}; categorical cross-entropy needs one-hot (or probability) targets of yPred's shape${
        looksSparse
          ? `. These look like integer class labels: use sparseCategoricalCrossEntropy, or one-hot encode them (oneHot(labels, ${p.shape[p.rank - 1]}))`
          : ""
      }`,
    );
  }
  return { data: targetData(op, t, p.dtype), variable: t.requiresGrad ? t : null };
}

/** Integer labels `[batch]` (or `[batch, 1]`) as an Int32Array, checked against the class count. */
function labelsOf(op: string, p: Variable, yTrue: unknown, classes: number): Int32Array {
  const t = asVariable(op, "yTrue", yTrue);
  const batch = p.shape.slice(0, -1);
  if (!shapesEqual(t.shape, batch) && !shapesEqual(t.shape, [...batch, 1])) {
    const looksDense = shapesEqual(t.shape, p.shape);
    throw new ShapeError(
      op,
      "yTrue",
      `yPred has shape ${fmt(p.shape)} so yTrue must hold one integer label per sample, shape ${fmt(batch)}, got ${fmt(t.shape)}${
        looksDense
          ? ". These look like one-hot targets: use categoricalCrossEntropy, or take their argmax"
          : ""
      }`,
    );
  }
  const d = t.value.data;
  const out = new Int32Array(d.length);
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= classes)
      throw new ValueError(
        op,
        "yTrue",
        `label ${v} at position ${i} is not a class index in [0, ${classes})`,
      );
    out[i] = v;
  }
  return out;
}

/**
 * Records a cross-entropy of `kind` (one value per row of the last axis) and
 * its gradients, both computed by kernels.
 */
function crossEntropyLoss(
  op: string,
  kind: CrossEntropyKind,
  p: Variable,
  target: TypedArray,
  targetVariable: Variable | null,
  reduction: Reduction,
  eps: number,
): Variable {
  const { rows, classes } = classesOf(op, p);
  const pd = p.value.data;
  const inputs = targetVariable ? [p, targetVariable] : [p];
  return recordLoss(
    op,
    p,
    inputs,
    p.shape.slice(0, -1),
    rows,
    reduction,
    (out) => kernels().crossEntropy(kind, pd, target, out, rows, classes, eps),
    (upstream, weight) =>
      lossGradients(p, targetVariable, (dPred, dTarget) =>
        kernels().crossEntropyGrad(
          kind,
          pd,
          target,
          upstream,
          weight,
          dPred,
          dTarget,
          rows,
          classes,
          eps,
        ),
      ),
  );
}

/** Fused softmax + cross-entropy on logits with dense targets. */
function logitsDense(op: string, p: Variable, target: Target, reduction: Reduction): Variable {
  return crossEntropyLoss(op, "denseLogits", p, target.data, target.variable, reduction, 0);
}

/**
 * Categorical cross-entropy `−Σ y·log p` per sample, averaged over samples.
 * Targets are one-hot rows (or any probability rows) of yPred's shape; integer
 * labels are an error that points to {@link sparseCategoricalCrossEntropy}.
 *
 * With probabilities (the default), each row is renormalized to sum to 1 and
 * clamped to `[epsilon, 1 − epsilon]` (Keras). With `fromLogits: true` it runs
 * the fused softmax + cross-entropy ({@link softmaxCrossEntropy}), stable for
 * any logit size; so does the output of a softmax over the last axis, whose
 * logits the loss uses directly, as Keras does.
 */
export function categoricalCrossEntropy(
  yPred: In,
  yTrue: In,
  options: CrossEntropyOptions = {},
): Variable {
  const op = "categoricalCrossEntropy";
  checkOptions(op, options, CROSS_ENTROPY_OPTIONS);
  const p = predictionOf(op, yPred);
  const target = denseTarget(op, p, yTrue);
  const reduction = checkReduction(op, options.reduction);
  if (bool(op, "fromLogits", options.fromLogits ?? false))
    return logitsDense(op, p, target, reduction);
  const epsilon = checkEpsilon(op, options.epsilon);
  const logits = logitsBehind("softmax", p);
  if (logits) return logitsDense(op, logits, target, reduction);
  return crossEntropyLoss(
    op,
    "denseProbabilities",
    p,
    target.data,
    target.variable,
    reduction,
    epsilon,
  );
}

/**
 * Softmax followed by cross-entropy as one fused op on logits: the loss is
 * `logΣe^z − Σ y·z` per row (log-sum-exp, so logits of ±1e4 stay finite) and
 * its gradient is `(softmax(z) − y) / n` for the mean over n one-hot rows.
 */
export function softmaxCrossEntropy(
  logits: In,
  yTrue: In,
  options: ReductionOptionsOnly = {},
): Variable {
  const op = "softmaxCrossEntropy";
  checkOptions(op, options, REDUCTION_OPTIONS);
  const p = predictionOf(op, logits);
  return logitsDense(op, p, denseTarget(op, p, yTrue), checkReduction(op, options.reduction));
}

/** Options that only choose the reduction. */
export interface ReductionOptionsOnly {
  /** `mean` (default), `sum` or `none`. */
  reduction?: Reduction;
}

/**
 * Categorical cross-entropy with integer class labels: `−log p[label]` per
 * sample. Labels are int32 (float tensors holding integers are accepted),
 * shape `[batch]` or `[batch, 1]`, each in `[0, classes)`; one-hot targets are
 * an error that points to {@link categoricalCrossEntropy}.
 */
export function sparseCategoricalCrossEntropy(
  yPred: In,
  yTrue: In,
  options: CrossEntropyOptions = {},
): Variable {
  const op = "sparseCategoricalCrossEntropy";
  checkOptions(op, options, CROSS_ENTROPY_OPTIONS);
  const prediction = predictionOf(op, yPred);
  const labels = labelsOf(op, prediction, yTrue, classesOf(op, prediction).classes);
  const reduction = checkReduction(op, options.reduction);
  const fromLogits = bool(op, "fromLogits", options.fromLogits ?? false);
  const eps = checkEpsilon(op, options.epsilon);
  const behind = fromLogits ? undefined : logitsBehind("softmax", prediction);
  return crossEntropyLoss(
    op,
    fromLogits || behind ? "sparseLogits" : "sparseProbabilities",
    behind ?? prediction,
    labels,
    null,
    reduction,
    eps,
  );
}
