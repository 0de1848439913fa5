import type { TypedArray } from "../../dtype.js";
import type { UnaryOp } from "../kernels.js";
import { matmul } from "./matmul.js";
import { SLOT, scratch32, scratch64 } from "./scratch.js";
import { unary } from "./unary.js";
import { unaryGrad } from "./unary-grad.js";

/** Reference of {@link DenseKernels.denseForward}: the product, then one bias pass, then `f`. */
export function denseForward(
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
): void {
  const pre = z ?? y;
  matmul(x, 0, kernel, 0, pre, 0, rows, inDim, units, false, false);
  if (bias) {
    for (let r = 0; r < rows; r++) {
      const o = r * units;
      for (let j = 0; j < units; j++) pre[o + j]! += bias[j]!;
    }
  }
  if (op !== null) unary(op, pre, y, p1, p2);
  else if (pre !== y) y.set(pre);
}

/** Reference of {@link DenseKernels.denseBackward}: `dZ` and `db` in one pass, then the two products. */
export function denseBackward(
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
): void {
  let d = g;
  if (op !== null) {
    // dZ in g's dtype, into dz or, when the caller does not want it, scratch.
    const into =
      dz ??
      (g instanceof Float64Array
        ? scratch64(SLOT.denseGradZ, g.length)
        : scratch32(SLOT.denseGradZ, g.length));
    unaryGrad(op, g, z, y, into, p1, p2);
    d = into;
  }
  if (db) {
    const s = scratch64(SLOT.denseBiasSum, units);
    for (let r = 0; r < rows; r++) {
      const o = r * units;
      for (let j = 0; j < units; j++) s[j]! += d[o + j]!;
    }
    db.set(s);
  }
  if (dx) matmul(d, 0, kernel, 0, dx, 0, rows, units, inDim, false, true);
  if (dk) matmul(x, 0, d, 0, dk, 0, inDim, rows, units, true, false);
}
