import type { Variable } from "@neurite/autograd";
import {
  checkOptions,
  ShapeError,
  shapesEqual,
  Tensor,
  type TypedArray,
  ValueError,
} from "@neurite/tensor";
import { alloc, asVariable, bool, fmt } from "../internal.js";
import { CROSS_ENTROPY_OPTIONS, type CrossEntropyOptions } from "./binary.js";
import {
  checkEpsilon,
  checkReduction,
  predictionOf,
  REDUCTION_OPTIONS,
  type Reduction,
  rowLoss,
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

function grad(p: Variable, d: TypedArray | null): Tensor | null {
  return d ? new Tensor(d, p.shape) : null;
}

/** Fused softmax + cross-entropy on logits with dense targets. */
function logitsDense(op: string, p: Variable, target: Target, reduction: Reduction): Variable {
  const { rows, classes: C } = classesOf(op, p);
  const z = p.value.data;
  const t = target.data;
  const logp = new Float64Array(p.size);
  const tsum = new Float64Array(rows);
  const losses = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    let m = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < C; j++) m = Math.max(m, z[o + j]!);
    let s = 0;
    for (let j = 0; j < C; j++) s += Math.exp(z[o + j]! - m);
    const lse = m + Math.log(s);
    let l = 0;
    let ts = 0;
    for (let j = 0; j < C; j++) {
      const lp = z[o + j]! - lse;
      logp[o + j] = lp;
      if (t[o + j] !== 0) l -= t[o + j]! * lp;
      ts += t[o + j]!;
    }
    losses[r] = l;
    tsum[r] = ts;
  }
  const inputs = target.variable ? [p, target.variable] : [p];
  return rowLoss(op, p, inputs, losses, reduction, (w) => {
    let dz: TypedArray | null = null;
    if (p.requiresGrad) {
      dz = alloc(p.dtype, p.size);
      // d/dz of −Σ t·log softmax(z) = softmax(z)·Σt − t; for one-hot rows (p − y), times the row weight (1/n for the mean).
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < C; j++) {
          const i = r * C + j;
          dz[i] = w[r]! * (Math.exp(logp[i]!) * tsum[r]! - t[i]!);
        }
    }
    const out = [grad(p, dz)];
    if (target.variable) {
      const dt = alloc(p.dtype, p.size);
      for (let i = 0; i < p.size; i++) dt[i] = -logp[i]! * w[Math.floor(i / C)]!;
      out.push(new Tensor(dt, target.variable.shape));
    }
    return out;
  });
}

/** Keras's probability path: renormalize each row, clamp to [eps, 1 − eps], take −Σ t·log q. */
function probabilitiesDense(
  op: string,
  p: Variable,
  target: Target,
  reduction: Reduction,
  eps: number,
): Variable {
  const { rows, classes: C } = classesOf(op, p);
  const pd = p.value.data;
  const t = target.data;
  const q = new Float64Array(p.size);
  const sums = new Float64Array(rows);
  const losses = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    let s = 0;
    for (let j = 0; j < C; j++) s += pd[o + j]!;
    sums[r] = s;
    let l = 0;
    for (let j = 0; j < C; j++) {
      const v = pd[o + j]! / s;
      q[o + j] = v;
      if (t[o + j] !== 0) l -= t[o + j]! * Math.log(Math.min(Math.max(v, eps), 1 - eps));
    }
    losses[r] = l;
  }
  const inputs = target.variable ? [p, target.variable] : [p];
  return rowLoss(op, p, inputs, losses, reduction, (w) => {
    let dp: TypedArray | null = null;
    if (p.requiresGrad) {
      dp = alloc(p.dtype, p.size);
      for (let r = 0; r < rows; r++) {
        const o = r * C;
        let dot = 0;
        const dq = new Float64Array(C);
        for (let j = 0; j < C; j++) {
          const v = q[o + j]!;
          dq[j] = v >= eps && v <= 1 - eps ? -t[o + j]! / v : 0;
          dot += dq[j]! * v;
        }
        for (let k = 0; k < C; k++) dp[o + k] = (w[r]! * (dq[k]! - dot)) / sums[r]!;
      }
    }
    const out = [grad(p, dp)];
    if (target.variable) {
      const dt = alloc(p.dtype, p.size);
      for (let i = 0; i < p.size; i++)
        dt[i] = -Math.log(Math.min(Math.max(q[i]!, eps), 1 - eps)) * w[Math.floor(i / C)]!;
      out.push(new Tensor(dt, target.variable.shape));
    }
    return out;
  });
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
  return probabilitiesDense(op, p, target, reduction, epsilon);
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
  const { rows, classes: C } = classesOf(op, prediction);
  const labels = labelsOf(op, prediction, yTrue, C);
  const reduction = checkReduction(op, options.reduction);
  const fromLogits = bool(op, "fromLogits", options.fromLogits ?? false);
  const eps = checkEpsilon(op, options.epsilon);
  const behind = fromLogits ? undefined : logitsBehind("softmax", prediction);
  const p = behind ?? prediction;
  const x = p.value.data;
  const losses = new Float64Array(rows);
  if (fromLogits || behind) {
    const lse = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const o = r * C;
      let m = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < C; j++) m = Math.max(m, x[o + j]!);
      let s = 0;
      for (let j = 0; j < C; j++) s += Math.exp(x[o + j]! - m);
      lse[r] = m + Math.log(s);
      losses[r] = lse[r]! - x[o + labels[r]!]!;
    }
    return rowLoss(op, p, [p], losses, reduction, (w) => {
      if (!p.requiresGrad) return [null];
      const dz = alloc(p.dtype, p.size);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < C; j++) {
          const i = r * C + j;
          dz[i] = w[r]! * (Math.exp(x[i]! - lse[r]!) - (j === labels[r] ? 1 : 0));
        }
      return [new Tensor(dz, p.shape)];
    });
  }
  const sums = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < C; j++) s += x[r * C + j]!;
    sums[r] = s;
    const q = x[r * C + labels[r]!]! / s;
    losses[r] = -Math.log(Math.min(Math.max(q, eps), 1 - eps));
  }
  return rowLoss(op, p, [p], losses, reduction, (w) => {
    if (!p.requiresGrad) return [null];
    const dp = alloc(p.dtype, p.size);
    for (let r = 0; r < rows; r++) {
      const l = labels[r]!;
      const q = x[r * C + l]! / sums[r]!;
      if (q < eps || q > 1 - eps) continue;
      // d(−log q_l)/dp_k = −(δ_kl − q_l) / (q_l · S)
      const k0 = -w[r]! / (q * sums[r]!);
      for (let k = 0; k < C; k++) dp[r * C + k] = k0 * ((k === l ? 1 : 0) - q);
    }
    return [new Tensor(dp, p.shape)];
  });
}
