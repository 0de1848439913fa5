import type { Tensor } from "@neurite/tensor";
import * as T from "@neurite/tensor";
import { record } from "../graph.js";
import { toVariable, type Variable } from "../variable.js";
import { unary } from "./elementwise.js";

/**
 * The step (threshold) function: 1 where `x > threshold`, else 0. Its derivative
 * is 0 everywhere except at the threshold, where it does not exist, so no
 * gradient flows through it: a network built only on step units cannot learn
 * by backpropagation (the perceptron rule trains them instead).
 */
export function step(v: Variable, threshold = 0): Variable {
  const x = toVariable(v);
  return record("step", T.step(x.value, threshold), [x], (g) => [T.zerosLike(g)]);
}

/** The sign function (1, 0, -1). Like step, its gradient is 0 wherever it exists. */
export const sign = unary("sign", T.sign, (g) => T.zerosLike(g));
/** Differentiable sigmoid: `σ'(x) = σ(x)(1 − σ(x))`. */
export const sigmoid = unary("sigmoid", T.sigmoid, (g, _x, s) => T.mul(g, T.mul(s, T.sub(1, s))));
/** Differentiable tanh: `1 − tanh²`. */
export const tanh = unary("tanh", T.tanh, (g, _x, t) => T.mul(g, T.sub(1, T.square(t))));
/** Differentiable ReLU: gradient 1 for x > 0, 0 otherwise (0 at 0, as PyTorch). */
export const relu = unary("relu", T.relu, (g, x) => T.mul(g, T.gt(x, 0)));
/** Differentiable softplus: gradient `σ(x)`. */
export const softplus = unary("softplus", T.softplus, (g, x) => T.mul(g, T.sigmoid(x)));

/** Differentiable leaky ReLU: gradient 1 for x > 0, `alpha` otherwise. */
export function leakyRelu(v: Variable, alpha = 0.3): Variable {
  const x = toVariable(v);
  return record("leakyRelu", T.leakyRelu(x.value, alpha), [x], (g) => {
    const pos = T.gt(x.value, 0);
    return [T.mul(g, T.add(pos, T.mul(T.sub(1, pos), alpha)))];
  });
}

/** Differentiable ELU: gradient 1 for x > 0, `out + alpha` otherwise. */
export function elu(v: Variable, alpha = 1): Variable {
  const x = toVariable(v);
  const out = T.elu(x.value, alpha);
  return record("elu", out, [x], (g) => [
    T.mul(g, T.where(T.gt(x.value, 0), 1, T.add(out, alpha))),
  ]);
}

function softmaxTensor(x: Tensor, axis: number): Tensor {
  const shifted = T.sub(x, T.max(x, axis, true));
  const e = T.exp(shifted);
  return T.div(e, T.sum(e, axis, true));
}

/** Differentiable softmax along `axis`: values in (0, 1) summing to 1, computed stably. */
export function softmax(v: Variable, axis = -1): Variable {
  const x = toVariable(v);
  const s = softmaxTensor(x.value, axis);
  // dL/dx = s * (g - sum(g * s))
  return record("softmax", s, [x], (g) => [T.mul(s, T.sub(g, T.sum(T.mul(g, s), axis, true)))]);
}

/** Differentiable log-softmax along `axis`: `x − logSumExp(x)`, stable. */
export function logSoftmax(v: Variable, axis = -1): Variable {
  const x = toVariable(v);
  const out = T.sub(x.value, T.logSumExp(x.value, axis, true));
  // dL/dx = g - softmax(x) * sum(g)
  return record("logSoftmax", out, [x], (g) => [T.sub(g, T.mul(T.exp(out), T.sum(g, axis, true)))]);
}
