import type { TypedArray } from "../../dtype.js";
import type { ElementwiseLossOp, LossKernels } from "../contract/loss.js";
import { logistic } from "./scalar.js";
import { SLOT, scratch64 } from "./scratch.js";

type Fn = (p: number, t: number, param: number) => number;

// NaN stays NaN so a NaN prediction gives a NaN gradient, not a silent 0.
const sgn = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : Number.isNaN(v) ? v : 0);
const clamp = (v: number, eps: number) => (v < eps ? eps : v > 1 - eps ? 1 - eps : v);
const huberSlope: Fn = (a, t, delta) => {
  const e = a - t;
  return Math.abs(e) <= delta ? e : delta * sgn(e);
};

/** Per op: the value, its derivative in the prediction and in the target. */
const RULES: Record<ElementwiseLossOp, readonly [Fn, Fn, Fn]> = {
  squaredError: [(p, t) => (p - t) * (p - t), (p, t) => 2 * (p - t), (p, t) => -2 * (p - t)],
  absoluteError: [(p, t) => Math.abs(p - t), (p, t) => sgn(p - t), (p, t) => -sgn(p - t)],
  huber: [
    (a, t, delta) => {
      const e = Math.abs(a - t);
      return e <= delta ? 0.5 * e * e : delta * (e - 0.5 * delta);
    },
    huberSlope,
    (a, t, delta) => -huberSlope(a, t, delta),
  ],
  binaryCrossEntropy: [
    (q, y, eps) => {
      const c = clamp(q, eps);
      return -(y * Math.log(c) + (1 - y) * Math.log(1 - c));
    },
    (q, y, eps) => (q < eps || q > 1 - eps ? 0 : (q - y) / (q * (1 - q))),
    (q, _y, eps) => {
      const c = clamp(q, eps);
      return -(Math.log(c) - Math.log(1 - c));
    },
  ],
  binaryCrossEntropyLogits: [
    (z, y) => Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))),
    (z, y) => logistic(z) - y,
    (z) => -z,
  ],
};

/** Reference elementwise loss (see LossKernels.elementwiseLoss). */
export const elementwiseLoss: LossKernels["elementwiseLoss"] = (op, pred, target, out, param) => {
  const f = RULES[op][0];
  for (let i = 0; i < out.length; i++) out[i] = f(pred[i]!, target[i]!, param);
};

/** Reference elementwise loss gradient (see LossKernels.elementwiseLossGrad). */
export const elementwiseLossGrad: LossKernels["elementwiseLossGrad"] = (
  op,
  pred,
  target,
  upstream,
  weight,
  dPred,
  dTarget,
  param,
) => {
  const [, dp, dt] = RULES[op];
  const n = pred.length;
  if (dPred)
    for (let i = 0; i < n; i++)
      dPred[i] = (upstream ? upstream[i]! : weight) * dp(pred[i]!, target[i]!, param);
  if (dTarget)
    for (let i = 0; i < n; i++)
      dTarget[i] = (upstream ? upstream[i]! : weight) * dt(pred[i]!, target[i]!, param);
};

/** `log Σ e^z` of the row at offset `o`, shifted by its max. */
function logSumExpRow(z: TypedArray, o: number, C: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < C; j++) m = Math.max(m, z[o + j]!);
  let s = 0;
  for (let j = 0; j < C; j++) s += Math.exp(z[o + j]! - m);
  return m + Math.log(s);
}

/** Sum of the row at offset `o`. */
function rowSum(p: TypedArray, o: number, C: number): number {
  let s = 0;
  for (let j = 0; j < C; j++) s += p[o + j]!;
  return s;
}

const clampedLog = (q: number, eps: number) => Math.log(Math.min(Math.max(q, eps), 1 - eps));

/** Reference cross-entropy per row (see LossKernels.crossEntropy). */
export const crossEntropy: LossKernels["crossEntropy"] = (
  kind,
  pred,
  target,
  out,
  rows,
  classes,
  epsilon,
) => {
  const C = classes;
  for (let r = 0, o = 0; r < rows; r++, o += C) {
    let l = 0;
    if (kind === "denseLogits") {
      const lse = logSumExpRow(pred, o, C);
      for (let j = 0; j < C; j++)
        if (target[o + j] !== 0) l -= target[o + j]! * (pred[o + j]! - lse);
    } else if (kind === "denseProbabilities") {
      const s = rowSum(pred, o, C);
      for (let j = 0; j < C; j++)
        if (target[o + j] !== 0) l -= target[o + j]! * clampedLog(pred[o + j]! / s, epsilon);
    } else if (kind === "sparseLogits") {
      l = logSumExpRow(pred, o, C) - pred[o + target[r]!]!;
    } else {
      l = -clampedLog(pred[o + target[r]!]! / rowSum(pred, o, C), epsilon);
    }
    out[r] = l;
  }
};

/** Reference cross-entropy gradient (see LossKernels.crossEntropyGrad). */
export const crossEntropyGrad: LossKernels["crossEntropyGrad"] = (
  kind,
  pred,
  target,
  upstream,
  weight,
  dPred,
  dTarget,
  rows,
  classes,
  epsilon,
) => {
  const C = classes;
  const eps = epsilon;
  const dq = kind === "denseProbabilities" ? scratch64(SLOT.crossEntropyGrad, C) : null;
  for (let r = 0, o = 0; r < rows; r++, o += C) {
    const w = upstream ? upstream[r]! : weight;
    if (kind === "denseLogits") {
      const lse = logSumExpRow(pred, o, C);
      if (dPred) {
        const ts = rowSum(target, o, C);
        // d/dz of −Σ t·log softmax(z) = softmax(z)·Σt − t; for one-hot rows (p − y).
        for (let j = 0; j < C; j++)
          dPred[o + j] = w * (Math.exp(pred[o + j]! - lse) * ts - target[o + j]!);
      }
      if (dTarget) for (let j = 0; j < C; j++) dTarget[o + j] = -(pred[o + j]! - lse) * w;
    } else if (kind === "sparseLogits") {
      if (!dPred) continue;
      const lse = logSumExpRow(pred, o, C);
      const label = target[r]!;
      for (let j = 0; j < C; j++)
        dPred[o + j] = w * (Math.exp(pred[o + j]! - lse) - (j === label ? 1 : 0));
    } else if (kind === "denseProbabilities") {
      const s = rowSum(pred, o, C);
      if (dPred) {
        let dot = 0;
        for (let j = 0; j < C; j++) {
          const v = pred[o + j]! / s;
          dq![j] = v >= eps && v <= 1 - eps ? -target[o + j]! / v : 0;
          dot += dq![j]! * v;
        }
        for (let k = 0; k < C; k++) dPred[o + k] = (w * (dq![k]! - dot)) / s;
      }
      if (dTarget)
        for (let j = 0; j < C; j++) dTarget[o + j] = -clampedLog(pred[o + j]! / s, eps) * w;
    } else {
      if (!dPred) continue;
      const s = rowSum(pred, o, C);
      const label = target[r]!;
      const q = pred[o + label]! / s;
      if (q < eps || q > 1 - eps) {
        dPred.fill(0, o, o + C);
        continue;
      }
      // d(−log q_l)/dp_k = −(δ_kl − q_l) / (q_l · S)
      const k0 = -w / (q * s);
      for (let k = 0; k < C; k++) dPred[o + k] = k0 * ((k === label ? 1 : 0) - q);
    }
  }
};
