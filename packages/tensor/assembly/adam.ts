// One Adam / AdamW step over float32 arrays (in place), in float64 in the
// reference's order of operations, so the results are bit-identical to it
// (see OptimizerKernels.adam). The plain step (no AMSGrad) runs two lanes at
// a time; AMSGrad and the tail run one element at a time. Buffers are padded
// to 16 bytes by the loader.

import { arrayAt, chunkEnd, chunkStart, load2, scalarAt, store2 } from "./update";

// Arrays: p, g, m, v, vMax (0 without AMSGrad). Scalars: a, c, β₁, β₂, ε, l2, decay.

/** Runs chunk `i` of the Adam task. */
export function adamChunk(ctl: usize, i: i32): void {
  const p = arrayAt(ctl, 0);
  const g = arrayAt(ctl, 1);
  const m = arrayAt(ctl, 2);
  const v = arrayAt(ctl, 3);
  const vMax = arrayAt(ctl, 4);
  const start = chunkStart(ctl, i);
  const end = chunkEnd(ctl, i);
  const a = scalarAt(ctl, 0);
  const c = scalarAt(ctl, 1);
  const b1 = scalarAt(ctl, 2);
  const b2 = scalarAt(ctl, 3);
  const eps = scalarAt(ctl, 4);
  const l2 = scalarAt(ctl, 5);
  const decay = scalarAt(ctl, 6);
  const k1 = 1 - b1;
  const k2 = 1 - b2;
  // θ·1 is θ exactly, so the decay multiplies unconditionally; l2 = 0 must
  // leave d = g (no 0·θ term, which is NaN for an infinite θ).
  const hasL2 = l2 !== 0;
  let j = start;
  if (vMax === 0) {
    const va = f64x2.splat(a);
    const vc = f64x2.splat(c);
    const vb1 = f64x2.splat(b1);
    const vb2 = f64x2.splat(b2);
    const vk1 = f64x2.splat(k1);
    const vk2 = f64x2.splat(k2);
    const veps = f64x2.splat(eps);
    const vl2 = f64x2.splat(l2);
    const vdecay = f64x2.splat(decay);
    for (; j + 2 <= end; j += 2) {
      const o = (<usize>j) << 2;
      const theta = f64x2.mul(load2(p + o), vdecay);
      let d = load2(g + o);
      if (hasL2) d = f64x2.add(d, f64x2.mul(vl2, theta));
      const mi = f64x2.add(f64x2.mul(vb1, load2(m + o)), f64x2.mul(vk1, d));
      const vi = f64x2.add(f64x2.mul(vb2, load2(v + o)), f64x2.mul(f64x2.mul(vk2, d), d));
      const step = f64x2.div(f64x2.mul(va, mi), f64x2.add(f64x2.mul(f64x2.sqrt(vi), vc), veps));
      store2(m + o, mi);
      store2(v + o, vi);
      store2(p + o, f64x2.sub(theta, step));
    }
  }
  for (; j < end; j++) {
    const o = (<usize>j) << 2;
    const theta = <f64>load<f32>(p + o) * decay;
    let d = <f64>load<f32>(g + o);
    if (hasL2) d += l2 * theta;
    const mi = b1 * <f64>load<f32>(m + o) + k1 * d;
    let vi = b2 * <f64>load<f32>(v + o) + k2 * d * d;
    store<f32>(m + o, <f32>mi);
    store<f32>(v + o, <f32>vi);
    if (vMax !== 0) {
      const old = <f64>load<f32>(vMax + o);
      if (old > vi) vi = old;
      else store<f32>(vMax + o, <f32>vi);
    }
    store<f32>(p + o, <f32>(theta - (a * mi) / (Math.sqrt(vi) * c + eps)));
  }
}
