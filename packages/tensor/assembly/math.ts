// Vectorised float32 exp, expm1 (for small arguments) and log.
//
// exp: x = n·ln2 + r with |r| <= ln2/2 (ln2 split in two for an exact r),
// e^r by its Taylor polynomial to degree 7 (truncation < 6e-9), then scaled by
// 2^n built in the exponent bits. log: x = 2^e·m with m in [√½, √2), then
// ln m = 2·atanh(s), s = (m-1)/(m+1), |s| < 0.172, by its odd series to s^11.
// Measured within 1.0 (exp) and 1.8 (log) ulp of the correctly rounded result.
//
// The constants sit in a table in linear memory and are read with broadcast
// loads: V8 (x64) builds every v128.const in a loop from three instructions,
// a broadcast load is one.

// Beyond EXP_HI, e^x overflows to +Infinity in float32. Below EXP_LO it is under
// the smallest normal float32 and is flushed to 0 (a difference below 1.2e-38).
const EXP_HI: f32 = 88.7228394;
const EXP_LO: f32 = -87.3365448;

const F = memory.data<f32>([
  <f32>Math.LOG2E, // 0
  0.693359375, // 1: ln2, high part (exact in a few bits)
  -2.1219444e-4, // 2: ln2 - high part
  1.0 / 5040.0, // 3..8: Taylor coefficients of (e^r - 1 - r) / r²
  1.0 / 720.0,
  1.0 / 120.0,
  1.0 / 24.0,
  1.0 / 6.0,
  0.5,
  1.0, // 9
  EXP_HI, // 10
  EXP_LO, // 11
  Infinity, // 12
  12582912.0, // 13: 1.5·2^23, adding it leaves an integral float's value in the low bits
  -2.0, // 14
  2.0, // 15
  -0.34, // 16: below this, expm1 = exp - 1 loses nothing
  1.17549435e-38, // 17: smallest normal float32
  8388608.0, // 18: 2^23
  23.0, // 19
  2.0 / 11.0, // 20..24: series of atanh, times 2
  2.0 / 9.0,
  2.0 / 7.0,
  2.0 / 5.0,
  2.0 / 3.0,
  -Infinity, // 25
  NaN, // 26
  0.0, // 27
]);
const I = memory.data<i32>([
  0x4b400000, // 0: bits of 1.5·2^23
  127, // 1: exponent bias
  0x3f3504f3, // 2: bits of √½
  0x007fffff, // 3: mantissa mask
  0x80000000, // 4: sign bit
]);

/** Float constant `i` of the table, in all four lanes. */
function f(i: i32): v128 {
  return v128.load32_splat(F + ((<usize>i) << 2));
}

/** Integer constant `i` of the table, in all four lanes. */
function n(i: i32): v128 {
  return v128.load32_splat(I + ((<usize>i) << 2));
}

/** Taylor polynomial of e^r - 1 - r, divided by r², to degree 5 (so e^r - 1 = r + r²·q). */
function expTail(r: v128): v128 {
  let q = f(3);
  q = f32x4.add(f32x4.mul(q, r), f(4));
  q = f32x4.add(f32x4.mul(q, r), f(5));
  q = f32x4.add(f32x4.mul(q, r), f(6));
  q = f32x4.add(f32x4.mul(q, r), f(7));
  return f32x4.add(f32x4.mul(q, r), f(8));
}

