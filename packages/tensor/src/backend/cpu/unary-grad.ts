import type { TypedArray } from "../../dtype.js";
import type { UnaryOp } from "../kernels.js";
import {
  geluExactDerivative,
  geluTanhDerivative,
  logistic,
  SELU_ALPHA,
  SELU_SCALE,
} from "./scalar.js";

/**
 * Reference of {@link ActivationKernels.unaryGrad}: `out = g·f'(x)`, one
 * loop per op. Each formula is the one layers and autograd used before the
 * kernels existed (same operand order, so the same rounding).
 */
export function unaryGrad(
  op: UnaryOp,
  g: TypedArray,
  x: TypedArray,
  y: TypedArray,
  out: TypedArray,
  p1: number,
  p2: number,
): void {
  const n = x.length;
  switch (op) {
    case "step":
    case "sign":
    case "floor":
    case "round":
      // Piecewise constant: 0 for every number, NaN for NaN.
      for (let i = 0; i < n; i++) out[i] = Number.isNaN(x[i]!) ? Number.NaN : 0;
      return;
    case "neg":
      for (let i = 0; i < n; i++) out[i] = -g[i]!;
      return;
    case "abs":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = g[i]! * (v > 0 ? 1 : v < 0 ? -1 : Number.isNaN(v) ? Number.NaN : 0);
      }
      return;
    case "exp":
      for (let i = 0; i < n; i++) out[i] = g[i]! * y[i]!;
      return;
    case "log":
      for (let i = 0; i < n; i++) out[i] = g[i]! / x[i]!;
      return;
    case "log1p":
      for (let i = 0; i < n; i++) out[i] = g[i]! / (x[i]! + 1);
      return;
    case "sqrt":
      for (let i = 0; i < n; i++) out[i] = g[i]! / (y[i]! * 2);
      return;
    case "square":
      for (let i = 0; i < n; i++) out[i] = g[i]! * (x[i]! * 2);
      return;
    case "reciprocal":
      for (let i = 0; i < n; i++) {
        const v = y[i]!;
        out[i] = -(g[i]! * (v * v));
      }
      return;
    case "clip":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v >= p1 && v <= p2 ? g[i]! : Number.isNaN(v) ? Number.NaN : 0;
      }
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++) {
        const s = y[i]!;
        out[i] = g[i]! * s * (1 - s);
      }
      return;
    case "tanh":
      for (let i = 0; i < n; i++) {
        const t = y[i]!;
        out[i] = g[i]! * (1 - t * t);
      }
      return;
    case "relu":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v > 0 ? g[i]! : Number.isNaN(v) ? Number.NaN : 0;
      }
      return;
    case "leakyRelu":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v > 0 ? g[i]! : Number.isNaN(v) ? Number.NaN : p1 * g[i]!;
      }
      return;
    case "elu":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = g[i]! * (v > 0 ? 1 : p1 * Math.exp(v));
      }
      return;
    case "selu":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = g[i]! * (SELU_SCALE * (v > 0 ? 1 : SELU_ALPHA * Math.exp(v)));
      }
      return;
    case "softplus":
      for (let i = 0; i < n; i++) out[i] = g[i]! * logistic(x[i]!);
      return;
    case "gelu":
      for (let i = 0; i < n; i++) out[i] = g[i]! * geluExactDerivative(x[i]!);
      return;
    case "geluTanh":
      for (let i = 0; i < n; i++) out[i] = g[i]! * geluTanhDerivative(x[i]!);
      return;
    case "swish":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        const s = logistic(v);
        out[i] = g[i]! * (s * (1 + v * (1 - s)));
      }
      return;
    case "hardSigmoid":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = g[i]! * (v > -3 && v < 3 ? 1 / 6 : Number.isNaN(v) ? Number.NaN : 0);
      }
      return;
  }
}
