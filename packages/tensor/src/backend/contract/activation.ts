import type { TypedArray } from "../../dtype.js";
import type { KernelResult, UnaryOp } from "../kernels.js";

/**
 * Kernels of the activation family: the derivative of every elementwise
 * function ({@link UnaryOp}) and softmax / log-softmax with their gradients.
 * Part of {@link Kernels}.
 */
export interface ActivationKernels {
  /**
   * The vector-Jacobian product of an elementwise function:
   * `out[i] = g[i] · f'(x[i])`, given `y = f(x)` (the kernel reads whichever
   * of `x` and `y` its formula needs: sigmoid, tanh, exp, sqrt and reciprocal
   * use `y`, the others `x`). `p1`/`p2` are the forward's parameters.
   *
   * All arrays have one length and one float dtype; `out` may alias `g`.
   * Each element is computed in float64 and rounded once. NaN rules (as
   * PyTorch): a NaN `x` gives a NaN gradient, including where the
   * derivative is otherwise constant — `relu`, `leakyRelu`, `hardSigmoid`,
   * and `step`, `sign`, `floor`, `round`, whose gradient is 0 for every
   * number (whatever `g`). At kinks the right-continuous-from-below choice
   * of PyTorch holds: `relu'(0) = 0`, `leakyRelu'(0) = α`, `abs'(0) = 0`,
   * `clip` passes the gradient at its bounds.
   */
  unaryGrad(
    op: UnaryOp,
    g: TypedArray,
    x: TypedArray,
    y: TypedArray,
    out: TypedArray,
    p1: number,
    p2: number,
  ): KernelResult;
  /**
   * Softmax (or, with `log`, log-softmax) of `x` viewed as
   * `[outer, len, inner]` along its middle axis, into `out` of the same
   * length (not aliasing `x`). Stable: each lane is shifted by its maximum;
   * the exponentials and their sum are accumulated in float64 and each
   * output rounded once. A lane holding a NaN gives NaN throughout; `+∞`
   * gives NaN (∞ − ∞), as in PyTorch.
   */
  softmax(
    x: TypedArray,
    out: TypedArray,
    outer: number,
    len: number,
    inner: number,
    log: boolean,
  ): KernelResult;
  /**
   * The vector-Jacobian product of {@link ActivationKernels.softmax} given its
   * output `y`: `out = y·(g − Σ g·y)` for softmax, `out = g − e^y·Σ g` for
   * log-softmax, sums along the middle axis of `[outer, len, inner]` in
   * float64. `out` does not alias `g` or `y`. NaN in `g` or `y` spreads to
   * its lane.
   */
  softmaxGrad(
    g: TypedArray,
    y: TypedArray,
    out: TypedArray,
    outer: number,
    len: number,
    inner: number,
    log: boolean,
  ): KernelResult;
}