/** e^x for four lanes; NaN stays NaN, large arguments give +Infinity or 0. */
export function expV(x: v128): v128 {
  // Clamp so 2^n stays a normal number (x first, so NaN passes through).
  const xc = f32x4.pmax(f32x4.pmin(x, f(10)), f(11));
  const k = f32x4.nearest(f32x4.mul(xc, f(0)));
  let r = f32x4.sub(xc, f32x4.mul(k, f(1)));
  r = f32x4.sub(r, f32x4.mul(k, f(2)));
  // e^r = 1 + r + r²·q
  const er = f32x4.add(f(9), f32x4.add(r, f32x4.mul(f32x4.mul(r, r), expTail(r))));
  // k as an integer (k is integral and small), then 2^k in two halves so that
  // k = 128 (e^88.7 is above 2^127) does not overflow the exponent field.
  const ki = i32x4.sub(f32x4.add(k, f(13)), n(0));
  const half = i32x4.shr_s(ki, 1);
  const s1 = i32x4.shl(i32x4.add(half, n(1)), 23);
  const s2 = i32x4.shl(i32x4.add(i32x4.sub(ki, half), n(1)), 23);
  const y = f32x4.mul(f32x4.mul(er, s1), s2);
  // Exact limits: overflow to +Infinity, underflow to 0.
  const big = v128.bitselect(f(12), y, f32x4.gt(x, f(10)));
  return v128.andnot(big, f32x4.lt(x, f(11)));
}

/** e^y - 1 for y <= 0, accurate near 0 (used by tanh). */
export function expm1Neg(y: v128): v128 {
  const viaPoly = f32x4.add(y, f32x4.mul(f32x4.mul(y, y), expTail(y)));
  const viaExp = f32x4.sub(expV(y), f(9));
  return v128.bitselect(viaPoly, viaExp, f32x4.gt(y, f(16)));
}

/** 1 / (1 + e^-x), computed from e^-|x| so it never overflows. */
export function sigmoidV(x: v128): v128 {
  const e = expV(f32x4.neg(f32x4.abs(x)));
  const s = f32x4.div(f(9), f32x4.add(f(9), e));
  return v128.bitselect(s, f32x4.mul(e, s), f32x4.ge(x, f(27)));
}

/** tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|)) with the sign of x. */
export function tanhV(x: v128): v128 {
  const em1 = expm1Neg(f32x4.mul(f32x4.abs(x), f(14)));
  const t = f32x4.div(f32x4.neg(em1), f32x4.add(f(15), em1));
  return v128.or(t, v128.and(x, n(4)));
}

/** Natural logarithm for four lanes: -Infinity at 0, NaN below 0, +Infinity at +Infinity. */
export function logV(x: v128): v128 {
  // Scale subnormal inputs up by 2^23 so their exponent field is meaningful.
  const tiny = f32x4.lt(x, f(17));
  const xs = v128.bitselect(f32x4.mul(x, f(18)), x, tiny);
  // Split x = 2^e · m with m in [√½, √2).
  const shifted = i32x4.sub(xs, n(2));
  const e = f32x4.sub(f32x4.convert_i32x4_s(i32x4.shr_s(shifted, 23)), v128.and(f(19), tiny));
  const m = i32x4.add(v128.and(shifted, n(3)), n(2));
  const s = f32x4.div(f32x4.sub(m, f(9)), f32x4.add(m, f(9)));
  const s2 = f32x4.mul(s, s);
  let p = f(20);
  p = f32x4.add(f32x4.mul(p, s2), f(21));
  p = f32x4.add(f32x4.mul(p, s2), f(22));
  p = f32x4.add(f32x4.mul(p, s2), f(23));
  p = f32x4.add(f32x4.mul(p, s2), f(24));
  // ln m = 2s + s·s²·p; ln x = e·ln2 + ln m, with ln2 in two parts.
  const lnm = f32x4.add(f32x4.add(s, s), f32x4.mul(f32x4.mul(s, s2), p));
  let y = f32x4.add(f32x4.add(f32x4.mul(e, f(2)), lnm), f32x4.mul(e, f(1)));
  // Special values: 0 → -Infinity, negative → NaN, +Infinity → +Infinity, NaN → NaN.
  y = v128.bitselect(f(25), y, f32x4.eq(x, f(27)));
  y = v128.bitselect(f(26), y, f32x4.lt(x, f(27)));
  y = v128.bitselect(x, y, f32x4.eq(x, f(12)));
  return v128.bitselect(x, y, f32x4.ne(x, x));
}
