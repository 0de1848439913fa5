import { record, type Variable } from "@neurite/autograd";
import {
  type DType,
  DTypeError,
  type ElementwiseLossOp,
  isFloat,
  kernels,
  optionNames,
  ShapeError,
  shapesEqual,
  Tensor,
  type TypedArray,
  ValueError,
} from "@neurite/tensor";
import { alloc, asVariable, fmt } from "../internal.js";

/**
 * How per-element (or per-sample) losses are combined: `mean` (default) and
 * `sum` give a scalar, `none` returns them unreduced. As in PyTorch, the
 * elementwise losses (sse, mse, mae, huber, binary cross-entropy) reduce over
 * every element and `none` keeps yPred's shape; the categorical losses reduce
 * over samples and `none` has one value per sample.
 */
export type Reduction = "mean" | "sum" | "none";

/** The option every loss takes. */
export interface ReductionOptions {
  /** `mean` (default; `sum` for sse), `sum` or `none`. */
  reduction?: Reduction;
}

/** The option names of {@link ReductionOptions}, for `checkOptions`. */
export const REDUCTION_OPTIONS = optionNames<ReductionOptions>({ reduction: true });

/** Validates a reduction. */
export function checkReduction(op: string, r: unknown, fallback: Reduction = "mean"): Reduction {
  const v = r ?? fallback;
  if (v !== "mean" && v !== "sum" && v !== "none")
    throw new ValueError(op, "reduction", `expected "mean", "sum" or "none", got ${String(v)}`);
  return v;
}

/** Validates a small positive epsilon (probability clamping). */
export function checkEpsilon(op: string, e: unknown): number {
  const v = e ?? 1e-7;
  if (typeof v !== "number" || !(v > 0 && v < 0.5))
    throw new ValueError(op, "epsilon", `expected a number in (0, 0.5), got ${String(v)}`);
  return v;
}

/** The prediction argument: a non-empty float Variable. */
export function predictionOf(op: string, yPred: unknown): Variable {
  const v = asVariable(op, "yPred", yPred);
  if (!isFloat(v.dtype))
    throw new DTypeError(
      op,
      "yPred",
      `expected float predictions, got ${v.dtype}; losses take (yPred, yTrue): are the arguments swapped?`,
    );
  if (v.size === 0)
    throw new ShapeError(op, "yPred", `expected a non-empty tensor, got shape ${fmt(v.shape)}`);
  return v;
}

/** A target converted to the prediction's dtype, plus the Variable to send a gradient to when it requires one. */
export interface Target {
  /** Values in the prediction's dtype, laid out like the prediction. */
  data: TypedArray;
  /** The target Variable when it requires a gradient; otherwise null. */
  variable: Variable | null;
}

function castData(data: TypedArray, dtype: DType): TypedArray {
  if (
    (dtype === "float32" && data instanceof Float32Array) ||
    (dtype === "float64" && data instanceof Float64Array)
  )
    return data;
  const out = alloc(dtype, data.length);
  out.set(data);
  return out;
}

/** True when the shapes differ only by a trailing axis of size 1 (`[n]` vs `[n,1]`). */
function trailingOne(a: readonly number[], b: readonly number[]): boolean {
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return (
    long.length === short.length + 1 &&
    long[long.length - 1] === 1 &&
    shapesEqual(long.slice(0, -1), short)
  );
}

/**
 * A target of the prediction's shape. `[n]` and `[n,1]` are accepted for each
 * other (as Keras does) instead of broadcasting into `[n,n]`, the classic
 * silent bug; any other difference is a ShapeError naming both shapes.
 */
export function sameShapeTarget(op: string, pred: Variable, yTrue: unknown, hint = ""): Target {
  const t = asVariable(op, "yTrue", yTrue);
  if (!shapesEqual(t.shape, pred.shape) && !trailingOne(t.shape, pred.shape))
    throw new ShapeError(
      op,
      "yTrue",
      `yPred has shape ${fmt(pred.shape)} but yTrue has shape ${fmt(t.shape)}; they must match (losses take (yPred, yTrue))${hint}`,
    );
  return { data: targetData(op, t, pred.dtype), variable: t.requiresGrad ? t : null };
}

