import type { TypedArray } from "../../dtype.js";
import type { UnaryOp } from "../kernels.js";

/** Numerically stable logistic function: never computes exp of a large positive number. */
export function sigmoidScalar(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Numerically stable log(1 + exp(x)). */
export function softplusScalar(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * Reference elementwise kernel. One loop per op, so the loop body is monomorphic
 * and the branch on `op` is taken once per call, not once per element.
 */
export function unary(op: UnaryOp, x: TypedArray, out: TypedArray, p1: number, p2: number): void {
  const n = x.length;
  switch (op) {
    case "neg":
      for (let i = 0; i < n; i++) out[i] = -x[i]!;
      return;
    case "abs":
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]!);
      return;
    case "sign":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v > 0 ? 1 : v < 0 ? -1 : v; // keeps 0 (and NaN) as they are
      }
      return;
    case "exp":
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
      return;
    case "log":
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]!);
      return;
    case "log1p":
      for (let i = 0; i < n; i++) out[i] = Math.log1p(x[i]!);
      return;
    case "sqrt":
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]!);
      return;
    case "square":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v * v;
      }
      return;
    case "reciprocal":
      for (let i = 0; i < n; i++) out[i] = 1 / x[i]!;
      return;
    case "floor":
      for (let i = 0; i < n; i++) out[i] = Math.floor(x[i]!);
      return;
    case "round":
      // Round half to even, as NumPy and PyTorch do.
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        const r = Math.round(v);
        out[i] = r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
      }
      return;
    case "clip":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v < p1 ? p1 : v > p2 ? p2 : v;
      }
      return;
    case "step":
      for (let i = 0; i < n; i++) out[i] = x[i]! > p1 ? 1 : 0;
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++) out[i] = sigmoidScalar(x[i]!);
      return;
    case "tanh":
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
      return;
    case "relu":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v > 0 ? v : 0;
      }
      return;
    case "leakyRelu":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v > 0 ? v : p1 * v;
      }
      return;
    case "elu":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v > 0 ? v : p1 * Math.expm1(v);
      }
      return;
    case "softplus":
      for (let i = 0; i < n; i++) out[i] = softplusScalar(x[i]!);
      return;
  }
}
