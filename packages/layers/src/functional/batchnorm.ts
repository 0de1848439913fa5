import { record, type Variable } from "@neurite/autograd";
import { DTypeError, ShapeError, Tensor } from "@neurite/tensor";
import { alloc, asVariable, fmt, requireFloat } from "../internal.js";

/** What {@link batchNormTraining} returns: the output and the batch statistics it used. */
export interface BatchNormTrainingResult {
  /** The normalized, scaled and shifted output (same shape as x). */
  y: Variable;
  /** Per-feature batch mean. */
  mean: Float64Array;
  /** Per-feature biased batch variance (divided by n). */
  variance: Float64Array;
  /** Values per feature that the statistics were taken over. */
  count: number;
}

function check(
  op: string,
  x: Variable,
  gamma: Variable | null,
  beta: Variable | null,
): { features: number; count: number } {
  requireFloat(op, "x", x.dtype);
  if (x.rank < 1 || x.size === 0)
    throw new ShapeError(
      op,
      "x",
      `expected a non-empty [batch, ..., features] input, got ${fmt(x.shape)}`,
    );
  const features = x.shape[x.rank - 1]!;
  for (const [name, p] of [
    ["gamma", gamma],
    ["beta", beta],
  ] as const) {
    if (!p) continue;
    if (p.rank !== 1 || p.shape[0] !== features)
      throw new ShapeError(
        op,
        name,
        `expected shape [${features}] for input ${fmt(x.shape)}, got ${fmt(p.shape)}`,
      );
    if (p.dtype !== x.dtype)
      throw new DTypeError(op, name, `${name} is ${p.dtype} but x is ${x.dtype}`);
  }
  return { features, count: x.size / features };
}

function opt(op: string, arg: string, v: Variable | Tensor | null | undefined): Variable | null {
  return v === null || v === undefined ? null : asVariable(op, arg, v);
}

/** x, gamma and beta as Variables (null where absent), checked against each other. */
function checkedInputs(
  op: string,
  x: Variable | Tensor,
  gamma: Variable | Tensor | null | undefined,
  beta: Variable | Tensor | null | undefined,
): { xv: Variable; gv: Variable | null; bv: Variable | null; features: number; count: number } {
  const xv = asVariable(op, "x", x);
  const gv = opt(op, "gamma", gamma);
  const bv = opt(op, "beta", beta);
  return { xv, gv, bv, ...check(op, xv, gv, bv) };
}

/**
 * Batch normalization with the batch's own statistics (training mode), fused
 * into one recorded op. Normalizes over every axis except the last:
 * `y = gamma · (x − mean) / √(var + epsilon) + beta` with the biased variance.
 * The gradient is the analytic one:
 * `dx = gamma/(n·σ) · (n·dy − Σdy − x̂·Σ(dy·x̂))`, `dgamma = Σ dy·x̂`, `dbeta = Σ dy`.
 *
 * @param gamma - scale `[features]`, or null for none (Keras `scale: false`)
 * @param beta - shift `[features]`, or null for none (Keras `center: false`)
 */
