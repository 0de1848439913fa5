/**
 * @packageDocumentation
 * `@neurite/tensor`: n-dimensional arrays over typed arrays, NumPy broadcasting,
 * seeded random numbers, and kernels reached through a small backend interface.
 */

// The WebAssembly backend offers itself to the registry (registered on first use).
import "./backend/wasm/register.js";

export type { ActivationKernels } from "./backend/contract/activation.js";
export type { DenseKernels } from "./backend/contract/dense.js";
export type { DropoutKernels } from "./backend/contract/dropout.js";
export type { IndexingKernels } from "./backend/contract/indexing.js";
export type {
  CrossEntropyKind,
  ElementwiseLossOp,
  LossKernels,
} from "./backend/contract/loss.js";
export type { NormalizationKernels } from "./backend/contract/normalization.js";
export type { FloatArray, OptimizerKernels } from "./backend/contract/optimizer.js";
export type { PerceptronKernels } from "./backend/contract/perceptron.js";
export { cpuBackend } from "./backend/cpu/index.js";
export { erf, erfc, logistic, normalCdf } from "./backend/cpu/scalar.js";
export type {
  ArgReduceOp,
  Backend,
  BinaryOp,
  KernelResult,
  Kernels,
  ReduceOp,
  UnaryOp,
} from "./backend/kernels.js";
export {
  kernelOwner,
  kernels,
  listBackends,
  registerBackend,
  unregisterBackend,
} from "./backend/registry.js";
export { allocateState } from "./backend/state.js";
export {
  type BackendName,
  getNumThreads,
  initWasm,
  setNumThreads,
  useBackend,
  WASM_BACKEND,
  wasmBackend,
} from "./backend/wasm/index.js";
export { brand, brandSymbol, hasBrand } from "./brand.js";
export {
  arange,
  eye,
  full,
  linspace,
  normal,
  ones,
  onesLike,
  permutation,
  rand,
  randint,
  randn,
  scalar,
  shuffle,
  type TensorInput,
  tensor,
  uniform,
  zeros,
  zerosLike,
} from "./create.js";
export type { DType, DTypeArrayMap, TypedArray } from "./dtype.js";
/** Zero-filled storage for a new tensor, as ops allocate it (small arrays share a slab only under setScratchStorage; see the README). */
export { allocate as allocateStorage, DTYPES, isFloat, setScratchStorage } from "./dtype.js";
export {
  AxisError,
  DeviceError,
  DTypeError,
  /** A short description of any value for "got ..." in messages: `the string "3"`, `number 3`, `null`. */
  describe as describeValue,
  NeuriteError,
  ShapeError,
  ValueError,
} from "./errors.js";
export {
  abs,
  add,
  cast,
  clip,
  div,
  elu,
  eq,
  exp,
  floor,
  ge,
  gelu,
  gt,
  hardSigmoid,
  le,
  leakyRelu,
  log,
  log1p,
  lt,
  maximum,
  minimum,
  mul,
  ne,
  neg,
  pow,
  reciprocal,
  relu,
  round,
  selu,
  sigmoid,
  sign,
  softplus,
  sqrt,
  square,
  step,
  sub,
  swish,
  tanh,
  where,
} from "./ops/elementwise.js";
export { gather, oneHot, slice, take } from "./ops/indexing.js";
export { type MatmulOptions, matmul } from "./ops/matmul.js";
export { argmax, argmin, logSumExp, max, mean, min, sum, variance } from "./ops/reduce.js";
export {
  broadcastTo,
  concat,
  expandDims,
  reshape,
  squeeze,
  stack,
  transpose,
} from "./ops/shape.js";
export { aroundAxis, logSoftmax, softmax } from "./ops/softmax.js";
export { checkOptions, closestName, editDistance, optionNames } from "./options.js";
export { Rng, toRng } from "./rng.js";
export type { Shape } from "./shape.js";
export {
  broadcastShapes,
  normalizeAxes,
  normalizeAxis,
  shapesEqual,
  sizeOf,
  stridesOf,
} from "./shape.js";
export { sharedState } from "./shared-state.js";
export type { Storage, StorageHandle } from "./storage.js";
export {
  type ArrayRank,
  type Axis,
  type NestedArray,
  type NestedArrayOfRank,
  Tensor,
  type TensorLike,
} from "./tensor.js";
