import type { ActivationName, ActivationOptions } from "@neurite/layers";
import { UnsupportedLayerError } from "../errors.js";

/** A Neurite activation (name and options), or null for Keras's `linear`. */
export type NeuriteActivation = { name: ActivationName; options: ActivationOptions } | null;

/** Where a model comes from; two activations differ between Keras versions. */
export interface KerasFlavor {
  /** `"tfjs"` (TensorFlow.js layers), `"keras2"` or `"keras3"`. */
  source: "tfjs" | "keras2" | "keras3";
}

const SAME: Record<string, ActivationName> = {
  relu: "relu",
  sigmoid: "sigmoid",
  tanh: "tanh",
  softmax: "softmax",
  elu: "elu",
  selu: "selu",
  softplus: "softplus",
  swish: "swish",
  silu: "swish",
  log_softmax: "logSoftmax",
  logSoftmax: "logSoftmax",
};

/** The name inside an activation entry of a Keras config: a string, or Keras 3's `{ config: "relu" }`. */
function nameOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null) {
    const c = (value as { config?: unknown; class_name?: unknown }).config;
    if (typeof c === "string") return c;
    const n = (value as { class_name?: unknown }).class_name;
    if (typeof n === "string" && n !== "function") return n;
  }
  return null;
}

/**
 * Maps a Keras / TensorFlow.js activation to Neurite's, checking that the
 * two compute the same function (TensorFlow.js's and Keras 2's hard sigmoid
 * use slope 0.2, Neurite's Keras 3's 1/6; TensorFlow.js's `gelu` is exact and
 * its `gelu_new` the tanh approximation).
 */
export function kerasActivation(
  op: string,
  value: unknown,
  flavor: KerasFlavor,
  layer: string,
  className: string,
): NeuriteActivation {
  const name = value === undefined || value === null ? "linear" : nameOf(value);
  const fail = (reason: string): never => {
    throw new UnsupportedLayerError(op, "artifacts", layer, className, reason);
  };
  if (name === null) return fail(`unreadable activation ${JSON.stringify(value)}`);
  if (name === "linear") return null;
  const same = SAME[name];
  if (same) return { name: same, options: {} };
  if (name === "gelu") return { name: "gelu", options: { approximate: false } };
  if (name === "gelu_new" && flavor.source === "tfjs")
    return { name: "gelu", options: { approximate: true } };
  if (name === "leaky_relu")
    // Keras 3's activation function defaults to negative_slope 0.2.
    return { name: "leakyRelu", options: { alpha: 0.2 } };
  if (name === "hard_sigmoid" || name === "hardSigmoid") {
    if (flavor.source === "keras3") return { name: "hardSigmoid", options: {} };
    return fail(
      `activation '${name}' here is clip(0.2·x + 0.5, 0, 1), while Neurite's hardSigmoid is Keras 3's clip(x/6 + 1/2, 0, 1)`,
    );
  }
  return fail(
    `activation '${name}' has no Neurite counterpart (Neurite has relu, sigmoid, tanh, softmax, log_softmax, elu, selu, softplus, swish, gelu, leaky_relu, hard_sigmoid and linear)`,
  );
}
