import type { TypedArray } from "../../dtype.js";
import { grown } from "./scratch.js";

// Register-blocked, cache-tiled matrix product in plain TypeScript.
//
// Both operands are first packed (as float64) into panels of 4 rows of op(A)
// or 4 columns of op(B), laid out so that the 4x4 micro-kernel reads two
// contiguous streams and keeps its 16 accumulators in locals. Packing absorbs
// every transpose variant, so A·B, A·Bᵀ, Aᵀ·B and Aᵀ·Bᵀ all run the same inner
// loop, and it reads the source row by row whatever the layout. The k
// dimension is cut into blocks of KC so a block of one A panel (8 KB) stays in
// L1 while it meets NC_PANELS B panels (128 KB, L2). Products with a single
// row or column (matrix·vector) skip packing and run dot/axpy loops instead.

const MR = 4;
const NR = 4;
const KC = 256;
const NC_PANELS = 16;

// Grow-only scratch buffers: the kernel allocates nothing in steady state.
let packA: Float64Array = new Float64Array(0);
let packB: Float64Array = new Float64Array(0);
let vecAcc: Float64Array = new Float64Array(0);

/**
 * Packs a `rows x k` operand into panels of `P` rows: `dst[(panel*k + p)*P + r]`.
 * `colMajor` means the operand is stored `[k, rows]` (element (r, p) at `p*rows + r`),
 * otherwise `[rows, k]`. Rows past the end are zero-filled.
 */
function pack(
  src: TypedArray,
  off: number,
  rows: number,
  k: number,
  colMajor: boolean,
  dst: Float64Array,
): void {
  const panels = Math.ceil(rows / 4);
  for (let ib = 0; ib < panels; ib++) {
    const base = ib * k * 4;
    const r0 = ib * 4;
    const live = Math.min(4, rows - r0);
    if (colMajor) {
      // Each p contributes `live` consecutive source values: one contiguous read.
      for (let p = 0; p < k; p++) {
        const s = off + p * rows + r0;
        const d = base + p * 4;
        for (let r = 0; r < live; r++) dst[d + r] = src[s + r]!;
        for (let r = live; r < 4; r++) dst[d + r] = 0;
      }
    } else {
      // Each of the 4 rows is a contiguous source run of k values.
      for (let r = 0; r < 4; r++) {
        if (r >= live) {
          for (let p = 0; p < k; p++) dst[base + p * 4 + r] = 0;
          continue;
        }
        const s = off + (r0 + r) * k;
        for (let p = 0; p < k; p++) dst[base + p * 4 + r] = src[s + p]!;
      }
    }
  }
}

/**
 * `out[i] = Σ_p M[i, p] · v[p]` for `i < rows`, `p < k`, where `M` is stored
 * `[rows, k]`, or `[k, rows]` when `colMajor`. Accumulates in float64.
 */
function gemv(
  mat: TypedArray,
  mOff: number,
  v: TypedArray,
  vOff: number,
  out: TypedArray,
  oOff: number,
  rows: number,
  k: number,
  colMajor: boolean,
): void {
  if (!colMajor) {
    for (let i = 0; i < rows; i++) {
      const row = mOff + i * k;
      let s0 = 0;
      let s1 = 0;
      let p = 0;
      for (; p + 1 < k; p += 2) {
        s0 += mat[row + p]! * v[vOff + p]!;
        s1 += mat[row + p + 1]! * v[vOff + p + 1]!;
      }
      if (p < k) s0 += mat[row + p]! * v[vOff + p]!;
      out[oOff + i] = s0 + s1;
    }
    return;
  }
  vecAcc = grown(vecAcc, rows);
  const acc = vecAcc;
  acc.fill(0, 0, rows);
  for (let p = 0; p < k; p++) {
    const vp = v[vOff + p]!;
    const row = mOff + p * rows;
    for (let i = 0; i < rows; i++) acc[i]! += mat[row + i]! * vp;
  }
  for (let i = 0; i < rows; i++) out[oOff + i] = acc[i]!;
}

/**
 * Products up to this many multiply-adds skip packing: packing costs more
 * than it saves on the book's tiny layers (5 x 13 x 20).
 */
const DIRECT_MAX = 8192;

/**
 * `out = op(A)·op(B)` without packing, for small products with `k <= KC`: the
 * same float64 sums, in the same order, as the packed micro-kernel's single
 * block, so the results are identical bit for bit.
 */
function direct(
  a: TypedArray,
  aOffset: number,
  b: TypedArray,
  bOffset: number,
  out: TypedArray,
  outOffset: number,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  // Element (i, p) of op(A) is at aOffset + i·ai + p·ap; (p, j) of op(B) at bOffset + p·bp + j·bj.
  const ai = transA ? 1 : k;
  const ap = transA ? m : 1;
  const bp = transB ? 1 : n;
  const bj = transB ? k : 1;
  for (let i = 0; i < m; i++) {
    const aRow = aOffset + i * ai;
    const o = outOffset + i * n;
    for (let j = 0; j < n; j++) {
      let s = 0;
      let x = aRow;
      let y = bOffset + j * bj;
      for (let p = 0; p < k; p++) {
        s += a[x]! * b[y]!;
        x += ap;
        y += bp;
      }
      out[o + j] = s;
    }
  }
}