/** Target values as the prediction's dtype; a target that requires gradients must already have it. */
export function targetData(op: string, t: Variable, dtype: DType): TypedArray {
  if (t.dtype !== dtype && t.requiresGrad)
    throw new DTypeError(
      op,
      "yTrue",
      `yTrue is ${t.dtype} and requires gradients, but yPred is ${dtype}`,
    );
  return castData(t.value.data, dtype);
}

/** Upstream gradient of a loss: per value (`upstream`, unreduced loss) or one `weight` for all. */
export type LossBackward = (upstream: TypedArray | null, weight: number) => (Tensor | null)[];

/**
 * Records a loss whose `count` values a kernel writes through `compute`:
 * unreduced (`none`, shape `outShape`, in the prediction's dtype) or summed in
 * float64 by the `reduce` kernel (`sum`, or `mean` scaled by `1/count`).
 */
export function recordLoss(
  op: string,
  pred: Variable,
  inputs: Variable[],
  outShape: readonly number[],
  count: number,
  reduction: Reduction,
  compute: (out: TypedArray) => void,
  backward: LossBackward,
): Variable {
  if (reduction === "none") {
    const out = alloc(pred.dtype, count);
    compute(out);
    return record(op, new Tensor(out, outShape), inputs, (g) => backward(g.data, 0));
  }
  // float64 values, so that the sum adds them unrounded
  const values = new Float64Array(count);
  compute(values);
  const total = new Float64Array(1);
  kernels().reduce("sum", values, total, 1, count, 1);
  const scale = reduction === "mean" ? 1 / count : 1;
  return record(op, scalar(pred.dtype, total[0]! * scale), inputs, (g) =>
    backward(null, g.data[0]! * scale),
  );
}

/**
 * The gradients of a loss's inputs: `fill` writes into fresh arrays shaped
 * like the prediction (null where no gradient is wanted); the target's
 * gradient is included only when the target requires one.
 */
export function lossGradients(
  pred: Variable,
  targetVariable: Variable | null,
  fill: (dPred: TypedArray | null, dTarget: TypedArray | null) => void,
): (Tensor | null)[] {
  const dPred = pred.requiresGrad ? alloc(pred.dtype, pred.size) : null;
  const dTarget = targetVariable ? alloc(pred.dtype, pred.size) : null;
  fill(dPred, dTarget);
  const out = [dPred && new Tensor(dPred, pred.shape)];
  if (targetVariable) out.push(new Tensor(dTarget!, targetVariable.shape));
  return out;
}

/**
 * Records an elementwise loss `L = reduce(loss(p, t))` computed by the
 * `elementwiseLoss` kernel, with its gradients (in yPred, and in yTrue when
 * the target requires one) from `elementwiseLossGrad`.
 *
 * @param kind - the kernel's loss
 * @param param - huber's delta or the probability clamp (0 when unused)
 */
export function elementwiseLoss(
  op: string,
  kind: ElementwiseLossOp,
  param: number,
  pred: Variable,
  target: Target,
  reduction: Reduction,
): Variable {
  const pd = pred.value.data;
  const td = target.data;
  const inputs = target.variable ? [pred, target.variable] : [pred];
  return recordLoss(
    op,
    pred,
    inputs,
    pred.shape,
    pred.size,
    reduction,
    (out) => kernels().elementwiseLoss(kind, pd, td, out, param),
    (upstream, weight) =>
      lossGradients(pred, target.variable, (dPred, dTarget) =>
        kernels().elementwiseLossGrad(kind, pd, td, upstream, weight, dPred, dTarget, param),
      ),
  );
}

/** A rank-0 tensor. */
export function scalar(dtype: DType, v: number): Tensor {
  const d = alloc(dtype, 1);
  d[0] = v;
  return new Tensor(d, []);
}
