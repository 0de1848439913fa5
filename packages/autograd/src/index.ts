/**
 * @packageDocumentation
 * `@neurite/autograd`: reverse-mode automatic differentiation over
 * `@neurite/tensor`. Wrap tensors in {@link Variable}s, compute, call
 * `backward()`, read `.grad`.
 */

export { gradBufferFor } from "./backward.js";
export { AutogradError } from "./errors.js";
export { grad, type ScalarFn, type ValueAndGrad, valueAndGrad } from "./functional.js";
export {
  type GradCheckOptions,
  type GradCheckResult,
  type GradCheckWorst,
  gradCheck,
} from "./gradcheck.js";
export { type BackwardFn, type GraphNode, record, SAVES_NOTHING, unbroadcast } from "./graph.js";
export { enableGrad, isGradEnabled, noGrad } from "./mode.js";
export {
  elu,
  gelu,
  hardSigmoid,
  leakyRelu,
  logSoftmax,
  relu,
  selu,
  sigmoid,
  sign,
  softmax,
  softplus,
  step,
  swish,
  tanh,
} from "./ops/activation.js";
export {
  abs,
  add,
  clip,
  div,
  exp,
  log,
  log1p,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  reciprocal,
  sqrt,
  square,
  sub,
} from "./ops/elementwise.js";
export { matmul } from "./ops/matmul.js";
export { logSumExp, max, mean, min, sum, variance } from "./ops/reduce.js";
export {
  broadcastTo,
  concat,
  expandDims,
  gather,
  reshape,
  slice,
  squeeze,
  stack,
  transpose,
  where,
} from "./ops/shape.js";
export {
  type BackwardOptions,
  Parameter,
  toVariable,
  Variable,
  type VariableLike,
  type VariableOptions,
  variable,
} from "./variable.js";
