import type { TypedArray } from "../../dtype.js";
import type { KernelResult } from "../kernels.js";

/**
 * A loss of one prediction `p` and one target `t`, element by element
 * (`param` is huber's delta, or the probability clamp epsilon):
 *
 * - `squaredError`: `(p − t)²`; d/dp `2(p − t)`, d/dt `−2(p − t)`
 * - `absoluteError`: `|p − t|`; d/dp `sign(p − t)` (0 at 0, NaN for NaN), d/dt its negation
 * - `huber`: `½e²` for `|e| ≤ delta`, else `delta·(|e| − ½delta)`, `e = p − t`;
 *   d/dp `e` or `delta·sign(e)`, d/dt its negation
 * - `binaryCrossEntropy`: `−(t·log c + (1 − t)·log(1 − c))`, `c = clamp(p, ε, 1 − ε)`;
 *   d/dp `(p − t)/(p(1 − p))`, 0 where the clamp is active; d/dt `−(log c − log(1 − c))`
 * - `binaryCrossEntropyLogits`: `max(z, 0) − z·t + log(1 + e^−|z|)`;
 *   d/dz `σ(z) − t`, d/dt `−z`
 */
export type ElementwiseLossOp =
  | "squaredError"
  | "absoluteError"
  | "huber"
  | "binaryCrossEntropy"
  | "binaryCrossEntropyLogits";

/**
 * Cross-entropy of rows of `classes` values: dense targets (rows of the
 * prediction's shape, one-hot or probabilities) or sparse ones (one int32
 * class index per row, already checked to be in `[0, classes)`), against
 * logits (`logΣe^z − Σt·z` via log-sum-exp, stable for any magnitude) or
 * probabilities (each row renormalized to sum 1, clamped to `[ε, 1 − ε]`,
 * `−Σ t·log q`; no gradient where the clamp is active).
 */
export type CrossEntropyKind =
  | "denseLogits"
  | "denseProbabilities"
  | "sparseLogits"
  | "sparseProbabilities";

/**
 * Every loss and its gradient. Part of {@link Kernels}.
 *
 * Shared conventions: `pred`, dense targets and gradient outputs share one
 * float dtype. Every value is computed in float64 and rounded once when
 * stored; a loss output (`out`) may be float64 while the inputs are float32,
 * so that a reduction (the `reduce` kernel's float64 sum) adds unrounded
 * values. The upstream gradient is either `upstream` (one value per loss
 * element or row, when the loss is not reduced) or, when `upstream` is null,
 * the constant `weight` (the scalar's gradient times the reduction's scale);
 * each gradient is that weight times the derivative. Gradient outputs may be
 * `null` (not computed). No output aliases an input. NaN propagates, except
 * where a rule above says the gradient is 0.
 */
export interface LossKernels {
  /** `out[i] = loss(pred[i], target[i])` for {@link ElementwiseLossOp} `op`. */
  elementwiseLoss(
    op: ElementwiseLossOp,
    pred: TypedArray,
    target: TypedArray,
    out: TypedArray,
    param: number,
  ): KernelResult;
  /** `dPred[i] = w_i·∂loss/∂pred`, `dTarget[i] = w_i·∂loss/∂target` for `op`. */
  elementwiseLossGrad(
    op: ElementwiseLossOp,
    pred: TypedArray,
    target: TypedArray,
    upstream: TypedArray | null,
    weight: number,
    dPred: TypedArray | null,
    dTarget: TypedArray | null,
    param: number,
  ): KernelResult;
  /**
   * One loss per row into `out` (`[rows]`) for {@link CrossEntropyKind} `kind`;
   * `target` is `[rows, classes]` (dense) or an Int32Array `[rows]` (sparse).
   */
  crossEntropy(
    kind: CrossEntropyKind,
    pred: TypedArray,
    target: TypedArray,
    out: TypedArray,
    rows: number,
    classes: number,
    epsilon: number,
  ): KernelResult;
  /**
   * Gradients of {@link LossKernels.crossEntropy} with row weights `w_r`:
   * dense logits `w_r·(softmax(z)·Σt − t)` and d/dt `−w_r·log softmax(z)`;
   * sparse logits `w_r·(softmax(z) − onehot)`; probabilities through the
   * renormalization, d/dp_k `w_r·(dq_k − Σ dq·q)/S` with `dq = −t/q` (0 where
   * clamped) and dense d/dt `−w_r·log clamp(q)`. Sparse targets get no
   * gradient (`dTarget` must be null).
   */
  crossEntropyGrad(
    kind: CrossEntropyKind,
    pred: TypedArray,
    target: TypedArray,
    upstream: TypedArray | null,
    weight: number,
    dPred: TypedArray | null,
    dTarget: TypedArray | null,
    rows: number,
    classes: number,
    epsilon: number,
  ): KernelResult;
}
