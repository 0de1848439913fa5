// One Adam step over float32 arrays p, g, m, v (in place), two lanes at a
// time in float64, in the reference's order of operations, so the results are
// bit-identical to it (see Kernels.adam). Buffers are padded to 16 bytes by
// the loader; the tail is done one element at a time.

import { param } from "./layout";

// Parameter slots: addresses and length (i32), then the scalars (f32 slots
// hold nothing here: the float64 scalars sit in slots 8.. as pairs).
const P = 0;
const G = 1;
const M = 2;
const V = 3;
const LEN = 4;
const CHUNK = 5;
/** First of five float64 scalars (two slots each): a, c, β₁, β₂, ε. */
const SCALARS = 8;

function paramD(ctl: usize, i: i32): f64 {
  // Two f32 slots hold one f64 (written by the loader as a Float64Array element).
  return load<f64>(ctl + 64 + ((<usize>(SCALARS + 2 * i)) << 2));
}

/** Runs chunk `i` of the Adam task. */
export function adamChunk(ctl: usize, i: i32): void {
  const p = <usize>param(ctl, P);
  const g = <usize>param(ctl, G);
  const m = <usize>param(ctl, M);
  const v = <usize>param(ctl, V);
  const n = param(ctl, LEN);
  const chunk = param(ctl, CHUNK);
  const start = i * chunk;
  const end = min(n, start + chunk);
  const a = paramD(ctl, 0);
  const c = paramD(ctl, 1);
  const b1 = paramD(ctl, 2);
  const b2 = paramD(ctl, 3);
  const eps = paramD(ctl, 4);
  const k1 = 1 - b1;
  const k2 = 1 - b2;
  const va = f64x2.splat(a);
  const vc = f64x2.splat(c);
  const vb1 = f64x2.splat(b1);
  const vb2 = f64x2.splat(b2);
  const vk1 = f64x2.splat(k1);
  const vk2 = f64x2.splat(k2);
  const veps = f64x2.splat(eps);
  let j = start;
  for (; j + 2 <= end; j += 2) {
    const o = (<usize>j) << 2;
    const d = f64x2.promote_low_f32x4(v128.load64_zero(g + o));
    const mi = f64x2.add(
      f64x2.mul(vb1, f64x2.promote_low_f32x4(v128.load64_zero(m + o))),
      f64x2.mul(vk1, d),
    );
    const vi = f64x2.add(
      f64x2.mul(vb2, f64x2.promote_low_f32x4(v128.load64_zero(v + o))),
      f64x2.mul(f64x2.mul(vk2, d), d),
    );
    const step = f64x2.div(f64x2.mul(va, mi), f64x2.add(f64x2.mul(f64x2.sqrt(vi), vc), veps));
    const pi = f64x2.sub(f64x2.promote_low_f32x4(v128.load64_zero(p + o)), step);
    v128.store64_lane(m + o, f32x4.demote_f64x2_zero(mi), 0);
    v128.store64_lane(v + o, f32x4.demote_f64x2_zero(vi), 0);
    v128.store64_lane(p + o, f32x4.demote_f64x2_zero(pi), 0);
  }
  for (; j < end; j++) {
    const o = (<usize>j) << 2;
    const d = <f64>load<f32>(g + o);
    const mi = b1 * <f64>load<f32>(m + o) + k1 * d;
    const vi = b2 * <f64>load<f32>(v + o) + k2 * d * d;
    store<f32>(m + o, <f32>mi);
    store<f32>(v + o, <f32>vi);
    store<f32>(p + o, <f32>(<f64>load<f32>(p + o) - (a * mi) / (Math.sqrt(vi) * c + eps)));
  }
}
