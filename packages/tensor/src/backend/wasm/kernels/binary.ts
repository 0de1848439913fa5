import type { BinaryOp, Kernels } from "../../kernels.js";
import { OP } from "../layout.js";
import { loadedRuntime } from "../runtime.js";
import { runTask, threadsFor, writeParams } from "../task.js";
import { BINARY_THREADS_MIN, BINARY_WASM_MIN } from "../thresholds.js";

/** Function ids of assembly/binary.ts; `pow` stays on the reference. */
const IDS: Partial<Record<BinaryOp, number>> = {
  add: 0,
  sub: 1,
  mul: 2,
  div: 3,
  maximum: 4,
  minimum: 5,
  eq: 6,
  ne: 7,
  gt: 8,
  ge: 9,
  lt: 10,
  le: 11,
};

/** How an operand maps onto the output viewed as [rows, cols] (ids of assembly/binary.ts). */
const FULL = 0;
const ROW = 1;
const COL = 2;
const SCALAR = 3;

/** Elements per chunk. */
const CHUNK = 16384;

/**
 * The layout of an operand with `strides` broadcast to `shape`: full
 * (row-major like the output), a row vector along the last axis, a column
 * (constant along the last axis, row-major over the others), a scalar, or -1
 * for any other pattern.
 */
export function operandLayout(strides: readonly number[], shape: readonly number[]): number {
  const rank = shape.length;
  let full = true;
  let zeroOuter = true;
  let colLike = true;
  let expected = 1;
  let expectedOuter = 1;
  for (let d = rank - 1; d >= 0; d--) {
    const size = shape[d]!;
    const s = strides[d]!;
    if (size === 1) continue;
    if (s !== expected) full = false;
    expected *= size;
    if (d === rank - 1) {
      if (s !== 0) colLike = false;
    } else {
      if (s !== 0) zeroOuter = false;
      if (s !== expectedOuter) colLike = false;
      expectedOuter *= size;
    }
  }
  const lastStride = rank > 0 && shape[rank - 1]! > 1 ? strides[rank - 1]! : 0;
  if (full) return FULL;
  if (zeroOuter && lastStride === 0) return SCALAR;
  if (zeroOuter && lastStride === 1) return ROW;
  if (colLike) return COL;
  return -1;
}

/** float32 broadcast binary functions in WebAssembly (see {@link Kernels.binary}). */
export const binary: Kernels["binary"] = (op, a, aStrides, b, bStrides, out, outShape) => {
  const rt = loadedRuntime();
  const id = IDS[op];
  const n = out.length;
  const la = operandLayout(aStrides, outShape);
  const lb = operandLayout(bStrides, outShape);
  if (
    !rt ||
    id === undefined ||
    n < BINARY_WASM_MIN ||
    la < 0 ||
    lb < 0 ||
    !(a instanceof Float32Array) ||
    !(b instanceof Float32Array) ||
    !(out instanceof Float32Array)
  ) {
    return false;
  }
  const flat = (la === FULL || la === SCALAR) && (lb === FULL || lb === SCALAR);
  const cols = flat ? n : (outShape[outShape.length - 1] ?? 1);
  const rows = n / cols;
  const arena = rt.arena;
  arena.reset();
  const pa = arena.alloc(a.length);
  const pb = arena.alloc(b.length);
  const po = arena.alloc(n);
  if (pa < 0 || pb < 0 || po < 0) {
    return false;
  }
  const f32 = arena.views().f32;
  f32.set(a, pa >> 2);
  f32.set(b, pb >> 2);
  const size = flat ? CHUNK : Math.max(1, Math.floor(CHUNK / cols));
  const chunks = Math.ceil((flat ? n : rows) / size);
  writeParams(rt, [id, pa, pb, po, la, lb, flat ? 1 : rows, cols, size]);
  runTask(rt, OP.binary, 0, chunks, threadsFor(rt, n, BINARY_THREADS_MIN, chunks));
  arena.copyOut(po, n, out);
};
