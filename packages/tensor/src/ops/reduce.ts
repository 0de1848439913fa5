import type { ReduceOp } from "../backend/kernels.js";
import { kernels } from "../backend/registry.js";
import { allocate } from "../dtype.js";
import { AxisError, fmtShape, ShapeError } from "../errors.js";
import { normalizeAxes, normalizeAxis, type Shape, splitAtAxis } from "../shape.js";
import { type Axis, assertTensor, Tensor } from "../tensor.js";
import { binaryOp, cast, unaryOp } from "./elementwise.js";

/** The shape left after reducing `axes`, with or without the reduced dimensions kept as 1. */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (!axes.includes(i)) out.push(shape[i]!);
    else if (keepDims) out.push(1);
  }
  return out;
}

/** Reduces one contiguous run of axes [first..last] as a single [outer, len, inner] kernel call. */
function reduceRun(op: ReduceOp, x: Tensor, first: number, last: number): Tensor {
  const s = x.shape;
  let outer = 1;
  let len = 1;
  let inner = 1;
  for (let i = 0; i < s.length; i++) {
    if (i < first) outer *= s[i]!;
    else if (i <= last) len *= s[i]!;
    else inner *= s[i]!;
  }
  const out = allocate(x.dtype, outer * inner);
  kernels().reduce(op, x.data, out, outer, len, inner);
  const shape = s.map((d, i) => (i >= first && i <= last ? 1 : d));
  return new Tensor(out, shape);
}

/** max, min, argmax... have no value over zero elements: reducing an axis of size 0 is an error. */
function checkNotEmpty(name: string, x: Tensor, axes: readonly number[]): void {
  let count = 1;
  for (const a of axes) count *= x.shape[a]!;
  if (count === 0) {
    throw new ShapeError(
      name,
      "x",
      `cannot take the ${name} over zero elements (shape ${fmtShape(x.shape)}, axes [${axes.join(",")}])`,
    );
  }
}

function reduceOp(
  op: ReduceOp,
  name: string,
  x: Tensor,
  axis: Axis | undefined,
  keepDims: boolean,
): Tensor {
  assertTensor(name, "x", x);
  const axes = normalizeAxes(name, axis, x.rank);
  if (op !== "sum") checkNotEmpty(name, x, axes);
  let result = x;
  // Reduce runs of adjacent axes, last run first, so earlier axis numbers stay valid.
  let i = axes.length - 1;
  while (i >= 0) {
    const last = axes[i]!;
    let first = last;
    while (i > 0 && axes[i - 1] === first - 1) first = axes[--i]!;
    result = reduceRun(op, result, first, last);
    i--;
  }
  if (axes.length === 0) result = x.clone();
  return new Tensor(result.data, reducedShape(x.shape, axes, keepDims));
}

/**
 * Sum over `axis` (all axes when omitted; a number or a list; negative axes
 * count from the end). With `keepDims` the reduced axes stay as size 1, so the
 * result broadcasts against `x`. The cpu reference accumulates in float64.
 * @throws AxisError for an axis out of range or repeated
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * sum(x).item();              // 10
 * sum(x, 0).toArray();        // [4, 6]
 * sum(x, -1, true).toArray(); // [[3], [7]]
 * ```
 */
export function sum(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  return reduceOp("sum", "sum", x, axis, keepDims);
}

/**
 * Maximum over `axis` (see {@link sum} for `axis` and `keepDims`). NaN propagates.
 * @throws ShapeError when a reduced axis has size 0
 */
export function max(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  return reduceOp("max", "max", x, axis, keepDims);
}

/**
 * Minimum over `axis` (see {@link sum} for `axis` and `keepDims`). NaN propagates.
 * @throws ShapeError when a reduced axis has size 0
 */
export function min(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  return reduceOp("min", "min", x, axis, keepDims);
}

function countOf(x: Tensor, axis: Axis | undefined, name: string): number {
  return normalizeAxes(name, axis, x.rank).reduce((n, a) => n * x.shape[a]!, 1);
}

