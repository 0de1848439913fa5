import type { TypedArray } from "../dtype.js";
import type { ActivationKernels } from "./contract/activation.js";
import type { DenseKernels } from "./contract/dense.js";
import type { DropoutKernels } from "./contract/dropout.js";
import type { IndexingKernels } from "./contract/indexing.js";
import type { LossKernels } from "./contract/loss.js";
import type { NormalizationKernels } from "./contract/normalization.js";
import type { OptimizerKernels } from "./contract/optimizer.js";
import type { PerceptronKernels } from "./contract/perceptron.js";

/**
 * What a kernel returns: nothing when it did the work, `false` when it
 * declines the call (a dtype, size or layout it does not handle). The registry
 * then hands the same call to the next backend that has the kernel, and
 * finally to the reference, so a backend never imports another's kernels.
 * A kernel that declines must not have written anything.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a kernel that does the work returns nothing
export type KernelResult = void | false;

/**
 * Elementwise functions of one tensor. `p1`/`p2` carry parameters: `step`'s
 * threshold, `leakyRelu`'s slope and `elu`'s α in `p1`, `clip`'s bounds in
 * `p1`/`p2`. The activations: `selu` (λ, α of Klambauer et al.), `gelu`
 * (`x·Φ(x)`, exact erf), `geluTanh` (GELU's tanh approximation), `swish`
 * (`x·σ(x)`, SiLU) and `hardSigmoid` (Keras 3: `clip(x/6 + 1/2, 0, 1)`).
 */
export type UnaryOp =
  | "neg"
  | "abs"
  | "sign"
  | "exp"
  | "log"
  | "log1p"
  | "sqrt"
  | "square"
  | "reciprocal"
  | "floor"
  | "round"
  | "clip"
  | "step"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leakyRelu"
  | "elu"
  | "softplus"
  | "selu"
  | "gelu"
  | "geluTanh"
  | "swish"
  | "hardSigmoid";

/** Elementwise functions of two broadcast tensors. Comparisons give 1 or 0. */
export type BinaryOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "pow"
  | "maximum"
  | "minimum"
  | "eq"
  | "ne"
  | "gt"
  | "ge"
  | "lt"
  | "le";

/** Reductions of the middle axis of an `[outer, len, inner]` view. */
export type ReduceOp = "sum" | "max" | "min";

/** Index reductions (first index of the extreme value) of the middle axis of `[outer, len, inner]`. */
export type ArgReduceOp = "argmax" | "argmin";

/**
 * The kernels a backend may implement, one per operation of a training step.
 * The contract, for every kernel:
 *
 * - arrays are contiguous and row-major; inputs and output share one dtype
 *   (Float32Array, Float64Array or Int32Array), except `argReduce`'s Int32Array output;
 * - shapes, dtypes and parameters arrive already checked: a kernel never validates;
 * - a kernel writes every element of its output range and does not depend on
 *   the output's prior contents; it never modifies its inputs (except `unary`
 *   run in place, `out === x`, `binary` with `out === a`, and the in-place
 *   kernels that say so) and keeps no reference to any array after it returns;
 * - it runs synchronously;
 * - it may decline a call by returning `false` before writing anything
 *   ({@link KernelResult}); the reference never declines.
 *
 * The TypeScript `cpu` backend implements all of them and is the reference the
 * others are tested against; a backend may implement any subset, and the
 * registry sends the rest to cpu.
 */
export interface Kernels
  extends ActivationKernels,
    DenseKernels,
    NormalizationKernels,
    DropoutKernels,
    LossKernels,
    OptimizerKernels,
    PerceptronKernels,
    IndexingKernels {
  /** `out[i] = f(x[i])`. `out` may be `x` (in place). */
  unary(op: UnaryOp, x: TypedArray, out: TypedArray, p1: number, p2: number): KernelResult;
  /**
   * `out[idx] = f(a[idx·aStrides], b[idx·bStrides])` over `outShape`; a stride of
   * 0 repeats an operand along a broadcast dimension. `out` may be `a` (in
   * place, e.g. accumulating a gradient) when `a` is not broadcast, i.e. has
   * `outShape`'s contiguous strides; it never aliases `b`.
   */
  binary(
    op: BinaryOp,
    a: TypedArray,
    aStrides: readonly number[],
    b: TypedArray,
    bStrides: readonly number[],
    out: TypedArray,
    outShape: readonly number[],
  ): KernelResult;
  /** Reduces `x` viewed as `[outer, len, inner]` over its middle axis into `out` `[outer, inner]`. */
  reduce(
    op: ReduceOp,
    x: TypedArray,
    out: TypedArray,
    outer: number,
    len: number,
    inner: number,
  ): KernelResult;
  /** Index of the max/min along the middle axis of `[outer, len, inner]` (first on ties). */
  argReduce(
    op: ArgReduceOp,
    x: TypedArray,
    out: Int32Array,
    outer: number,
    len: number,
    inner: number,
  ): KernelResult;
  /**
   * One matrix product `out = op(a) · op(b)` with `op(a)` of shape `[m, k]` and
   * `op(b)` of shape `[k, n]`; `transA` means `a` is stored `[k, m]`, `transB`
   * that `b` is stored `[n, k]`. Offsets select a matrix inside a batch.
   * `out` is overwritten, never accumulated into.
   */
  matmul(
    a: TypedArray,
    aOffset: number,
    b: TypedArray,
    bOffset: number,
    out: TypedArray,
    outOffset: number,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
  ): KernelResult;
}

/**
 * A named set of kernels, registered with {@link registerBackend}. Kernels it
 * does not implement fall back to the next backend by priority, and finally to
 * the reference `cpu` backend.
 */
export interface Backend {
  /** Unique name, e.g. `"cpu"` or `"wasm-simd"`. */
  readonly name: string;
  /** The kernels this backend implements. */
  readonly kernels: Partial<Kernels>;
}
