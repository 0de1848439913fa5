// One Adam / AdamW step over float32 arrays (in place), in float64 in the
// reference's order of operations, so the results are bit-identical to it
// (see OptimizerKernels.adam), two lanes at a time. Every array is padded to
// 64 bytes (arena and resident blocks alike) and chunks are even, so an odd
// length's last pair computes one lane of padding, written to padding only.

import { arrayAt, chunkEnd, chunkStart, load2, scalarAt, store2 } from "./update";

// Arrays: p, g, m, v, vMax (0 without AMSGrad). Scalars: a, c, β₁, β₂, ε, l2, decay.

/** Runs chunk `i` of the Adam task. */
export function adamChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const m = arrayAt(ctl, 2);
  const v = arrayAt(ctl, 3);
  const vMax = arrayAt(ctl, 4);
  const end = chunkEnd(ctl, i);
  const b1 = scalarAt(ctl, 2);
  const b2 = scalarAt(ctl, 3);
  const l2 = scalarAt(ctl, 5);
  const va = f64x2.splat(scalarAt(ctl, 0));
  const vc = f64x2.splat(scalarAt(ctl, 1));
  const vb1 = f64x2.splat(b1);
  const vb2 = f64x2.splat(b2);
  const vk1 = f64x2.splat(1 - b1);
  const vk2 = f64x2.splat(1 - b2);
  const veps = f64x2.splat(scalarAt(ctl, 4));
  const vl2 = f64x2.splat(l2);
  const vdecay = f64x2.splat(scalarAt(ctl, 6));
  // θ·1 is θ exactly, so the decay multiplies unconditionally; l2 = 0 must
  // leave d = g (no 0·θ term, which is NaN for an infinite θ).
  const hasL2 = l2 !== 0;
  for (let j = chunkStart(ctl, i); j < end; j += 2) {
    const o = (<usize>j) << 2;
    const theta = f64x2.mul(load2(p + o), vdecay);
    let d = load2(g + o);
    if (hasL2) d = f64x2.add(d, f64x2.mul(vl2, theta));
    const mi = f64x2.add(f64x2.mul(vb1, load2(m + o)), f64x2.mul(vk1, d));
    let vi = f64x2.add(f64x2.mul(vb2, load2(v + o)), f64x2.mul(f64x2.mul(vk2, d), d));
    store2(m + o, mi);
    store2(v + o, vi);
    if (vMax !== 0) {
      // v̂ = vMax > v ? vMax : v, stored back (a float32 vMax round-trips exactly).
      const old = load2(vMax + o);
      vi = v128.bitselect(old, vi, f64x2.gt(old, vi));
      store2(vMax + o, vi);
    }
    const step = f64x2.div(f64x2.mul(va, mi), f64x2.add(f64x2.mul(f64x2.sqrt(vi), vc), veps));
    store2(p + o, f64x2.sub(theta, step));
  }
}
