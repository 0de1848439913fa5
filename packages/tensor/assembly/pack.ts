// Packing of matmul operands into panels the micro-kernel reads as two
// contiguous streams. A panel holds MR = 4 rows of op(A) or NR = 8 columns of
// op(B) for the whole k range, k-major: element (r, p) of an A panel is at
// float offset p * 4 + r, element (p, c) of a B panel at p * 8 + c. Rows or
// columns past the matrix edge are zero. Transposed operands are packed with
// 4x4 register transposes, so every transpose variant feeds the same kernel.

/** Transposes the 4x4 block whose rows start at r0..r3 into dst, dst + step, ... (4 columns). */
function transpose4(r0: usize, r1: usize, r2: usize, r3: usize, dst: usize, step: usize): void {
  const x0 = v128.load(r0);
  const x1 = v128.load(r1);
  const x2 = v128.load(r2);
  const x3 = v128.load(r3);
  const t0 = v128.shuffle<i32>(x0, x1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(x0, x1, 2, 6, 3, 7);
  const t2 = v128.shuffle<i32>(x2, x3, 0, 4, 1, 5);
  const t3 = v128.shuffle<i32>(x2, x3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
  v128.store(dst + step, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * step, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * step, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7));
}

/**
 * Packs `count` lines (rows of a row-major matrix whose rows are `k` long, or
 * columns of one stored transposed) starting at `src` into a panel of `width`
 * lanes (4 or 8) at `dst`: dst[p * width + l] = line l, element p.
 * `lineStride` is the distance between lines in bytes. Missing lines are zero.
 */
export function packLines(
  src: usize,
  lineStride: usize,
  count: i32,
  k: i32,
  width: i32,
  dst: usize,
): void {
  const rowBytes = (<usize>width) << 2;
  let p = 0;
  if (count === width) {
    // Full panel: 4x4 transposes, one per group of 4 lines and 4 k steps.
    for (; p + 4 <= k; p += 4) {
      const s = src + ((<usize>p) << 2);
      const d = dst + <usize>p * rowBytes;
      for (let l = 0; l < width; l += 4) {
        const r = s + <usize>l * lineStride;
        transpose4(
          r,
          r + lineStride,
          r + 2 * lineStride,
          r + 3 * lineStride,
          d + ((<usize>l) << 2),
          rowBytes,
        );
      }
    }
  }
  for (; p < k; p++) {
    const d = dst + <usize>p * rowBytes;
    for (let l = 0; l < width; l++) {
      const v: f32 = l < count ? load<f32>(src + <usize>l * lineStride + ((<usize>p) << 2)) : 0;
      store<f32>(d + ((<usize>l) << 2), v);
    }
  }
}

/**
 * Packs a panel from a matrix whose `count` wanted lanes are contiguous at each
 * k step (columns of a row-major B, rows of an A stored transposed): dst[p *
 * width + l] = src[p * stepBytes + l]. Missing lanes are zero.
 */
export function packSpans(
  src: usize,
  stepBytes: usize,
  count: i32,
  k: i32,
  width: i32,
  dst: usize,
): void {
  const rowBytes = (<usize>width) << 2;
  if (count === width) {
    if (width === 8) {
      for (let p = 0; p < k; p++) {
        const s = src + <usize>p * stepBytes;
        const d = dst + <usize>p * 32;
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
      }
    } else {
      for (let p = 0; p < k; p++)
        v128.store(dst + ((<usize>p) << 4), v128.load(src + <usize>p * stepBytes));
    }
    return;
  }
  for (let p = 0; p < k; p++) {
    const s = src + <usize>p * stepBytes;
    const d = dst + <usize>p * rowBytes;
    for (let l = 0; l < width; l++) {
      const v: f32 = l < count ? load<f32>(s + ((<usize>l) << 2)) : 0;
      store<f32>(d + ((<usize>l) << 2), v);
    }
  }
}
