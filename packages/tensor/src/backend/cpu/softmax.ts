import type { TypedArray } from "../../dtype.js";
import { SLOT, scratch64 } from "./scratch.js";

/**
 * Reference of {@link ActivationKernels.softmax}: per lane, the maximum (NaN
 * if any entry is NaN), then the shifted exponentials and their sum in float64.
 */
export function softmax(
  x: TypedArray,
  out: TypedArray,
  outer: number,
  len: number,
  inner: number,
  log: boolean,
): void {
  const tmp = scratch64(SLOT.softmax, len);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let m = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < len; k++) m = Math.max(m, x[base + k * inner]!);
      let s = 0;
      for (let k = 0; k < len; k++) {
        const e = Math.exp(x[base + k * inner]! - m);
        tmp[k] = e;
        s += e;
      }
      if (log) {
        const lse = m + Math.log(s);
        for (let k = 0; k < len; k++) out[base + k * inner] = x[base + k * inner]! - lse;
      } else {
        for (let k = 0; k < len; k++) out[base + k * inner] = tmp[k]! / s;
      }
    }
  }
}

/** Reference of {@link ActivationKernels.softmaxGrad}; the lane sums in float64. */
export function softmaxGrad(
  g: TypedArray,
  y: TypedArray,
  out: TypedArray,
  outer: number,
  len: number,
  inner: number,
  log: boolean,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let s = 0;
      if (log) {
        for (let k = 0; k < len; k++) s += g[base + k * inner]!;
        for (let k = 0; k < len; k++) {
          const j = base + k * inner;
          out[j] = g[j]! - Math.exp(y[j]!) * s;
        }
      } else {
        for (let k = 0; k < len; k++) s += g[base + k * inner]! * y[base + k * inner]!;
        for (let k = 0; k < len; k++) {
          const j = base + k * inner;
          out[j] = y[j]! * (g[j]! - s);
        }
      }
    }
  }
}
