import type { TypedArray } from "../../dtype.js";
import type { KernelResult, UnaryOp } from "../kernels.js";

/**
 * Kernels of the fused dense layer `y = f(x·K + b)` and its backward pass.
 * Part of {@link Kernels}.
 *
 * What the forward keeps for the backward: the pre-activation `z = x·K + b`
 * (needed by every activation whose derivative is a function of its input:
 * relu, leakyRelu, elu, gelu, ...) and the output `y` (needed by sigmoid and
 * tanh, whose derivative is cheapest from the output). A caller that will not
 * differentiate passes `z = null` and only `y` is written.
 */
export interface DenseKernels {
  /**
   * `z = x·K + b` and `y = f(z)` in one call, `f` the elementwise
   * {@link UnaryOp} `op` with parameters `p1`/`p2`, or the identity for `op = null`.
   *
   * Shapes: `x` `[rows, inDim]`, `kernel` `[inDim, units]` (Keras layout),
   * `bias` `[units]` or null, `z` and `y` `[rows, units]`; one float dtype.
   * `z` (nullable) is written when given; `y` always. No output aliases an
   * input; `z` and `y` do not alias each other. Precision: the product as
   * {@link Kernels.matmul}, rounded to the dtype, then `+ b` rounded, then `f`
   * of that rounded value — the same numbers as a matmul, an add and a unary
   * op in sequence. NaN propagates as in those three.
   */
  denseForward(
    x: TypedArray,
    kernel: TypedArray,
    bias: TypedArray | null,
    z: TypedArray | null,
    y: TypedArray,
    rows: number,
    inDim: number,
    units: number,
    op: UnaryOp | null,
    p1: number,
    p2: number,
  ): KernelResult;
  /**
   * The backward pass of {@link DenseKernels.denseForward} given the output
   * gradient `g` `[rows, units]` and the saved `z` and `y`:
   * `dZ = g·f'(z)` ({@link ActivationKernels.unaryGrad}) in the same pass as
   * the bias gradient `db = Σ_rows dZ` (accumulated in float64, rounded once),
   * then `dX = dZ·Kᵀ` `[rows, inDim]` and `dK = Xᵀ·dZ` `[inDim, units]`,
   * products as {@link Kernels.matmul} without a transposed copy.
   *
   * `dz` receives `dZ` when not null; when it is null the kernel keeps `dZ`
   * to itself (scratch memory of its own), and for the identity `dZ` is `g`.
   * `dx`, `dk` and `db` are each written only when not null. No output aliases an input. NaN rules
   * are those of `unaryGrad`; a NaN in `dZ` spreads to its column of `db`.
   */
  denseBackward(
    g: TypedArray,
    x: TypedArray,
    kernel: TypedArray,
    z: TypedArray,
    y: TypedArray,
    dz: TypedArray | null,
    dx: TypedArray | null,
    dk: TypedArray | null,
    db: TypedArray | null,
    rows: number,
    inDim: number,
    units: number,
    op: UnaryOp | null,
    p1: number,
    p2: number,
  ): KernelResult;
}