/** Reference matrix product; see {@link Kernels.matmul}. */
export function matmul(
  a: TypedArray,
  aOffset: number,
  b: TypedArray,
  bOffset: number,
  out: TypedArray,
  outOffset: number,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    out.fill(0, outOffset, outOffset + m * n);
    return;
  }
  if (n === 1) {
    // op(B) is one column: b[bOffset + p] in either layout.
    gemv(a, aOffset, b, bOffset, out, outOffset, m, k, transA);
    return;
  }
  if (m === 1) {
    // out[j] = Σ_p a[p]·op(B)[p, j]: op(B)ᵀ is [n, k], stored row-major when transB.
    gemv(b, bOffset, a, aOffset, out, outOffset, n, k, !transB);
    return;
  }
  if (k <= KC && m * n * k <= DIRECT_MAX) {
    direct(a, aOffset, b, bOffset, out, outOffset, m, k, n, transA, transB);
    return;
  }
  const mPanels = Math.ceil(m / MR);
  const nPanels = Math.ceil(n / NR);
  packA = grown(packA, mPanels * MR * k);
  packB = grown(packB, nPanels * NR * k);
  const pa = packA;
  const pb = packB;
  pack(a, aOffset, m, k, transA, pa); // op(A) rows; A stored [k, m] when transposed
  pack(b, bOffset, n, k, !transB, pb); // op(B) columns = rows of op(B)ᵀ, stored [n, k] when transB

  for (let pc = 0; pc < k; pc += KC) {
    const pEnd = Math.min(k, pc + KC);
    const first = pc === 0;
    for (let jc = 0; jc < nPanels; jc += NC_PANELS) {
      const jEnd = Math.min(nPanels, jc + NC_PANELS);
      for (let ib = 0; ib < mPanels; ib++) {
        const aBase = ib * k * MR;
        const i0 = ib * MR;
        const rows = Math.min(MR, m - i0);
        for (let jb = jc; jb < jEnd; jb++) {
          const bBase = jb * k * NR;
          let c00 = 0,
            c01 = 0,
            c02 = 0,
            c03 = 0;
          let c10 = 0,
            c11 = 0,
            c12 = 0,
            c13 = 0;
          let c20 = 0,
            c21 = 0,
            c22 = 0,
            c23 = 0;
          let c30 = 0,
            c31 = 0,
            c32 = 0,
            c33 = 0;
          let ap = aBase + pc * MR;
          let bp = bBase + pc * NR;
          for (let p = pc; p < pEnd; p++) {
            const a0 = pa[ap]!,
              a1 = pa[ap + 1]!,
              a2 = pa[ap + 2]!,
              a3 = pa[ap + 3]!;
            const b0 = pb[bp]!,
              b1 = pb[bp + 1]!,
              b2 = pb[bp + 2]!,
              b3 = pb[bp + 3]!;
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
            ap += MR;
            bp += NR;
          }
          const j0 = jb * NR;
          const o = outOffset + i0 * n + j0;
          if (rows === MR && n - j0 >= NR) {
            // Full tile: straight stores (first k block) or accumulation.
            if (first) {
              out[o] = c00;
              out[o + 1] = c01;
              out[o + 2] = c02;
              out[o + 3] = c03;
              out[o + n] = c10;
              out[o + n + 1] = c11;
              out[o + n + 2] = c12;
              out[o + n + 3] = c13;
              out[o + 2 * n] = c20;
              out[o + 2 * n + 1] = c21;
              out[o + 2 * n + 2] = c22;
              out[o + 2 * n + 3] = c23;
              out[o + 3 * n] = c30;
              out[o + 3 * n + 1] = c31;
              out[o + 3 * n + 2] = c32;
              out[o + 3 * n + 3] = c33;
            } else {
              out[o] += c00;
              out[o + 1] += c01;
              out[o + 2] += c02;
              out[o + 3] += c03;
              out[o + n] += c10;
              out[o + n + 1] += c11;
              out[o + n + 2] += c12;
              out[o + n + 3] += c13;
              out[o + 2 * n] += c20;
              out[o + 2 * n + 1] += c21;
              out[o + 2 * n + 2] += c22;
              out[o + 2 * n + 3] += c23;
              out[o + 3 * n] += c30;
              out[o + 3 * n + 1] += c31;
              out[o + 3 * n + 2] += c32;
              out[o + 3 * n + 3] += c33;
            }
            continue;
          }
          // Edge tile: store only the rows and columns inside the matrix.
          const cols = Math.min(NR, n - j0);
          edge(out, o, n, rows, cols, first, 0, c00, c01, c02, c03);
          edge(out, o, n, rows, cols, first, 1, c10, c11, c12, c13);
          edge(out, o, n, rows, cols, first, 2, c20, c21, c22, c23);
          edge(out, o, n, rows, cols, first, 3, c30, c31, c32, c33);
        }
      }
    }
  }
}

/** Stores row `r` of an edge tile (only `cols` columns, nothing if `r >= rows`). */
function edge(
  out: TypedArray,
  o: number,
  n: number,
  rows: number,
  cols: number,
  first: boolean,
  r: number,
  v0: number,
  v1: number,
  v2: number,
  v3: number,
): void {
  if (r >= rows) return;
  const p = o + r * n;
  if (first) {
    out[p] = v0;
    if (cols > 1) out[p + 1] = v1;
    if (cols > 2) out[p + 2] = v2;
    if (cols > 3) out[p + 3] = v3;
  } else {
    out[p] += v0;
    if (cols > 1) out[p + 1] += v1;
    if (cols > 2) out[p + 2] += v2;
    if (cols > 3) out[p + 3] += v3;
  }
}
