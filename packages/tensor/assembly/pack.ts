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

/** Panels filled together by {@link packSpans}: more write streams alias in L1. */
const GROUP = 8;

/**
 * Packs `count` lanes that are contiguous at each k step (columns of a
 * row-major B, rows of an A stored transposed) into consecutive panels of
 * `width` lanes, `panelBytes` apart: panel q gets dst_q[p * width + l] =
 * src[p * stepBytes + q * width + l]. The source is walked row by row for
 * groups of 8 panels, reading 8 panels' lanes at once (panel by panel, every k
 * step touched a new cache line and, for wide matrices, a new page; all panels
 * at once, their write streams alias in L1 when k is a power of two). Lanes
 * past `count` in the last panel are zero.
 */
export function packSpans(
  src: usize,
  stepBytes: usize,
  count: i32,
  k: i32,
  width: i32,
  dst: usize,
  panelBytes: usize,
): void {
  const rowBytes = (<usize>width) << 2;
  const panels = (count + width - 1) / width;
  for (let g = 0; g < panels; g += GROUP) {
    const end = min(panels, g + GROUP);
    const full = min(end, count / width);
    const gs = src + <usize>g * rowBytes;
    const gd = dst + <usize>g * panelBytes;
    for (let p = 0; p < k; p++) {
      const s = gs + <usize>p * stepBytes;
      const d = gd + <usize>p * rowBytes;
      if (width === 8) {
        for (let q = g; q < full; q++) {
          const sq = s + ((<usize>(q - g)) << 5);
          const dq = d + <usize>(q - g) * panelBytes;
          v128.store(dq, v128.load(sq));
          v128.store(dq, v128.load(sq, 16), 16);
        }
      } else {
        for (let q = g; q < full; q++) {
          v128.store(d + <usize>(q - g) * panelBytes, v128.load(s + ((<usize>(q - g)) << 4)));
        }
      }
      if (full < end) {
        // The last, partial panel: copy what exists, zero the rest.
        const rest = count - full * width;
        const sq = s + <usize>(full - g) * rowBytes;
        const dq = d + <usize>(full - g) * panelBytes;
        for (let l = 0; l < width; l++) {
          const v: f32 = l < rest ? load<f32>(sq + ((<usize>l) << 2)) : 0;
          store<f32>(dq + ((<usize>l) << 2), v);
        }
      }
    }
  }
}
