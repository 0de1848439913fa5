// Matrix product C[m, n] = op(A)[m, k] · op(B)[k, n] in float32.
//
// Phase 1 packs A into 4-row panels and B into 8-column panels (chunks of
// panels are shared out between threads). Phase 2 computes C in blocks of
// (rowPanels x colPanels) panels per chunk. Inside a block, k is cut into
// slices of KC so the 8-column B micro-panel in use (KC x 8 floats) stays in
// L1 while the 4-row A micro-panels stream from L2; C is written on the first
// slice and accumulated on the next ones.

import { param } from "./layout";
import { micro4x8 } from "./micro";
import { packLines, packSpans } from "./pack";

const MR = 4;
const NR = 8;

// Parameter slots (see the loader's matmul wrapper, which writes them).
const A = 0;
const B = 1;
const C = 2;
const M = 3;
const K = 4;
const N = 5;
const FLAGS = 6;
const PACK_A = 7;
const PACK_B = 8;
const M_PANELS = 9;
const N_PANELS = 10;
const A_CHUNKS = 11;
const A_PANELS_PER_CHUNK = 12;
const B_PANELS_PER_CHUNK = 13;
const ROW_PANELS_PER_CHUNK = 14;
const COL_PANELS_PER_CHUNK = 15;
const COL_CHUNKS = 16;
const KC = 17;

/** Phase 1: packs one chunk of A panels or of B panels. */
export function matmulPack(ctl: usize, chunk: i32): void {
  const m = param(ctl, M);
  const k = param(ctl, K);
  const n = param(ctl, N);
  const flags = param(ctl, FLAGS);
  const transA = (flags & 1) !== 0;
  const transB = (flags & 2) !== 0;
  const aChunks = param(ctl, A_CHUNKS);
  const kBytes = (<usize>k) << 2;
  if (chunk < aChunks) {
    const per = param(ctl, A_PANELS_PER_CHUNK);
    const first = chunk * per;
    const last = min(first + per, param(ctl, M_PANELS));
    const a = <usize>param(ctl, A);
    const dst = <usize>param(ctl, PACK_A);
    const panelBytes = kBytes * MR;
    if (transA) {
      // A stored [k, m]: the chunk's rows are contiguous at each k step.
      const i0 = first * MR;
      const rows = min(last * MR, m) - i0;
      const src = a + ((<usize>i0) << 2);
      packSpans(src, (<usize>m) << 2, rows, k, MR, dst + <usize>first * panelBytes, panelBytes);
    } else {
      for (let panel = first; panel < last; panel++) {
        const i0 = panel * MR;
        const d = dst + <usize>panel * panelBytes;
        packLines(a + <usize>i0 * kBytes, kBytes, min(MR, m - i0), k, MR, d);
      }
    }
  } else {
    const per = param(ctl, B_PANELS_PER_CHUNK);
    const first = (chunk - aChunks) * per;
    const last = min(first + per, param(ctl, N_PANELS));
    const b = <usize>param(ctl, B);
    const dst = <usize>param(ctl, PACK_B);
    const panelBytes = kBytes * NR;
    if (transB) {
      for (let panel = first; panel < last; panel++) {
        const j0 = panel * NR;
        const d = dst + <usize>panel * panelBytes;
        packLines(b + <usize>j0 * kBytes, kBytes, min(NR, n - j0), k, NR, d);
      }
    } else {
      // B stored [k, n]: the chunk's columns are contiguous at each k step.
      const j0 = first * NR;
      const cols = min(last * NR, n) - j0;
      const src = b + ((<usize>j0) << 2);
      packSpans(src, (<usize>n) << 2, cols, k, NR, dst + <usize>first * panelBytes, panelBytes);
    }
  }
}

/** Adds (or, on the first k slice, copies) the valid part of a 4x8 tile into C. */
function storeEdge(tile: usize, c: usize, ldc: usize, rows: i32, cols: i32, first: bool): void {
  for (let r = 0; r < rows; r++) {
    const src = tile + ((<usize>r) << 5);
    const dst = c + <usize>r * ldc;
    for (let j = 0; j < cols; j++) {
      const o = (<usize>j) << 2;
      const v = load<f32>(src + o);
      store<f32>(dst + o, first ? v : load<f32>(dst + o) + v);
    }
  }
}

/** Phase 2: computes one block of C from the packed panels. */
export function matmulBlock(ctl: usize, chunk: i32, scratch: usize): void {
  const m = param(ctl, M);
  const k = param(ctl, K);
  const n = param(ctl, N);
  const kc = param(ctl, KC);
  const colChunks = param(ctl, COL_CHUNKS);
  const rowPer = param(ctl, ROW_PANELS_PER_CHUNK);
  const colPer = param(ctl, COL_PANELS_PER_CHUNK);
  const rowFirst = (chunk / colChunks) * rowPer;
  const rowLast = min(rowFirst + rowPer, param(ctl, M_PANELS));
  const colFirst = (chunk % colChunks) * colPer;
  const colLast = min(colFirst + colPer, param(ctl, N_PANELS));
  const packA = <usize>param(ctl, PACK_A);
  const packB = <usize>param(ctl, PACK_B);
  const c = <usize>param(ctl, C);
  const ldc = (<usize>n) << 2;
  for (let p0 = 0; p0 < k; p0 += kc) {
    const len = min(kc, k - p0);
    const first = p0 === 0;
    for (let jp = colFirst; jp < colLast; jp++) {
      const bp = packB + ((<usize>jp * <usize>k + <usize>p0) << 5);
      const j0 = jp * NR;
      const cols = min(NR, n - j0);
      for (let ip = rowFirst; ip < rowLast; ip++) {
        const ap = packA + ((<usize>ip * <usize>k + <usize>p0) << 4);
        const i0 = ip * MR;
        const rows = min(MR, m - i0);
        const cp = c + <usize>i0 * ldc + ((<usize>j0) << 2);
        if (rows === MR && cols === NR) {
          micro4x8(ap, bp, cp, ldc, len, first);
        } else {
          micro4x8(ap, bp, scratch, 32, len, true);
          storeEdge(scratch, cp, ldc, rows, cols, first);
        }
      }
    }
  }
}
