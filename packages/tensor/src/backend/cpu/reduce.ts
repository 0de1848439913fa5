import type { TypedArray } from "../../dtype.js";
import type { ArgReduceOp, ReduceOp } from "../kernels.js";

/** Reference reduction of `[outer, len, inner]` over the middle axis, accumulating in float64. */
export function reduce(
  op: ReduceOp,
  x: TypedArray,
  out: TypedArray,
  outer: number,
  len: number,
  inner: number,
): void {
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const base = o * len;
      if (op === "sum") {
        let s = 0;
        for (let l = 0; l < len; l++) s += x[base + l]!;
        out[o] = s;
      } else {
        let m = op === "max" ? -Infinity : Infinity;
        for (let l = 0; l < len; l++) {
          const v = x[base + l]!;
          if (op === "max" ? v > m || Number.isNaN(v) : v < m || Number.isNaN(v)) m = v;
          if (Number.isNaN(m)) break;
        }
        out[o] = m;
      }
    }
    return;
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(op === "sum" ? 0 : op === "max" ? -Infinity : Infinity);
    for (let l = 0; l < len; l++) {
      const base = (o * len + l) * inner;
      if (op === "sum") for (let i = 0; i < inner; i++) acc[i]! += x[base + i]!;
      else if (op === "max") {
        for (let i = 0; i < inner; i++) {
          const v = x[base + i]!;
          if (v > acc[i]! || Number.isNaN(v)) acc[i] = v;
        }
      } else {
        for (let i = 0; i < inner; i++) {
          const v = x[base + i]!;
          if (v < acc[i]! || Number.isNaN(v)) acc[i] = v;
        }
      }
    }
    out.set(acc, o * inner);
  }
}

/** Reference argmax/argmin of `[outer, len, inner]` over the middle axis (first index on ties). */
export function argReduce(
  op: ArgReduceOp,
  x: TypedArray,
  out: Int32Array,
  outer: number,
  len: number,
  inner: number,
): void {
  const isMax = op === "argmax";
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = x[o * len * inner + i]!;
      let bestIdx = 0;
      for (let l = 1; l < len && !Number.isNaN(best); l++) {
        const v = x[(o * len + l) * inner + i]!;
        if (isMax ? v > best || Number.isNaN(v) : v < best || Number.isNaN(v)) {
          best = v;
          bestIdx = l;
        }
      }
      out[o * inner + i] = bestIdx;
    }
  }
}
