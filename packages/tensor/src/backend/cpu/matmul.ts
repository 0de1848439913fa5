import type { TypedArray } from "../../dtype.js";

// Register-blocked, cache-tiled matrix product in plain TypeScript.
//
// Both operands are first packed into panels of 4 rows (A) or 4 columns (B),
// laid out so that the 4x4 micro-kernel reads two contiguous streams and keeps
// its 16 accumulators in registers (as float64 locals). Packing also absorbs
// every transpose variant, so A·B, A·Bᵀ, Aᵀ·B and Aᵀ·Bᵀ all run the same fast
// loop. The k dimension is cut into blocks of KC and the columns into blocks of
// NC panels so the panels in use stay in L1/L2.

const MR = 4;
const NR = 4;
const KC = 256;
const NC_PANELS = 16;

// Grow-only scratch buffers: packing allocates nothing in steady state.
let packA: Float64Array = new Float64Array(0);
let packB: Float64Array = new Float64Array(0);
const tile = new Float64Array(MR * NR);

function scratch(current: Float64Array, size: number): Float64Array {
  return current.length >= size ? current : new Float64Array(Math.max(size, current.length * 2));
}

/** Packs op(A) (m x k) into row panels: packed[(panel*k + p)*MR + r]. */
function packRows(
  a: TypedArray,
  off: number,
  m: number,
  k: number,
  trans: boolean,
  dst: Float64Array,
): void {
  const panels = Math.ceil(m / MR);
  for (let ib = 0; ib < panels; ib++) {
    const base = ib * k * MR;
    for (let r = 0; r < MR; r++) {
      const i = ib * MR + r;
      if (i >= m) {
        for (let p = 0; p < k; p++) dst[base + p * MR + r] = 0;
      } else if (trans) {
        // A stored [k, m]
        for (let p = 0; p < k; p++) dst[base + p * MR + r] = a[off + p * m + i]!;
      } else {
        const row = off + i * k;
        for (let p = 0; p < k; p++) dst[base + p * MR + r] = a[row + p]!;
      }
    }
  }
}

/** Packs op(B) (k x n) into column panels: packed[(panel*k + p)*NR + c]. */
function packCols(
  b: TypedArray,
  off: number,
  k: number,
  n: number,
  trans: boolean,
  dst: Float64Array,
): void {
  const panels = Math.ceil(n / NR);
  for (let jb = 0; jb < panels; jb++) {
    const base = jb * k * NR;
    for (let c = 0; c < NR; c++) {
      const j = jb * NR + c;
      if (j >= n) {
        for (let p = 0; p < k; p++) dst[base + p * NR + c] = 0;
      } else if (trans) {
        // B stored [n, k]
        const row = off + j * k;
        for (let p = 0; p < k; p++) dst[base + p * NR + c] = b[row + p]!;
      } else {
        for (let p = 0; p < k; p++) dst[base + p * NR + c] = b[off + p * n + j]!;
      }
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
  const mPanels = Math.ceil(m / MR);
  const nPanels = Math.ceil(n / NR);
  packA = scratch(packA, mPanels * MR * k);
  packB = scratch(packB, nPanels * NR * k);
  const pa = packA;
  const pb = packB;
  packRows(a, aOffset, m, k, transA, pa);
  packCols(b, bOffset, k, n, transB, pb);

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
          const cols = Math.min(NR, n - j0);
          const acc = tile;
          acc[0] = c00;
          acc[1] = c01;
          acc[2] = c02;
          acc[3] = c03;
          acc[4] = c10;
          acc[5] = c11;
          acc[6] = c12;
          acc[7] = c13;
          acc[8] = c20;
          acc[9] = c21;
          acc[10] = c22;
          acc[11] = c23;
          acc[12] = c30;
          acc[13] = c31;
          acc[14] = c32;
          acc[15] = c33;
          for (let r = 0; r < rows; r++) {
            const o = outOffset + (i0 + r) * n + j0;
            for (let c = 0; c < cols; c++) {
              out[o + c] = first ? acc[r * 4 + c]! : out[o + c]! + acc[r * 4 + c]!;
            }
          }
        }
      }
    }
  }
}
