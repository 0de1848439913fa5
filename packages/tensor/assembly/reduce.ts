// Sum, max and min of a float32 array viewed as [outer, len, inner] over its
// middle axis. Sums accumulate in float64, like the reference, so they agree
// with it to the last float32 bit in all but rare rounding ties; max and min
// propagate NaN like the reference.

import { param } from "./layout";

// Function ids (the loader's reduce wrapper uses the same numbers).
const SUM = 0;
const MAX = 1;

// Parameter slots.
const KIND = 0;
const X = 1;
const OUT = 2;
const OUTER = 3;
const LEN = 4;
const INNER = 5;
const CHUNK = 6;

/** Lanes of `inner` handled together when reducing across rows. */
const BLOCK = 16;

function hi(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 2, 3));
}

/** Sum of `len` contiguous floats at `x`, in float64. */
function sumRow(x: usize, len: i32): f32 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let s2 = f64x2.splat(0);
  let s3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= len; i += 8) {
    const p = x + ((<usize>i) << 2);
    const v0 = v128.load(p);
    const v1 = v128.load(p, 16);
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v0));
    s1 = f64x2.add(s1, hi(v0));
    s2 = f64x2.add(s2, f64x2.promote_low_f32x4(v1));
    s3 = f64x2.add(s3, hi(v1));
  }
  const s = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
  let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < len; i++) total += <f64>load<f32>(x + ((<usize>i) << 2));
  return <f32>total;
}

/** Max (or min) of `len` contiguous floats at `x`; NaN if any is NaN. */
function extremeRow(x: usize, len: i32, isMax: bool): f32 {
  let i = 0;
  let best: f32 = load<f32>(x);
  if (len >= 8) {
    let m0 = v128.load(x);
    let m1 = v128.load(x, 16);
    for (i = 8; i + 8 <= len; i += 8) {
      const p = x + ((<usize>i) << 2);
      if (isMax) {
        m0 = f32x4.max(m0, v128.load(p));
        m1 = f32x4.max(m1, v128.load(p, 16));
      } else {
        m0 = f32x4.min(m0, v128.load(p));
        m1 = f32x4.min(m1, v128.load(p, 16));
      }
    }
    const m = isMax ? f32x4.max(m0, m1) : f32x4.min(m0, m1);
    best = f32x4.extract_lane(m, 0);
    best = pick(best, f32x4.extract_lane(m, 1), isMax);
    best = pick(best, f32x4.extract_lane(m, 2), isMax);
    best = pick(best, f32x4.extract_lane(m, 3), isMax);
  }
  for (; i < len; i++) best = pick(best, load<f32>(x + ((<usize>i) << 2)), isMax);
  return best;
}

function pick(a: f32, b: f32, isMax: bool): f32 {
  if (F32.isNaN(a) || F32.isNaN(b)) return NaN;
  return isMax ? (b > a ? b : a) : b < a ? b : a;
}

/** Reduces BLOCK adjacent lanes of `inner` over `len` rows `stride` bytes apart. */
function block(kind: i32, x: usize, stride: usize, len: i32, out: usize): void {
  if (kind === SUM) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    let s4 = f64x2.splat(0);
    let s5 = f64x2.splat(0);
    let s6 = f64x2.splat(0);
    let s7 = f64x2.splat(0);
    for (let l = 0; l < len; l++) {
      const p = x + <usize>l * stride;
      const v0 = v128.load(p);
      const v1 = v128.load(p, 16);
      const v2 = v128.load(p, 32);
      const v3 = v128.load(p, 48);
      s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v0));
      s1 = f64x2.add(s1, hi(v0));
      s2 = f64x2.add(s2, f64x2.promote_low_f32x4(v1));
      s3 = f64x2.add(s3, hi(v1));
      s4 = f64x2.add(s4, f64x2.promote_low_f32x4(v2));
      s5 = f64x2.add(s5, hi(v2));
      s6 = f64x2.add(s6, f64x2.promote_low_f32x4(v3));
      s7 = f64x2.add(s7, hi(v3));
    }
    v128.store(out, join(s0, s1));
    v128.store(out, join(s2, s3), 16);
    v128.store(out, join(s4, s5), 32);
    v128.store(out, join(s6, s7), 48);
    return;
  }
  let m0 = v128.load(x);
  let m1 = v128.load(x, 16);
  let m2 = v128.load(x, 32);
  let m3 = v128.load(x, 48);
  for (let l = 1; l < len; l++) {
    const p = x + <usize>l * stride;
    if (kind === MAX) {
      m0 = f32x4.max(m0, v128.load(p));
      m1 = f32x4.max(m1, v128.load(p, 16));
      m2 = f32x4.max(m2, v128.load(p, 32));
      m3 = f32x4.max(m3, v128.load(p, 48));
    } else {
      m0 = f32x4.min(m0, v128.load(p));
      m1 = f32x4.min(m1, v128.load(p, 16));
      m2 = f32x4.min(m2, v128.load(p, 32));
      m3 = f32x4.min(m3, v128.load(p, 48));
    }
  }
  v128.store(out, m0);
  v128.store(out, m1, 16);
  v128.store(out, m2, 32);
  v128.store(out, m3, 48);
}

/** Two float64x2 halves rounded into one float32x4. */
function join(lo: v128, hi: v128): v128 {
  return v128.shuffle<i32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/** Scalar reduction of one lane over `len` rows `stride` bytes apart. */
function lane(kind: i32, x: usize, stride: usize, len: i32): f32 {
  if (kind === SUM) {
    let s: f64 = 0;
    for (let l = 0; l < len; l++) s += <f64>load<f32>(x + <usize>l * stride);
    return <f32>s;
  }
  let best = load<f32>(x);
  for (let l = 1; l < len; l++) best = pick(best, load<f32>(x + <usize>l * stride), kind === MAX);
  return best;
}

/**
 * One chunk. With inner = 1 a chunk is `CHUNK` rows; otherwise it is `CHUNK`
 * (outer index, block of 16 inner lanes) pairs.
 */
export function reduceChunk(ctl: usize, chunk: i32): void {
  const kind = param(ctl, KIND);
  const x = <usize>param(ctl, X);
  const out = <usize>param(ctl, OUT);
  const outer = param(ctl, OUTER);
  const len = param(ctl, LEN);
  const inner = param(ctl, INNER);
  const size = param(ctl, CHUNK);
  if (inner === 1) {
    const last = min(outer, (chunk + 1) * size);
    for (let o = chunk * size; o < last; o++) {
      const row = x + ((<usize>o * <usize>len) << 2);
      const v = kind === SUM ? sumRow(row, len) : extremeRow(row, len, kind === MAX);
      store<f32>(out + ((<usize>o) << 2), v);
    }
    return;
  }
  const blocks = (inner + BLOCK - 1) / BLOCK;
  const stride = (<usize>inner) << 2;
  const last = min(outer * blocks, (chunk + 1) * size);
  for (let t = chunk * size; t < last; t++) {
    const o = t / blocks;
    const i0 = (t % blocks) * BLOCK;
    const src = x + ((<usize>o * <usize>len * <usize>inner + <usize>i0) << 2);
    const dst = out + ((<usize>o * <usize>inner + <usize>i0) << 2);
    if (i0 + BLOCK <= inner) {
      block(kind, src, stride, len, dst);
    } else {
      for (let i = 0; i < inner - i0; i++) {
        store<f32>(dst + ((<usize>i) << 2), lane(kind, src + ((<usize>i) << 2), stride, len));
      }
    }
  }
}
