import type { TypedArray } from "../../dtype.js";
import type { UnaryOp } from "../kernels.js";
import { geluExact, geluTanh, logistic, SELU_ALPHA, SELU_SCALE, softplusScalar } from "./scalar.js";

// Two-slot scratch for branch-free selection (see binary.ts): relu, leakyRelu,
// step, sign and clip see data whose sign is random, where a conditional jump
// is mispredicted half the time.
const sel = new Float64Array(2);

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
      // 1 or -1; zeros (with their sign) and NaN pass through unchanged.
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        const d = Number(v > 0) - Number(v < 0);
        sel[0] = v;
        sel[1] = d;
        out[i] = sel[Number(d !== 0)]!;
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
      // NaN compares false both ways and passes through.
      for (let i = 0; i < n; i++) {
        sel[0] = x[i]!;
        sel[1] = p1;
        const w = sel[Number(sel[0]! < p1)]!;
        sel[0] = w;
        sel[1] = p2;
        out[i] = sel[Number(w > p2)]!;
      }
      return;
    case "step":
      // 1 above the threshold, else 0; NaN propagates (it would compare as 0).
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        sel[0] = Number(v > p1);
        sel[1] = v;
        out[i] = sel[Number(Number.isNaN(v))]!;
      }
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++) out[i] = logistic(x[i]!);
      return;
    case "tanh":
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
      return;
    case "relu":
      // v for v > 0 and for NaN (which propagates, as in PyTorch), else 0.
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        sel[0] = 0;
        sel[1] = v;
        out[i] = sel[Number(v > 0) | Number(Number.isNaN(v))]!;
      }
      return;
    case "leakyRelu":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        sel[0] = p1 * v;
        sel[1] = v;
        out[i] = sel[Number(v > 0)]!;
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
    case "selu":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = SELU_SCALE * (v > 0 ? v : SELU_ALPHA * Math.expm1(v));
      }
      return;
    case "gelu":
      for (let i = 0; i < n; i++) out[i] = geluExact(x[i]!);
      return;
    case "geluTanh":
      for (let i = 0; i < n; i++) out[i] = geluTanh(x[i]!);
      return;
    case "swish":
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v * logistic(v);
      }
      return;
    case "hardSigmoid":
      // Keras 3: relu6(x + 3) / 6 = clip(x/6 + 1/2, 0, 1); NaN propagates.
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v <= -3 ? 0 : v >= 3 ? 1 : v / 6 + 0.5;
      }
      return;
  }
}
