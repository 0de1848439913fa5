import { record, type Variable } from "@neurite/autograd";
import { DTypeError, kernels, ShapeError, Tensor, type TypedArray } from "@neurite/tensor";
import { alloc, asVariable, fmt, gradStorage, requireFloat } from "../internal.js";

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
  const gd = gv?.value.data ?? null;
  const bd = bv?.value.data ?? null;
  // One buffer for both statistics: a small array of its own costs ~1 µs (off-heap storage).
  const stats = new Float64Array(2 * F);
  const mean = stats.subarray(0, F);
  const variance = stats.subarray(F);
  const out = alloc(xv.dtype, xv.size);
  kernels().batchNormTraining(xd, gd, bd, out, mean, variance, n, F, epsilon);
  const y = record(op, new Tensor(out, xv.shape), inputsOf(xv, gv, bv), (g) =>
    backward(true, xv, gv, bv, g, mean, variance, n, F, epsilon),
  );
  return { y, mean, variance, count: n };
}

function inputsOf(xv: Variable, gv: Variable | null, bv: Variable | null): Variable[] {
  return [xv, ...(gv ? [gv] : []), ...(bv ? [bv] : [])];
}

/** The gradients of x, gamma and beta (the last two only where present) through one kernel call. */
function backward(
  training: boolean,
  xv: Variable,
  gv: Variable | null,
  bv: Variable | null,
  g: Tensor,
  mean: TypedArray,
  variance: TypedArray,
  n: number,
  F: number,
  epsilon: number,
): (Tensor | null)[] {
  const dx = xv.requiresGrad ? alloc(g.dtype, xv.size) : null;
  // The parameter gradients go straight into the buffers that become .grad.
  const dgamma = gradStorage(gv, F);
  const dbeta = gradStorage(bv, F);
  kernels().batchNormBackward(
    training,
    xv.value.data,
    g.data,
    gv?.value.data ?? null,
    mean,
    variance,
    dx,
    dgamma,
    dbeta,
    n,
    F,
    epsilon,
  );
  const grads: (Tensor | null)[] = [dx && new Tensor(dx, xv.shape)];
  if (gv) grads.push(dgamma && new Tensor(dgamma, [F]));
  if (bv) grads.push(dbeta && new Tensor(dbeta, [F]));
  return grads;
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
  const vd = movingVariance.data;
  const out = alloc(xv.dtype, xv.size);
  kernels().batchNormInference(
    xv.value.data,
    gv?.value.data ?? null,
    bv?.value.data ?? null,
    md,
    vd,
    out,
    n,
    F,
    epsilon,
  );
  return record(op, new Tensor(out, xv.shape), inputsOf(xv, gv, bv), (g) =>
    backward(false, xv, gv, bv, g, md, vd, n, F, epsilon),
  );
}