export function batchNormTraining(
  x: Variable | Tensor,
  gamma: Variable | Tensor | null | undefined,
  beta: Variable | Tensor | null | undefined,
  epsilon: number,
): BatchNormTrainingResult {
  const op = "batchNorm";
  const { xv, gv, bv, features: F, count: n } = checkedInputs(op, x, gamma, beta);
  const xd = xv.value.data;
  const mean = new Float64Array(F);
  const variance = new Float64Array(F);
  for (let r = 0; r < n; r++) for (let j = 0; j < F; j++) mean[j]! += xd[r * F + j]!;
  for (let j = 0; j < F; j++) mean[j]! /= n;
  for (let r = 0; r < n; r++)
    for (let j = 0; j < F; j++) {
      const d = xd[r * F + j]! - mean[j]!;
      variance[j]! += d * d;
    }
  for (let j = 0; j < F; j++) variance[j]! /= n;
  const invStd = new Float64Array(F);
  for (let j = 0; j < F; j++) invStd[j] = 1 / Math.sqrt(variance[j]! + epsilon);
  const xhat = new Float64Array(xv.size);
  const out = alloc(xv.dtype, xv.size);
  const gd = gv?.value.data;
  const bd = bv?.value.data;
  for (let r = 0; r < n; r++)
    for (let j = 0; j < F; j++) {
      const i = r * F + j;
      const h = (xd[i]! - mean[j]!) * invStd[j]!;
      xhat[i] = h;
      out[i] = (gd ? gd[j]! : 1) * h + (bd ? bd[j]! : 0);
    }
  const inputs = [xv, ...(gv ? [gv] : []), ...(bv ? [bv] : [])];
  const y = record(op, new Tensor(out, xv.shape), inputs, (g) => {
    const dy = g.data;
    const sumG = new Float64Array(F);
    const sumGX = new Float64Array(F);
    for (let r = 0; r < n; r++)
      for (let j = 0; j < F; j++) {
        const i = r * F + j;
        sumG[j]! += dy[i]!;
        sumGX[j]! += dy[i]! * xhat[i]!;
      }
    let dx: Tensor | null = null;
    if (xv.requiresGrad) {
      const d = alloc(g.dtype, xv.size);
      for (let r = 0; r < n; r++)
        for (let j = 0; j < F; j++) {
          const i = r * F + j;
          const k = ((gd ? gd[j]! : 1) * invStd[j]!) / n;
          d[i] = k * (n * dy[i]! - sumG[j]! - xhat[i]! * sumGX[j]!);
        }
      dx = new Tensor(d, xv.shape);
    }
    const grads: (Tensor | null)[] = [dx];
    if (gv) grads.push(gv.requiresGrad ? vector(g.dtype, sumGX) : null);
    if (bv) grads.push(bv.requiresGrad ? vector(g.dtype, sumG) : null);
    return grads;
  });
  return { y, mean, variance, count: n };
}

function vector(dtype: Tensor["dtype"], v: Float64Array): Tensor {
  const d = alloc(dtype, v.length);
  d.set(v);
  return new Tensor(d, [v.length]);
}

/**
 * Batch normalization with fixed statistics (inference mode), fused:
 * `y = gamma · (x − movingMean) / √(movingVariance + epsilon) + beta`.
 * Gradients flow to x, gamma and beta (not to the statistics).
 */
export function batchNormInference(
  x: Variable | Tensor,
  gamma: Variable | Tensor | null | undefined,
  beta: Variable | Tensor | null | undefined,
  movingMean: Tensor,
  movingVariance: Tensor,
  epsilon: number,
): Variable {
  const op = "batchNorm";
  const { xv, gv, bv, features: F, count: n } = checkedInputs(op, x, gamma, beta);
  for (const [name, t] of [
    ["movingMean", movingMean],
    ["movingVariance", movingVariance],
  ] as const)
    if (!(t instanceof Tensor) || t.rank !== 1 || t.shape[0] !== F)
      throw new ShapeError(op, name, `expected a Tensor of shape [${F}]`);
  const md = movingMean.data;
  const invStd = new Float64Array(F);
  for (let j = 0; j < F; j++) invStd[j] = 1 / Math.sqrt(movingVariance.data[j]! + epsilon);
  const xd = xv.value.data;
  const gd = gv?.value.data;
  const bd = bv?.value.data;
  const out = alloc(xv.dtype, xv.size);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < F; j++) {
      const i = r * F + j;
      out[i] = (gd ? gd[j]! : 1) * (xd[i]! - md[j]!) * invStd[j]! + (bd ? bd[j]! : 0);
    }
  const inputs = [xv, ...(gv ? [gv] : []), ...(bv ? [bv] : [])];
  return record(op, new Tensor(out, xv.shape), inputs, (g) => {
    const dy = g.data;
    const sumG = new Float64Array(F);
    const sumGX = new Float64Array(F);
    let dx: Tensor | null = null;
    const d = xv.requiresGrad ? alloc(g.dtype, xv.size) : null;
    for (let r = 0; r < n; r++)
      for (let j = 0; j < F; j++) {
        const i = r * F + j;
        sumG[j]! += dy[i]!;
        sumGX[j]! += dy[i]! * (xd[i]! - md[j]!) * invStd[j]!;
        if (d) d[i] = dy[i]! * (gd ? gd[j]! : 1) * invStd[j]!;
      }
    if (d) dx = new Tensor(d, xv.shape);
    const grads: (Tensor | null)[] = [dx];
    if (gv) grads.push(gv.requiresGrad ? vector(g.dtype, sumGX) : null);
    if (bv) grads.push(bv.requiresGrad ? vector(g.dtype, sumG) : null);
    return grads;
  });
}
