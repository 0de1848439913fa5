// The 4x8 micro-kernel: C[0:4, 0:8] (+)= Apanel · Bpanel over kc steps.
//
// Eight f32x4 accumulators stay in registers; per k step it does two vector
// loads of B, four broadcast loads of A and 8 multiply-adds: fused
// (f32x4.relaxed_madd, one rounding) in the relaxed-SIMD builds, about a third
// faster on x64 with FMA; mul + add (two roundings) in the others. Profiled against
// 5x8, 6x8, 3x12, 4x12 and 2x16 variants (and k unrolled by 2 and 4) in V8's
// x64 code: 4x8 without unrolling was fastest (about 38 GFLOPS on one core of
// the bench machine with the panels in L1) because the larger tiles spill.

/** c + a·b: compiled as one fused multiply-add in the relaxed-SIMD builds (a compile-time branch; -O3 inlines it). */
function fma(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/**
 * `c` points at C[0, 0] with rows `ldc` bytes apart. With `first`, C is
 * overwritten; otherwise the product is added to it.
 */

export function micro4x8(a: usize, b: usize, c: usize, ldc: usize, kc: i32, first: bool): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const a0 = v128.load32_splat(a);
    c00 = fma(a0, b0, c00);
    c01 = fma(a0, b1, c01);
    const a1 = v128.load32_splat(a, 4);
    c10 = fma(a1, b0, c10);
    c11 = fma(a1, b1, c11);
    const a2 = v128.load32_splat(a, 8);
    c20 = fma(a2, b0, c20);
    c21 = fma(a2, b1, c21);
    const a3 = v128.load32_splat(a, 12);
    c30 = fma(a3, b0, c30);
    c31 = fma(a3, b1, c31);
    a += 16;
    b += 32;
  }
  const r1 = c + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  if (!first) {
    c00 = f32x4.add(v128.load(c), c00);
    c01 = f32x4.add(v128.load(c, 16), c01);
    c10 = f32x4.add(v128.load(r1), c10);
    c11 = f32x4.add(v128.load(r1, 16), c11);
    c20 = f32x4.add(v128.load(r2), c20);
    c21 = f32x4.add(v128.load(r2, 16), c21);
    c30 = f32x4.add(v128.load(r3), c30);
    c31 = f32x4.add(v128.load(r3, 16), c31);
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(r1, c10);
  v128.store(r1, c11, 16);
  v128.store(r2, c20);
  v128.store(r2, c21, 16);
  v128.store(r3, c30);
  v128.store(r3, c31, 16);
}
