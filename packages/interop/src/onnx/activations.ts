import type { ActivationFunction } from "@neurite/layers";
import type { GraphBuilder } from "./graph-builder.js";

// The constants of SELU (Klambauer et al. 2017), as Neurite and ONNX define them.
const SELU_ALPHA = 1.6732632423543772;
const SELU_GAMMA = 1.0507009873554805;
const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_K = 0.044715;

/**
 * Appends the ONNX nodes that compute `fn` on the value `x` of rank `rank`
 * and returns the output's name. Every built-in activation has an exact
 * counterpart: single operators where ONNX has one, otherwise a short
 * composition of standard operators (step: Greater + Cast; GELU: Erf or Tanh;
 * swish: Sigmoid + Mul).
 */
export function activationToOnnx(
  fn: ActivationFunction,
  x: string,
  rank: number,
  b: GraphBuilder,
  scope: string,
): string {
  const c = fn.config;
  switch (fn.name) {
    case "identity":
      return b.node("Identity", [x], scope);
    case "relu":
      return b.node("Relu", [x], scope);
    case "sigmoid":
      return b.node("Sigmoid", [x], scope);
    case "tanh":
      return b.node("Tanh", [x], scope);
    case "sign":
      // ONNX Sign: -1, 0 or 1, with sign(0) = 0 as Neurite's.
      return b.node("Sign", [x], scope);
    case "step": {
      // 1 strictly above the threshold, else 0 (so step(threshold) = 0), as Neurite's.
      const t = b.constant(`${scope}/threshold`, [c.threshold ?? 0]);
      const above = b.node("Greater", [x, t], scope);
      return b.node("Cast", [above], scope, [{ name: "to", kind: "int", value: b.elemType }]);
    }
    case "leakyRelu":
      return b.node("LeakyRelu", [x], scope, [{ name: "alpha", kind: "float", value: c.alpha! }]);
    case "elu":
      return b.node("Elu", [x], scope, [{ name: "alpha", kind: "float", value: c.alpha! }]);
    case "selu":
      return b.node("Selu", [x], scope, [
        { name: "alpha", kind: "float", value: SELU_ALPHA },
        { name: "gamma", kind: "float", value: SELU_GAMMA },
      ]);
    case "softplus":
      return b.node("Softplus", [x], scope);
    case "hardSigmoid":
      // Keras 3's clip(x/6 + 1/2, 0, 1).
      return b.node("HardSigmoid", [x], scope, [
        { name: "alpha", kind: "float", value: 1 / 6 },
        { name: "beta", kind: "float", value: 0.5 },
      ]);
    case "swish":
      return b.node("Mul", [x, b.node("Sigmoid", [x], scope)], scope);
    case "softmax":
    case "logSoftmax":
      return b.node(fn.name === "softmax" ? "Softmax" : "LogSoftmax", [x], scope, [
        { name: "axis", kind: "int", value: normalizeAxis(c.axis ?? -1, rank) },
      ]);
    case "gelu":
      return c.approximate ? geluTanh(x, b, scope) : geluExact(x, b, scope);
  }
}

function normalizeAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** `x · ½(1 + erf(x / √2))`. */
function geluExact(x: string, b: GraphBuilder, scope: string): string {
  const scaled = b.node("Mul", [x, b.constant(`${scope}/inv_sqrt2`, [Math.SQRT1_2])], scope);
  const erf = b.node("Erf", [scaled], scope);
  return halfXTimesOnePlus(erf, x, b, scope);
}

/** `½x(1 + tanh(√(2/π)(x + 0.044715x³)))`. */
function geluTanh(x: string, b: GraphBuilder, scope: string): string {
  const cube = b.node("Mul", [b.node("Mul", [x, x], scope), x], scope);
  const inner = b.node(
    "Add",
    [x, b.node("Mul", [cube, b.constant(`${scope}/k`, [GELU_K])], scope)],
    scope,
  );
  const t = b.node(
    "Tanh",
    [b.node("Mul", [inner, b.constant(`${scope}/c`, [GELU_C])], scope)],
    scope,
  );
  return halfXTimesOnePlus(t, x, b, scope);
}

function halfXTimesOnePlus(v: string, x: string, b: GraphBuilder, scope: string): string {
  const onePlus = b.node("Add", [v, b.constant(`${scope}/one`, [1])], scope);
  const halfX = b.node("Mul", [x, b.constant(`${scope}/half`, [0.5])], scope);
  return b.node("Mul", [halfX, onePlus], scope);
}
