import { record, type Variable } from "@neurite/autograd";
import {
  type DType,
  DTypeError,
  isFloat,
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

/**
 * Records an elementwise loss `L = reduce(value(p, t))` with its gradient
 * `dPred(p, t)` (and `dTarget` when the target requires one).
 */
export function elementwiseLoss(
  op: string,
  pred: Variable,
  target: Target,
  reduction: Reduction,
  value: (p: number, t: number) => number,
  dPred: (p: number, t: number) => number,
  dTarget: (p: number, t: number) => number,
): Variable {
  const n = pred.size;
  const pd = pred.value.data;
  const td = target.data;
  const inputs = target.variable ? [pred, target.variable] : [pred];
  const grads = (weight: (i: number) => number): (Tensor | null)[] => {
    const out: (Tensor | null)[] = [];
    if (pred.requiresGrad) {
      const d = alloc(pred.dtype, n);
      for (let i = 0; i < n; i++) d[i] = weight(i) * dPred(pd[i]!, td[i]!);
      out.push(new Tensor(d, pred.shape));
    } else out.push(null);
    if (target.variable) {
      const d = alloc(pred.dtype, n);
      for (let i = 0; i < n; i++) d[i] = weight(i) * dTarget(pd[i]!, td[i]!);
      out.push(new Tensor(d, target.variable.shape));
    }
    return out;
  };
  if (reduction === "none") {
    const out = alloc(pred.dtype, n);
    for (let i = 0; i < n; i++) out[i] = value(pd[i]!, td[i]!);
    return record(op, new Tensor(out, pred.shape), inputs, (g) => grads((i) => g.data[i]!));
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += value(pd[i]!, td[i]!);
  const scale = reduction === "mean" ? 1 / n : 1;
  return record(op, scalar(pred.dtype, s * scale), inputs, (g) => {
    const w = g.data[0]! * scale;
    return grads(() => w);
  });
}

/** A rank-0 tensor. */
export function scalar(dtype: DType, v: number): Tensor {
  const d = alloc(dtype, 1);
  d[0] = v;
  return new Tensor(d, []);
}

/**
 * Records a per-sample loss (one value per row of the last axis) with a
 * reduction. `backward` receives each row's weight (the upstream gradient
 * times the reduction's scale) and returns the gradients of the inputs.
 */
export function rowLoss(
  op: string,
  pred: Variable,
  inputs: Variable[],
  rows: Float64Array,
  reduction: Reduction,
  backward: (weights: Float64Array) => (Tensor | null)[],
): Variable {
  const m = rows.length;
  const batchShape = pred.shape.slice(0, -1);
  if (reduction === "none") {
    const out = alloc(pred.dtype, m);
    out.set(rows);
    return record(op, new Tensor(out, batchShape), inputs, (g) =>
      backward(Float64Array.from(g.data)),
    );
  }
  let s = 0;
  for (let i = 0; i < m; i++) s += rows[i]!;
  const scale = reduction === "mean" ? 1 / m : 1;
  return record(op, scalar(pred.dtype, s * scale), inputs, (g) =>
    backward(new Float64Array(m).fill(g.data[0]! * scale)),
  );
}
