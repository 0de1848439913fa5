import type { Variable } from "@neurite/autograd";
import type { Shape, Tensor, TypedArray } from "@neurite/tensor";

/** Canonical (camelCase) names of the built-in activations. */
export type ActivationName =
  | "step"
  | "sign"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leakyRelu"
  | "identity"
  | "softmax"
  | "elu"
  | "selu"
  | "gelu"
  | "softplus"
  | "swish"
  | "hardSigmoid"
  | "logSoftmax";

/**
 * Parameters of the activations that have any. Each activation accepts only
 * its own: `step` → `threshold` (default 0); `leakyRelu` → `alpha` (default
 * 0.3, Keras); `elu` → `alpha` (default 1); `softmax` / `logSoftmax` → `axis`
 * (default -1); `gelu` → `approximate` (default false: exact erf, Keras).
 */
export interface ActivationOptions {
  /** Slope for negative inputs (leakyRelu) or the saturation value (elu). */
  alpha?: number;
  /** Where step switches from 0 to 1 (outputs 1 strictly above it). */
  threshold?: number;
  /** The axis softmax / logSoftmax normalize over. */
  axis?: number;
  /** GELU: true for the tanh approximation, false for the exact erf form. */
  approximate?: boolean;
}

/**
 * One activation function, in two forms: plain numbers for plotting and
 * teaching (`fn`, `derivative`), and a differentiable op for networks
 * (`apply`). `forward` / `backward` are the raw kernels fused layers (Dense)
 * call on typed arrays.
 */
export interface ActivationFunction {
  /** The canonical camelCase name. */
  readonly name: ActivationName;
  /** The parameters in effect (e.g. `{ alpha: 0.3 }`), enough to rebuild it with `activations.get`. */
  readonly config: Readonly<ActivationOptions>;
  /**
   * False for step and sign: their derivative is 0 wherever it exists, so no
   * gradient flows through them (the perceptron rule trains them instead).
   */
  readonly differentiable: boolean;
  /** False for softmax and logSoftmax, which mix values along an axis. */
  readonly elementwise: boolean;
  /** The function on one number. For softmax: the first output of `softmax([x, 0])`, i.e. the sigmoid. */
  fn(x: number): number;
  /**
   * The derivative on one number. For softmax: the Jacobian's diagonal `s(1 − s)`
   * of the same two-class case; for logSoftmax: `1 − s`. Non-differentiable
   * points take the PyTorch convention (relu'(0) = 0).
   */
  derivative(x: number): number;
  /** Applies the activation to a Variable or Tensor; the result records its gradient. */
  apply(x: Variable | Tensor): Variable;
  /** Kernel: `out = f(z)` over a contiguous array of `shape`. `out` may not alias `z`. */
  forward(z: TypedArray, out: TypedArray, shape: Shape): void;
  /** Kernel: `gz = g · f'(z)` (the vector-Jacobian product), given `out = f(z)`. */
  backward(g: TypedArray, z: TypedArray, out: TypedArray, gz: TypedArray, shape: Shape): void;
}
