import type { TypedArray } from "../../dtype.js";
import type { ArgReduceOp, ReduceOp } from "../kernels.js";

/**
 * Reference reduction of `x` viewed as `[outer, len, inner]` over the middle
 * axis into `out` `[outer, inner]`. Sums accumulate in float64 whatever the
 * dtype; max and min propagate NaN. `len` is at least 1 for max and min.
 */
export function reduce(
  op: ReduceOp,
  x: TypedArray,
  out: TypedArray,
  outer: number,
  len: number,
  inner: number,
): void {
  if (inner === 1) {
    // Each output is one contiguous run of `len` values.
    for (let o = 0, base = 0; o < outer; o++, base += len) {
      const end = base + len;
      if (op === "sum") {
        let s = 0;
        for (let l = base; l < end; l++) s += x[l]!;
        out[o] = s;
      } else if (op === "max") {
        let m = Number.NEGATIVE_INFINITY;
        for (let l = base; l < end; l++) {
          const v = x[l]!;
          if (v > m) m = v;
          else if (Number.isNaN(v)) {
            m = v;
            break;
          }
        }
        out[o] = m;
      } else {
        let m = Number.POSITIVE_INFINITY;
        for (let l = base; l < end; l++) {
          const v = x[l]!;
          if (v < m) m = v;
          else if (Number.isNaN(v)) {
            m = v;
            break;
          }
        }
        out[o] = m;
      }
    }
    return;
  }
  // Rows of `inner` values are combined elementwise into a float64 accumulator,
  // reading `x` sequentially.
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    let base = o * len * inner;
    if (op === "sum") {
      acc.fill(0);
      for (let l = 0; l < len; l++, base += inner)
        for (let i = 0; i < inner; i++) acc[i]! += x[base + i]!;
    } else if (op === "max") {
      acc.fill(Number.NEGATIVE_INFINITY);
      for (let l = 0; l < len; l++, base += inner) {
        for (let i = 0; i < inner; i++) {
          const v = x[base + i]!;
          if (v > acc[i]!) acc[i] = v;
          else if (Number.isNaN(v)) acc[i] = v; // NaN sticks: nothing compares greater
        }
      }
    } else {
      acc.fill(Number.POSITIVE_INFINITY);
      for (let l = 0; l < len; l++, base += inner) {
        for (let i = 0; i < inner; i++) {
          const v = x[base + i]!;
          if (v < acc[i]!) acc[i] = v;
          else if (Number.isNaN(v)) acc[i] = v;
        }
      }
    }
    out.set(acc, o * inner);
  }
}

/**
 * Reference argmax/argmin of `[outer, len, inner]` over the middle axis into
 * `out` `[outer, inner]`: the first index of the extreme value; a NaN counts as
 * the extreme (the first NaN wins), as in NumPy. `len` is at least 1.
 */
export function argReduce(
  op: ArgReduceOp,
  x: TypedArray,
  out: Int32Array,
  outer: number,
  len: number,
  inner: number,
): void {
  const isMax = op === "argmax";
  if (inner === 1) {
    for (let o = 0, base = 0; o < outer; o++, base += len) {
      let best = x[base]!;
      let bestIdx = 0;
      for (let l = 1; l < len && !Number.isNaN(best); l++) {
        const v = x[base + l]!;
        if ((isMax ? v > best : v < best) || Number.isNaN(v)) {
          best = v;
          bestIdx = l;
        }
      }
      out[o] = bestIdx;
    }
    return;
  }
  // Keep the best value of each of the `inner` columns and read `x` row by row.
  const best = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    let base = o * len * inner;
    const ob = o * inner;
    for (let i = 0; i < inner; i++) {
      best[i] = x[base + i]!;
      out[ob + i] = 0;
    }
    for (let l = 1; l < len; l++) {
      base += inner;
      for (let i = 0; i < inner; i++) {
        const cur = best[i]!;
        if (Number.isNaN(cur)) continue;
        const v = x[base + i]!;
        if ((isMax ? v > cur : v < cur) || Number.isNaN(v)) {
          best[i] = v;
          out[ob + i] = l;
        }
      }
    }
  }
}
