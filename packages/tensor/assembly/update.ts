// Parameter layout shared by the optimizer kernels (adam.ts, optimizers.ts):
// slots 0-5 hold the byte addresses of the arrays (0 for an absent optional
// one), slot 6 the length, slot 7 the chunk size, and slots 8.. float64
// scalars, two slots each (written by the loader as Float64Array elements).

import { param, paramD } from "./layout";

/** Address of array `i` (0-5) of the current optimizer task. */
export function arrayAt(ctl: usize, i: i32): usize {
  return <usize>param(ctl, i);
}

/** First element of chunk `i` of the current optimizer task. */
export function chunkStart(ctl: usize, i: i32): i32 {
  return i * param(ctl, 7);
}

/** End (exclusive) of chunk `i` of the current optimizer task: slot 6 is the length, 7 the chunk size. */
export function chunkEnd(ctl: usize, i: i32): i32 {
  return min(param(ctl, 6), (i + 1) * param(ctl, 7));
}

/** Float64 scalar `i` of the current optimizer task. */
export function scalarAt(ctl: usize, i: i32): f64 {
  return paramD(ctl, 8 + 2 * i);
}

/** Two float32 values at `at`, promoted to float64 lanes. */
export function load2(at: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(at));
}

/** Stores two float64 lanes at `at`, each rounded to float32. */
export function store2(at: usize, x: v128): void {
  v128.store64_lane(at, f32x4.demote_f64x2_zero(x), 0);
}