/**
 * Mean over `axis` (see {@link sum}); int32 input gives a float32 result.
 * @throws ShapeError when averaging over zero elements
 */
export function mean(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  assertTensor("mean", "x", x);
  const xf = x.dtype === "int32" ? cast(x, "float32") : x;
  const n = countOf(xf, axis, "mean");
  if (n === 0)
    throw new ShapeError(
      "mean",
      "x",
      `cannot average over zero elements (shape ${fmtShape(x.shape)})`,
    );
  return binaryOp("div", sum(xf, axis, keepDims), n);
}

/**
 * Biased variance over `axis` (divides by n, as NumPy's default and BatchNorm's
 * batch statistics do), computed in two passes (mean first) for accuracy.
 * int32 input gives a float32 result.
 */
export function variance(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  assertTensor("variance", "x", x);
  const xf = x.dtype === "int32" ? cast(x, "float32") : x;
  const centered = binaryOp("sub", xf, mean(xf, axis, true));
  return mean(unaryOp("square", centered), axis, keepDims);
}

/**
 * `log(sum(exp(x)))` over `axis`, shifted by the maximum so it neither
 * overflows for large inputs nor underflows for very negative ones. int32
 * input gives a float32 result.
 * @throws ShapeError when a reduced axis has size 0
 * @example
 * ```ts
 * logSumExp(tensor([1000, 1000])).item(); // 1000 + ln 2, not Infinity
 * ```
 */
export function logSumExp(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  assertTensor("logSumExp", "x", x);
  checkNotEmpty("logSumExp", x, normalizeAxes("logSumExp", axis, x.rank));
  const xf = x.dtype === "int32" ? cast(x, "float32") : x;
  const m = max(xf, axis, true);
  // An all -Infinity slice would give -inf - -inf = NaN; shift by 0 there instead.
  for (let i = 0; i < m.size; i++) if (!Number.isFinite(m.data[i]!)) m.data[i] = 0;
  const s = sum(unaryOp("exp", binaryOp("sub", xf, m)), axis, true);
  const out = binaryOp("add", unaryOp("log", s), m);
  return keepDims
    ? out
    : new Tensor(out.data, reducedShape(x.shape, normalizeAxes("logSumExp", axis, x.rank), false));
}

function argOp(
  op: "argmax" | "argmin",
  x: Tensor,
  axis: number | undefined,
  keepDims: boolean,
): Tensor {
  assertTensor(op, "x", x);
  if (axis !== undefined && typeof axis !== "number") {
    throw new AxisError(op, "axis", `expected a single axis (a number), got [${String(axis)}]`);
  }
  if (axis === undefined) {
    checkNotEmpty(op, x, normalizeAxes(op, undefined, x.rank));
    const out = new Int32Array(1);
    kernels().argReduce(op, x.data, out, 1, x.size, 1);
    return new Tensor(out, keepDims ? x.shape.map(() => 1) : []);
  }
  const a = normalizeAxis(op, axis, x.rank);
  checkNotEmpty(op, x, [a]);
  const [outer, len, inner] = splitAtAxis(x.shape, a);
  const out = new Int32Array(outer * inner);
  kernels().argReduce(op, x.data, out, outer, len, inner);
  return new Tensor(out, reducedShape(x.shape, [a], keepDims));
}

/**
 * Index of the largest value along `axis` (the first on ties; a NaN counts as
 * largest), as int32. Over the flattened tensor when `axis` is omitted.
 * @example
 * ```ts
 * argmax(tensor([[1, 9, 3], [7, 2, 7]]), 1).toArray(); // [1, 0]
 * ```
 */
export function argmax(x: Tensor, axis?: number, keepDims = false): Tensor {
  return argOp("argmax", x, axis, keepDims);
}

/** Index of the smallest value along `axis` (the first on ties), as int32; see {@link argmax}. */
export function argmin(x: Tensor, axis?: number, keepDims = false): Tensor {
  return argOp("argmin", x, axis, keepDims);
}
