import type { Axis, Tensor } from "@neurite/tensor";
import * as T from "@neurite/tensor";
import { record } from "../graph.js";
import { toVariable, type Variable } from "../variable.js";
import { square, sub } from "./elementwise.js";

/** The shape of a reduction result with kept dimensions, used to broadcast gradients back. */
function keptShape(x: Tensor, axis: Axis | undefined): number[] {
  const axes = T.normalizeAxes("reduce", axis, x.rank);
  return x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** Spreads a reduced gradient back over the input's shape. */
function spread(g: Tensor, kept: number[], shape: readonly number[]): Tensor {
  return T.broadcastTo(g.reshape(kept), shape as number[]);
}

/** Differentiable sum over `axis` (all axes when omitted). */
export function sum(v: Variable, axis?: Axis, keepDims = false): Variable {
  const x = toVariable(v);
  const out = T.sum(x.value, axis, keepDims);
  const kept = keptShape(x.value, axis);
  return record("sum", out, [x], (g) => [spread(g, kept, x.shape)]);
}

/** Differentiable mean over `axis`. */
export function mean(v: Variable, axis?: Axis, keepDims = false): Variable {
  const x = toVariable(v);
  const out = T.mean(x.value, axis, keepDims);
  const kept = keptShape(x.value, axis);
  const n = x.size / Math.max(out.size, 1);
  return record("mean", out, [x], (g) => [T.div(spread(g, kept, x.shape), n)]);
}

function extremum(
  op: "max" | "min",
  v: Variable,
  axis: Axis | undefined,
  keepDims: boolean,
): Variable {
  const x = toVariable(v);
  const out = (op === "max" ? T.max : T.min)(x.value, axis, keepDims);
  const kept = keptShape(x.value, axis);
  return record(op, out, [x], (g) => {
    // Ties share the gradient evenly, so the sum of the gradient is preserved.
    const mask = T.eq(x.value, out.reshape(kept));
    const count = T.sum(mask, axis, true);
    return [T.mul(spread(g, kept, x.shape), T.div(mask, count))];
  });
}

/** Differentiable maximum over `axis`; tied maxima share the gradient evenly. */
export function max(v: Variable, axis?: Axis, keepDims = false): Variable {
  return extremum("max", v, axis, keepDims);
}

/** Differentiable minimum over `axis`; tied minima share the gradient evenly. */
export function min(v: Variable, axis?: Axis, keepDims = false): Variable {
  return extremum("min", v, axis, keepDims);
}

/** Differentiable biased variance over `axis` (divides by n). */
export function variance(v: Variable, axis?: Axis, keepDims = false): Variable {
  const x = toVariable(v);
  return mean(square(sub(x, mean(x, axis, true))), axis, keepDims);
}

/** Differentiable `log(sum(exp(x)))` over `axis`; its gradient is the softmax. */
export function logSumExp(v: Variable, axis?: Axis, keepDims = false): Variable {
  const x = toVariable(v);
  const out = T.logSumExp(x.value, axis, keepDims);
  const kept = keptShape(x.value, axis);
  return record("logSumExp", out, [x], (g) => {
    const soft = T.exp(T.sub(x.value, out.reshape(kept)));
    return [T.mul(spread(g, kept, x.shape), soft)];
  });
}
