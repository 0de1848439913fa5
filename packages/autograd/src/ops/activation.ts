import type { Tensor } from "@neurite/tensor";
import * as T from "@neurite/tensor";
import { record } from "../graph.js";
import { lift, type Variable } from "../variable.js";
import { unary } from "./elementwise.js";

/**
 * The gradient of a piecewise-constant function of `x`: 0, or NaN where `x`
 * is NaN (so a NaN input is not hidden behind a zero gradient).
 */
function zeroGradOf(x: Tensor): Tensor {
  return T.mul(T.step(x, 0), 0);
}

/**
 * The step (threshold) function: 1 where `x > threshold`, else 0.
 *
 * Its derivative is 0 everywhere except at the threshold, where it does not
 * exist, so backward gives every input a gradient of exactly 0. A network built
 * only on step units therefore cannot learn by backpropagation: every weight
 * gradient is 0 and the update changes nothing. Step units are trained by the
 * perceptron rule instead, which needs no derivative (see the README).
 */
export function step(v: Variable, threshold = 0): Variable {
  const x = lift("step", "x", v);
  const xv = x.value;
  return record("step", T.step(xv, threshold), [x], () => [zeroGradOf(xv)]);
}

/**
 * The sign function: 1 for positive, 0 for zero, −1 for negative. Like
 * {@link step}, its derivative is 0 wherever it exists, so backward gives its
 * input a gradient of exactly 0.
 */
export const sign = unary("sign", T.sign, (_g, x) => zeroGradOf(x));
/** Differentiable logistic sigmoid: gradient `σ(x)(1 − σ(x))`, from the output. */
export const sigmoid = unary("sigmoid", T.sigmoid, (g, _x, s) => T.mul(g, T.mul(s, T.sub(1, s))));
/** Differentiable hyperbolic tangent: gradient `1 − tanh²(x)`, from the output. */
export const tanh = unary("tanh", T.tanh, (g, _x, t) => T.mul(g, T.sub(1, T.square(t))));
/**
 * Differentiable ReLU `max(0, x)`: gradient 1 for `x > 0`, 0 otherwise (0 at 0,
 * as PyTorch), NaN where `x` is NaN (the step of NaN is NaN).
 */
export const relu = unary("relu", T.relu, (g, x) => T.mul(g, T.step(x, 0)));
/** Differentiable softplus `log(1 + e^x)`: gradient `σ(x)`. */
export const softplus = unary("softplus", T.softplus, (g, x) => T.mul(g, T.sigmoid(x)));

/**
 * Differentiable leaky ReLU: `x` for `x > 0`, else `alpha·x` (default 0.3, as
 * Keras). Gradient 1 for `x > 0`, `alpha` otherwise.
 */
export function leakyRelu(v: Variable, alpha = 0.3): Variable {
  const x = lift("leakyRelu", "x", v);
  const xv = x.value;
  // alpha + (1 − alpha)·step(x): 1 above 0, alpha below, NaN where x is NaN.
  return record("leakyRelu", T.leakyRelu(xv, alpha), [x], (g) => [
    T.mul(g, T.add(T.mul(T.step(xv, 0), 1 - alpha), alpha)),
  ]);
}

/** Differentiable ELU: `x` for `x > 0`, else `alpha·(e^x − 1)`. Gradient 1 for `x > 0`, `out + alpha` otherwise. */
export function elu(v: Variable, alpha = 1): Variable {
  const x = lift("elu", "x", v);
  const xv = x.value;
  const out = T.elu(xv, alpha);
  return record("elu", out, [x], (g) => [T.mul(g, T.where(T.gt(xv, 0), 1, T.add(out, alpha)))]);
}

/** Checks the input of softmax/logSoftmax and returns the normalized axis. */
function softmaxAxis(op: string, x: Tensor, axis: number): number {
  if (!T.isFloat(x.dtype)) {
    throw new T.DTypeError(
      op,
      "x",
      `expected a float32 or float64 tensor, got ${x.dtype} of shape [${x.shape.join(",")}]`,
    );
  }
  return T.normalizeAxis(op, axis, x.rank);
}

/**
 * Differentiable softmax along `axis` (default last): values in (0, 1) that
 * sum to 1, computed stably (shifted by the maximum). Gradient
 * `s·(g − Σ g·s)` along the axis.
 */
export function softmax(v: Variable, axis = -1): Variable {
  const x = lift("softmax", "x", v);
  const a = softmaxAxis("softmax", x.value, axis);
  const e = T.exp(T.sub(x.value, T.max(x.value, a, true)));
  const s = T.div(e, T.sum(e, a, true));
  return record("softmax", s, [x], (g) => [T.mul(s, T.sub(g, T.sum(T.mul(g, s), a, true)))]);
}

/**
 * Differentiable log-softmax along `axis` (default last): `x − logSumExp(x)`,
 * stable for large inputs. Gradient `g − softmax(x)·Σ g` along the axis.
 */
export function logSoftmax(v: Variable, axis = -1): Variable {
  const x = lift("logSoftmax", "x", v);
  const a = softmaxAxis("logSoftmax", x.value, axis);
  const out = T.sub(x.value, T.logSumExp(x.value, a, true));
  return record("logSoftmax", out, [x], (g) => [T.sub(g, T.mul(T.exp(out), T.sum(g, a, true)))]);
}
