import type { Axis, Tensor } from "@neurite/tensor";
import * as T from "@neurite/tensor";
import { record, SAVES_NOTHING } from "../graph.js";
import { lift, type Variable } from "../variable.js";

/** The input's shape with the reduced axes set to 1: the shape a reduced gradient is broadcast from. */
function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** Number of elements reduced into each output element. */
function countOf(shape: readonly number[], axes: readonly number[]): number {
  let n = 1;
  for (const a of axes) n *= shape[a]!;
  return n;
}

/**
 * Differentiable sum over `axis` (all axes when omitted; negative axes count
 * from the end). The gradient is the output gradient broadcast back over the
 * summed axes.
 */
export function sum(v: Variable, axis?: Axis, keepDims = false): Variable {
  const x = lift("sum", "x", v);
  const shape = x.shape;
  const out = T.sum(x.value, axis, keepDims);
  const kept = keptShape(shape, T.normalizeAxes("sum", axis, shape.length));
  return record("sum", out, [x], (g) => [T.broadcastTo(g.reshape(kept), shape)], SAVES_NOTHING);
}

/** Differentiable mean over `axis`: the gradient is spread evenly, `g / n` to each of the `n` averaged elements. */
export function mean(v: Variable, axis?: Axis, keepDims = false): Variable {
  const x = lift("mean", "x", v);
  const shape = x.shape;
  const out = T.mean(x.value, axis, keepDims);
  const axes = T.normalizeAxes("mean", axis, shape.length);
  const kept = keptShape(shape, axes);
  const n = countOf(shape, axes);
  return record(
    "mean",
    out,
    [x],
    (g) => [T.broadcastTo(T.div(g, n).reshape(kept), shape)],
    SAVES_NOTHING,
  );
}

function extremum(
  op: "max" | "min",
  v: Variable,
  axis: Axis | undefined,
  keepDims: boolean,
): Variable {
  const x = lift(op, "x", v);
  const xv = x.value;
  const out = (op === "max" ? T.max : T.min)(xv, axis, keepDims);
  const axes = T.normalizeAxes(op, axis, xv.rank);
  return record(op, out, [x], (g) => {
    // Ties share the gradient evenly, so the gradient's total is kept.
    const kept = keptShape(xv.shape, axes);
    const mask = T.eq(xv, out.reshape(kept));
    const count = T.sum(mask, axes, true);
    return [T.mul(mask, T.div(g.reshape(kept), count))];
  });
}

/** Differentiable maximum over `axis`; the gradient goes to the maximum, and tied maxima share it evenly. */
export function max(v: Variable, axis?: Axis, keepDims = false): Variable {
  return extremum("max", v, axis, keepDims);
}

/** Differentiable minimum over `axis`; tied minima share the gradient evenly. */
export function min(v: Variable, axis?: Axis, keepDims = false): Variable {
  return extremum("min", v, axis, keepDims);
}

/**
 * Differentiable biased variance over `axis` (divides by n, as NumPy and batch
 * normalization do): gradient `2·(x − mean)/n`. An int32 input gives a float32
 * result, as in `@neurite/tensor`.
 */
export function variance(v: Variable, axis?: Axis, keepDims = false): Variable {
  const x = lift("variance", "x", v);
  const axes = T.normalizeAxes("variance", axis, x.rank);
  const shape = x.shape;
  const n = countOf(shape, axes);
  if (n === 0) {
    throw new T.ShapeError(
      "variance",
      "x",
      `cannot take the variance over zero elements (shape [${x.shape.join(",")}])`,
    );
  }
  const xf: Tensor = T.isFloat(x.dtype) ? x.value : x.value.cast("float32");
  const centered = T.sub(xf, T.mean(xf, axes, true));
  const out = T.mean(T.square(centered), axes, keepDims);
  return record("variance", out, [x], (g) => [
    T.mul(centered, T.mul(g, 2 / n).reshape(keptShape(shape, axes))),
  ]);
}

/**
 * Differentiable `log(Σ exp(x))` over `axis`, computed without overflow. Its
 * gradient is the softmax of `x` along the reduced axes.
 */
export function logSumExp(v: Variable, axis?: Axis, keepDims = false): Variable {
  const x = lift("logSumExp", "x", v);
  const xv = x.value;
  const out = T.logSumExp(xv, axis, keepDims);
  const axes = T.normalizeAxes("logSumExp", axis, xv.rank);
  return record("logSumExp", out, [x], (g) => {
    const kept = keptShape(xv.shape, axes);
    const soft = T.exp(T.sub(xv, out.reshape(kept)));
    return [T.mul(soft, g.reshape(kept))];
  });
}
