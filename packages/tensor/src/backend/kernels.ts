import type { TypedArray } from "../dtype.js";

/** Elementwise functions of one tensor. `p1`/`p2` carry parameters (alpha, threshold, clip bounds). */
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
  | "softplus";

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

/** Reductions along one axis. */
export type ReduceOp = "sum" | "max" | "min";

/** Index reductions along one axis. */
export type ArgReduceOp = "argmax" | "argmin";

/**
 * The kernels a backend may implement. Every kernel works on contiguous,
 * row-major typed arrays; shapes arrive already checked, so a kernel never
 * validates. The TypeScript `cpu` backend implements all of them and is the
 * reference the others are tested against; a backend may implement any subset.
 */
export interface Kernels {
  /** `out[i] = f(x[i])`. `out` may be `x` (in place). */
  unary(op: UnaryOp, x: TypedArray, out: TypedArray, p1: number, p2: number): void;
  /**
   * `out[idx] = f(a[idx·aStrides], b[idx·bStrides])` over `outShape`; a stride of
   * 0 repeats an operand along a broadcast dimension.
   */
  binary(
    op: BinaryOp,
    a: TypedArray,
    aStrides: readonly number[],
    b: TypedArray,
    bStrides: readonly number[],
    out: TypedArray,
    outShape: readonly number[],
  ): void;
  /** Reduces `x` viewed as `[outer, len, inner]` over its middle axis into `out` `[outer, inner]`. */
  reduce(
    op: ReduceOp,
    x: TypedArray,
    out: TypedArray,
    outer: number,
    len: number,
    inner: number,
  ): void;
  /** Index of the max/min along the middle axis of `[outer, len, inner]` (first on ties). */
  argReduce(
    op: ArgReduceOp,
    x: TypedArray,
    out: Int32Array,
    outer: number,
    len: number,
    inner: number,
  ): void;
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
  ): void;
}

/** A named set of kernels. Missing kernels fall back to the reference backend. */
export interface Backend {
  /** Unique name, e.g. `"cpu"` or `"wasm-simd"`. */
  readonly name: string;
  /** The kernels this backend implements. */
  readonly kernels: Partial<Kernels>;
}
