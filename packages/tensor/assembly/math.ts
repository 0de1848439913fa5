// Vectorised float32 exp, expm1 (for small arguments) and log.
//
// exp: x = n·ln2 + r with |r| <= ln2/2 (ln2 split in two for an exact r),
// e^r by its Taylor polynomial to degree 7 (truncation < 6e-9), then scaled by
// 2^n built in the exponent bits. log: x = 2^e·m with m in [√½, √2), then
// ln m = 2·atanh(s), s = (m-1)/(m+1), |s| < 0.172, by its odd series to s^11.
// Both stay within a few float32 ulps of the correctly rounded result.

const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.1219444e-4;
const LOG2E: f32 = <f32>Math.LOG2E;
// Beyond these, e^x overflows to +Infinity or underflows to 0 in float32.
const EXP_HI: f32 = 88.7228394;
// Below this e^x is under the smallest normal float32; results there are flushed to 0
// (the true value is below 1.2e-38, a difference no float32 tolerance sees).
const EXP_LO: f32 = -87.3365448;

/** Taylor polynomial of e^r - 1 - r, divided by r², to degree 5 (so e^r - 1 = r + r²·q). */
function expTail(r: v128): v128 {
  let q = f32x4.splat(1.0 / 5040.0);
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(1.0 / 720.0));
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(1.0 / 120.0));
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(1.0 / 24.0));
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(1.0 / 6.0));
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(0.5));
  return q;
}

/** e^x for four lanes; NaN stays NaN, large arguments give +Infinity or 0. */
export function expV(x: v128): v128 {
  // Clamp so 2^n stays a normal number; the exact limits are applied at the end.
  const xc = f32x4.pmax(f32x4.splat(EXP_LO), f32x4.pmin(f32x4.splat(EXP_HI), x));
  const n = f32x4.nearest(f32x4.mul(xc, f32x4.splat(LOG2E)));
  let r = f32x4.sub(xc, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  // e^r = 1 + r + r²·q
  const er = f32x4.add(f32x4.splat(1), f32x4.add(r, f32x4.mul(f32x4.mul(r, r), expTail(r))));
  // Build 2^n in two halves so n = 128 (e^88.7 is above 2^127) does not overflow.
  const ni = i32x4.trunc_sat_f32x4_s(n);
  const half = i32x4.shr_s(ni, 1);
  const s1 = i32x4.shl(i32x4.add(half, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(i32x4.sub(ni, half), i32x4.splat(127)), 23);
  let y = f32x4.mul(f32x4.mul(er, s1), s2);
  // Exact limits: overflow to +Infinity, underflow to 0 (subnormal results are flushed).
  y = v128.bitselect(f32x4.splat(Infinity), y, f32x4.gt(x, f32x4.splat(EXP_HI)));
  y = v128.andnot(y, f32x4.lt(x, f32x4.splat(EXP_LO)));
  // NaN in, NaN out (the clamp above turned NaN into a number).
  return v128.bitselect(x, y, f32x4.ne(x, x));
}

/** e^y - 1 for y <= 0, accurate near 0 (used by tanh). */
export function expm1Neg(y: v128): v128 {
  const small = f32x4.gt(y, f32x4.splat(-0.34));
  const viaPoly = f32x4.add(y, f32x4.mul(f32x4.mul(y, y), expTail(y)));
  const viaExp = f32x4.sub(expV(y), f32x4.splat(1));
  return v128.bitselect(viaPoly, viaExp, small);
}

const SQRT_HALF_BITS: i32 = 0x3f3504f3; // √½

/** Natural logarithm for four lanes: -Infinity at 0, NaN below 0, +Infinity at +Infinity. */
export function logV(x: v128): v128 {
  // Scale subnormal inputs up by 2^23 so their exponent field is meaningful.
  const tiny = f32x4.lt(x, f32x4.splat(1.17549435e-38));
  const xs = v128.bitselect(f32x4.mul(x, f32x4.splat(8388608.0)), x, tiny);
  const bits = xs;
  // Split x = 2^e · m with m in [√½, √2).
  const shifted = i32x4.sub(bits, i32x4.splat(SQRT_HALF_BITS));
  const e = i32x4.shr_s(shifted, 23);
  const mBits = i32x4.add(v128.and(shifted, i32x4.splat(0x007fffff)), i32x4.splat(SQRT_HALF_BITS));
  const m = mBits;
  let ef = f32x4.convert_i32x4_s(e);
  ef = f32x4.sub(ef, v128.and(f32x4.splat(23), tiny));
  const s = f32x4.div(f32x4.sub(m, f32x4.splat(1)), f32x4.add(m, f32x4.splat(1)));
  const s2 = f32x4.mul(s, s);
  let p = f32x4.splat(2.0 / 11.0);
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(2.0 / 9.0));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(2.0 / 7.0));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(2.0 / 5.0));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(2.0 / 3.0));
  // ln m = 2s + s·s²·p
  const lnm = f32x4.add(f32x4.add(s, s), f32x4.mul(f32x4.mul(s, s2), p));
  let y = f32x4.add(
    f32x4.add(f32x4.mul(ef, f32x4.splat(LN2_LO)), lnm),
    f32x4.mul(ef, f32x4.splat(LN2_HI)),
  );
  // Special values: 0 → -Infinity, negative → NaN, +Infinity → +Infinity, NaN → NaN.
  y = v128.bitselect(f32x4.splat(-Infinity), y, f32x4.eq(x, f32x4.splat(0)));
  y = v128.bitselect(f32x4.splat(NaN), y, f32x4.lt(x, f32x4.splat(0)));
  y = v128.bitselect(x, y, f32x4.eq(x, f32x4.splat(Infinity)));
  return v128.bitselect(x, y, f32x4.ne(x, x));
}
