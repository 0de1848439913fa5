import type { Tensor, UnaryOp } from "@neurite/tensor";
import * as T from "@neurite/tensor";
import { record } from "../graph.js";
import { lift, type Variable } from "../variable.js";

/**
 * `g · f'(x)` through the `unaryGrad` kernel, given the forward's input `x`
 * and output `y`: one kernel call per backward, the same numbers as layers'
 * activations.
 */
function unaryGradOf(op: UnaryOp, g: Tensor, x: Tensor, y: Tensor, p1: number): Tensor {
  const out = T.allocateStorage(g.dtype, g.size);
  T.kernels().unaryGrad(op, g.data, x.data, y.data, out, p1, 0);
  return new T.Tensor(out, g.shape);
}

/** A differentiable activation: the tensor op forward, the `unaryGrad` kernel backward. */
function activation(
  name: string,
  op: UnaryOp,
  forward: (x: Tensor) => Tensor,
  v: Variable,
  p1 = 0,
): Variable {
  const x = lift(name, "x", v);
  const xv = x.value;
  const y = forward(xv);
  return record(name, y, [x], (g) => [unaryGradOf(op, g, xv, y, p1)]);
}

/**
 * The step (threshold) function: 1 where `x > threshold`, else 0.
 *
 * Its derivative is 0 everywhere except at the threshold, where it does not
 * exist, so backward gives every input a gradient of exactly 0 (NaN where the
 * input is NaN). A network built only on step units therefore cannot learn by
 * backpropagation: every weight gradient is 0 and the update changes nothing.
 * Step units are trained by the perceptron rule instead, which needs no
 * derivative (see the README).
 */
export function step(v: Variable, threshold = 0): Variable {
  return activation("step", "step", (x) => T.step(x, threshold), v, threshold);
}

/**
 * The sign function: 1 for positive, 0 for zero, −1 for negative. Like
 * {@link step}, its derivative is 0 wherever it exists, so backward gives its
 * input a gradient of exactly 0 (NaN where the input is NaN).
 */
export const sign = (v: Variable): Variable => activation("sign", "sign", T.sign, v);
/** Differentiable logistic sigmoid: gradient `σ(x)(1 − σ(x))`, from the output. */
export const sigmoid = (v: Variable): Variable => activation("sigmoid", "sigmoid", T.sigmoid, v);
/** Differentiable hyperbolic tangent: gradient `1 − tanh²(x)`, from the output. */
export const tanh = (v: Variable): Variable => activation("tanh", "tanh", T.tanh, v);
/**
 * Differentiable ReLU `max(0, x)`: gradient 1 for `x > 0`, 0 otherwise (0 at 0,
 * as PyTorch), NaN where `x` is NaN.
 */
export const relu = (v: Variable): Variable => activation("relu", "relu", T.relu, v);
/** Differentiable softplus `log(1 + e^x)`: gradient `σ(x)`. */
export const softplus = (v: Variable): Variable =>
  activation("softplus", "softplus", T.softplus, v);
/** Differentiable SELU (Klambauer et al.): gradient `λ` for `x > 0`, else `λ·α·e^x`. */
export const selu = (v: Variable): Variable => activation("selu", "selu", T.selu, v);
/** Differentiable swish (SiLU) `x·σ(x)`: gradient `σ(x)(1 + x(1 − σ(x)))`. */
export const swish = (v: Variable): Variable => activation("swish", "swish", T.swish, v);
/** Differentiable hard sigmoid (Keras 3) `clip(x/6 + 1/2, 0, 1)`: gradient 1/6 inside (−3, 3), else 0. */
export const hardSigmoid = (v: Variable): Variable =>
  activation("hardSigmoid", "hardSigmoid", T.hardSigmoid, v);

/**
 * Differentiable GELU `x·Φ(x)` (exact), or with `approximate` its tanh form;
 * gradient `Φ(x) + x·φ(x)` (or the tanh form's derivative).
 */
export function gelu(v: Variable, approximate = false): Variable {
  return activation("gelu", approximate ? "geluTanh" : "gelu", (x) => T.gelu(x, approximate), v);
}

/**
 * Differentiable leaky ReLU: `x` for `x > 0`, else `alpha·x` (default 0.3, as
 * Keras). Gradient 1 for `x > 0`, `alpha` otherwise, NaN where `x` is NaN.
 */
export function leakyRelu(v: Variable, alpha = 0.3): Variable {
  return activation("leakyRelu", "leakyRelu", (x) => T.leakyRelu(x, alpha), v, alpha);
}

/** Differentiable ELU: `x` for `x > 0`, else `alpha·(e^x − 1)`. Gradient 1 for `x > 0`, `alpha·e^x` otherwise. */
export function elu(v: Variable, alpha = 1): Variable {
  return activation("elu", "elu", (x) => T.elu(x, alpha), v, alpha);
}

/** Softmax or log-softmax through the tensor kernels: one call forward, one backward. */
function softmaxOf(name: string, v: Variable, axis: number, log: boolean): Variable {
  const x = lift(name, "x", v);
  const xv = x.value;
  const y = log ? T.logSoftmax(xv, axis) : T.softmax(xv, axis);
  const [outer, len, inner] = T.aroundAxis(name, xv.shape, axis);
  return record(name, y, [x], (g) => {
    const out = T.allocateStorage(g.dtype, g.size);
    T.kernels().softmaxGrad(g.data, y.data, out, outer, len, inner, log);
    return [new T.Tensor(out, g.shape)];
  });
}

/**
 * Differentiable softmax along `axis` (default last): values in (0, 1) that
 * sum to 1, computed stably (shifted by the maximum). Gradient
 * `s·(g − Σ g·s)` along the axis.
 */
export function softmax(v: Variable, axis = -1): Variable {
  return softmaxOf("softmax", v, axis, false);
}

/**
 * Differentiable log-softmax along `axis` (default last): `x − logSumExp(x)`,
 * stable for large inputs. Gradient `g − softmax(x)·Σ g` along the axis.
 */
export function logSoftmax(v: Variable, axis = -1): Variable {
  return softmaxOf("logSoftmax", v, axis, true);
}
