import type { TypedArray } from "../../../dtype.js";
import type { Kernels } from "../../kernels.js";
import { OP } from "../layout.js";
import { residentAddress } from "../resident.js";
import { loadedRuntime } from "../runtime.js";
import { runTask, threadsFor, writeFloatParam, writeParams } from "../task.js";
import { DENSE_PASS_THREADS_MIN, MATMUL_WASM_MIN } from "../thresholds.js";
import { GRAD_READS_Y } from "./activation.js";
import { matmulInArena } from "./matmul.js";
import { UNARY_IDS } from "./unary.js";

/** The identity in assembly/dense.ts. */
const IDENTITY = -1;
/** Elements per forward-epilogue chunk, about (a multiple of 4 rows). */
const EPILOGUE_CHUNK = 16384;
/** Columns per backward chunk (a multiple of 4). */
const GRAD_COLS = 32;

/** True when every array given is float32. */
function allFloat32(...arrays: (TypedArray | null)[]): boolean {
  return arrays.every((a) => a === null || a instanceof Float32Array);
}

/**
 * The fused dense forward in WebAssembly (see {@link DenseKernels.denseForward}):
 * the product, then bias and activation in one pass over the arena, so only
 * `z` (when asked for) and `y` are copied out. float32, products of at least
 * {@link MATMUL_WASM_MIN} multiply-adds, and the activations assembly/unary.ts
 * has; the rest goes to the reference.
 */
export const denseForward: Kernels["denseForward"] = (
  x,
  kernel,
  bias,
  z,
  y,
  rows,
  inDim,
  units,
  op,
  p1,
  p2,
) => {
  const rt = loadedRuntime();
  const kind = op === null ? IDENTITY : UNARY_IDS[op];
  if (
    !rt ||
    kind === undefined ||
    rows * inDim * units < MATMUL_WASM_MIN ||
    !allFloat32(x, kernel, bias, z, y)
  ) {
    return false;
  }
  rt.arena.reset();
  const size = rows * units;
  const px = rt.arena.copyIn(x);
  const pk = rt.arena.copyIn(kernel);
  const pb = bias ? rt.arena.copyIn(bias) : 0;
  const pz = rt.arena.alloc(size);
  const py = kind === IDENTITY ? pz : rt.arena.alloc(size);
  if (px < 0 || pk < 0 || pb < 0 || pz < 0 || py < 0) return false;
  if (!matmulInArena(rt, px, pk, pz, rows, inDim, units, false, false)) return false;
  if (bias || kind !== IDENTITY) {
    // Whole groups of 4 rows per chunk keep each chunk's vectors inside it.
    const rowsPer = Math.max(4, Math.ceil(EPILOGUE_CHUNK / units / 4) * 4);
    const chunks = Math.ceil(rows / rowsPer);
    writeParams(rt, [pz, pb, py, rows, units, kind, 0, 0, rowsPer]);
    writeFloatParam(rt, 6, p1);
    writeFloatParam(rt, 7, p2);
    runTask(rt, OP.denseEpilogue, 0, chunks, threadsFor(rt, size, DENSE_PASS_THREADS_MIN, chunks));
  }
  if (z) rt.arena.copyOut(pz, size, z);
  rt.arena.copyOut(py, size, y);
};

/**
 * The fused dense backward in WebAssembly (see {@link DenseKernels.denseBackward}):
 * `dZ` and the float64 bias sums in one pass over the arena, then both
 * products on the `dZ` already there. Same limits as {@link denseForward};
 * activations: relu, leakyRelu, step, sign, sigmoid, tanh and the identity.
 */
export const denseBackward: Kernels["denseBackward"] = (
  g,
  x,
  kernel,
  z,
  y,
  dz,
  dx,
  dk,
  db,
  rows,
  inDim,
  units,
  op,
  p1,
) => {
  const rt = loadedRuntime();
  const readsY = op === null ? false : GRAD_READS_Y[op];
  if (
    !rt ||
    readsY === undefined ||
    rows * inDim * units < MATMUL_WASM_MIN ||
    !allFloat32(g, x, kernel, z, y, dz, dx, dk, db)
  ) {
    return false;
  }
  const kind = op === null ? IDENTITY : (UNARY_IDS[op] as number);
  rt.arena.reset();
  const size = rows * units;
  const pg = rt.arena.copyIn(g);
  const pin = kind === IDENTITY ? pg : rt.arena.copyIn(readsY ? y : z);
  const pdz = kind === IDENTITY ? pg : rt.arena.alloc(size);
  // The bias sums are float64: two float slots per column.
  const pdb = db ? rt.arena.alloc(units * 2) : 0;
  const pk = dx ? rt.arena.copyIn(kernel) : 0;
  const pdx = dx ? rt.arena.alloc(rows * inDim) : 0;
  const px = dk ? rt.arena.copyIn(x) : 0;
  // A resident dK (a recycled .grad buffer, see resident.ts) is written where it lies.
  const dkAt = dk ? residentAddress(dk as Float32Array) : -1;
  const pdk = dk ? (dkAt >= 0 ? dkAt : rt.arena.alloc(inDim * units)) : 0;
  if (pg < 0 || pin < 0 || pdz < 0 || pdb < 0 || pk < 0 || pdx < 0 || px < 0 || pdk < 0)
    return false;
  if (kind !== IDENTITY || db) {
    const chunks = Math.ceil(units / GRAD_COLS);
    writeParams(rt, [pg, pin, pdz, pdb, rows, units, kind, 0, GRAD_COLS]);
    writeFloatParam(rt, 7, p1);
    runTask(rt, OP.denseGrad, 0, chunks, threadsFor(rt, size, DENSE_PASS_THREADS_MIN, chunks));
  }
  if (dx && !matmulInArena(rt, pdz, pk, pdx, rows, units, inDim, false, true)) return false;
  if (dk && !matmulInArena(rt, px, pdz, pdk, inDim, rows, units, true, false)) return false;
  if (dz && kind !== IDENTITY) rt.arena.copyOut(pdz, size, dz);
  if (dx) rt.arena.copyOut(pdx, rows * inDim, dx);
  if (dk && dkAt < 0) rt.arena.copyOut(pdk, inDim * units, dk);
  if (db) db.set(rt.arena.f64(pdb, units));
};
