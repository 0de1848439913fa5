import type { Kernels } from "../../kernels.js";
import { OP } from "../layout.js";
import { loadedRuntime, type WasmRuntime } from "../runtime.js";
import { runTask, threadsFor, writeParams } from "../task.js";
import { MATMUL_THREADS_MIN, MATMUL_WASM_MIN } from "../thresholds.js";

const MR = 4;
const NR = 8;
/**
 * k slice per pass over a block: the B micro-panel in use (KC x 8 floats, 16 KiB)
 * and an A micro-panel (8 KiB) stay in L1. 512 measured 3-8% faster than 256
 * at n = 512 and 1024 (128 and 384 were no better).
 */
const KC = 512;
/** Panels per phase-2 chunk: 16 x 4 rows by 32 x 8 columns of C. */
const ROW_PANELS = 16;
const COL_PANELS = 32;
/** Floats packed per phase-1 chunk. */
const PACK_CHUNK = 32768;

/**
 * float32 matrix product in WebAssembly (see {@link Kernels.matmul}); other
 * dtypes and small products go to the TypeScript reference.
 */
export const matmul: Kernels["matmul"] = (
  a,
  aOffset,
  b,
  bOffset,
  out,
  outOffset,
  m,
  k,
  n,
  transA,
  transB,
) => {
  const rt = loadedRuntime();
  const macs = m * k * n;
  if (
    !rt ||
    macs < MATMUL_WASM_MIN ||
    !(a instanceof Float32Array) ||
    !(b instanceof Float32Array) ||
    !(out instanceof Float32Array)
  ) {
    return false;
  }
  const arena = rt.arena;
  arena.reset();
  const pa = arena.alloc(m * k);
  const pb = arena.alloc(k * n);
  const pc = arena.alloc(m * n);
  if (pa < 0 || pb < 0 || pc < 0) {
    return false;
  }
  const f32 = arena.views().f32;
  f32.set(a.subarray(aOffset, aOffset + m * k), pa >> 2);
  f32.set(b.subarray(bOffset, bOffset + k * n), pb >> 2);
  if (!matmulInArena(rt, pa, pb, pc, m, k, n, transA, transB)) {
    return false;
  }
  arena.copyOut(pc, m * n, out, outOffset);
};

/**
 * `C = op(A)·op(B)` on operands already in the arena (byte addresses), with
 * the packed panels allocated after them. Returns false, having written
 * nothing, when memory cannot grow for the panels. Used by the matmul
 * kernel and by the fused dense kernels, whose operands stay in the arena
 * between the product and the elementwise passes.
 */
export function matmulInArena(
  rt: WasmRuntime,
  pa: number,
  pb: number,
  pc: number,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): boolean {
  const mPanels = Math.ceil(m / MR);
  const nPanels = Math.ceil(n / NR);
  const arena = rt.arena;
  const packA = arena.alloc(mPanels * MR * k);
  const packB = arena.alloc(nPanels * NR * k);
  if (packA < 0 || packB < 0) {
    return false;
  }
  const aPer = Math.max(1, Math.floor(PACK_CHUNK / (MR * k)));
  const bPer = Math.max(1, Math.floor(PACK_CHUNK / (NR * k)));
  const aChunks = Math.ceil(mPanels / aPer);
  const bChunks = Math.ceil(nPanels / bPer);
  // Blocks of at most 16 x 32 panels, smaller for small products so that two
  // threads still get a few chunks each.
  const rowPer = Math.max(1, Math.min(ROW_PANELS, Math.ceil(mPanels / 4)));
  const colPer = Math.max(1, Math.min(COL_PANELS, Math.ceil(nPanels / 2)));
  const rowChunks = Math.ceil(mPanels / rowPer);
  const colChunks = Math.ceil(nPanels / colPer);
  const chunks = rowChunks * colChunks;
  writeParams(rt, [
    pa,
    pb,
    pc,
    m,
    k,
    n,
    (transA ? 1 : 0) | (transB ? 2 : 0),
    packA,
    packB,
    mPanels,
    nPanels,
    aChunks,
    aPer,
    bPer,
    rowPer,
    colPer,
    colChunks,
    KC,
  ]);
  runTask(
    rt,
    OP.matmul,
    aChunks + bChunks,
    chunks,
    threadsFor(rt, m * k * n, MATMUL_THREADS_MIN, chunks),
  );
  return true;
}
