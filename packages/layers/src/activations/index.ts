import type { Variable } from "@neurite/autograd";
import type { Tensor } from "@neurite/tensor";
import { type ActivationCurve, activationCurve } from "./curve.js";
import {
  ACTIVATION_NAMES,
  BOOK_ACTIVATIONS,
  canonicalActivationName,
  getActivation,
} from "./registry.js";
import type { ActivationName } from "./types.js";

export type { ActivationFunction, ActivationName, ActivationOptions } from "./types.js";
export type { ActivationCurve };
export { ACTIVATION_NAMES, BOOK_ACTIVATIONS, canonicalActivationName, getActivation };

type In = Variable | Tensor;
const use = (name: ActivationName) => (x: In) => getActivation(name).apply(x);

/**
 * The activation functions, as differentiable ops on Variables (or Tensors)
 * plus a registry: `activations.get(name, options)` returns an
 * {@link ActivationFunction} with `fn` and `derivative` on plain numbers for
 * plotting.
 *
 * @example
 * ```ts
 * import { activations } from "@neurite/layers";
 * const h = activations.relu(x);                       // Variable
 * const p = activations.softmax(logits);               // along the last axis
 * const { fn, derivative } = activations.get("tanh");  // for a chart
 * ```
 */
export const activations = {
  /** Looks up an activation by name (camelCase or snake_case) with options; see {@link getActivation}. */
  get: getActivation,
  /** Values and derivatives at many points in one kernel call each; see {@link activationCurve}. */
  curve: activationCurve,
  /** Canonical name of any accepted spelling, or undefined. */
  canonicalName: canonicalActivationName,
  /** All built-in activation names. */
  names: ACTIVATION_NAMES,
  /** The textbook's eight: step, sign, sigmoid, tanh, relu, leakyRelu, identity, softmax. */
  book: BOOK_ACTIVATIONS,
  /** 1 where `x > threshold` (default 0), else 0. No gradient flows through it. */
  step: (x: In, threshold = 0): Variable => getActivation("step", { threshold }).apply(x),
  /** 1, 0 or −1. No gradient flows through it. */
  sign: use("sign"),
  /** `1 / (1 + e^−x)`. */
  sigmoid: use("sigmoid"),
  /** Hyperbolic tangent. */
  tanh: use("tanh"),
  /** `max(0, x)`. */
  relu: use("relu"),
  /** `x` for x > 0, else `alpha·x` (default 0.3, as Keras's LeakyReLU layer). */
  leakyRelu: (x: In, alpha = 0.3): Variable => getActivation("leakyRelu", { alpha }).apply(x),
  /** Returns its input. */
  identity: use("identity"),
  /** Keras's name for identity. */
  linear: use("identity"),
  /** `e^x / Σ e^x` along `axis` (default last), computed stably. */
  softmax: (x: In, axis = -1): Variable => getActivation("softmax", { axis }).apply(x),
  /** `x − logΣe^x` along `axis` (default last), computed stably. */
  logSoftmax: (x: In, axis = -1): Variable => getActivation("logSoftmax", { axis }).apply(x),
  /** `x` for x > 0, else `alpha·(e^x − 1)` (default alpha 1). */
  elu: (x: In, alpha = 1): Variable => getActivation("elu", { alpha }).apply(x),
  /** Scaled ELU with the self-normalizing constants λ ≈ 1.0507, α ≈ 1.6733. */
  selu: use("selu"),
  /** `x·Φ(x)`; `approximate: true` uses the tanh approximation (default false, as Keras). */
  gelu: (x: In, approximate = false): Variable => getActivation("gelu", { approximate }).apply(x),
  /** `log(1 + e^x)`. */
  softplus: use("softplus"),
  /** `x·σ(x)` (also called SiLU). */
  swish: use("swish"),
  /** Alias of swish. */
  silu: use("swish"),
  /** Keras 3: `clip(x/6 + 1/2, 0, 1)`. */
  hardSigmoid: use("hardSigmoid"),
} as const;
