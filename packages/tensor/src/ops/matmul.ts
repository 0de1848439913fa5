import { kernels } from "../backend/registry.js";
import { allocate } from "../dtype.js";
import { DTypeError, describe, fmtShape, ShapeError, ValueError } from "../errors.js";
import { checkOptions, optionNames } from "../options.js";
import { broadcastShapes, sizeOf } from "../shape.js";
import { assertTensor, Tensor } from "../tensor.js";

/**
 * Options of {@link matmul}: read an operand transposed (its last two axes
 * swapped) without copying it. Autograd's backward pass uses these:
 * `dA = dY·Bᵀ` is `matmul(dY, B, { transposeB: true })`.
 */
export interface MatmulOptions {
  /** Use `a` with its last two axes swapped. */
  transposeA?: boolean;
  /** Use `b` with its last two axes swapped. */
  transposeB?: boolean;
}

const MATMUL_OPTIONS = optionNames<MatmulOptions>({ transposeA: true, transposeB: true });

/** A transpose flag: true, false or omitted (false). */
function flag(arg: string, v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v !== "boolean")
    throw new ValueError("matmul", arg, `expected true or false, got ${describe(v)}`);
  return v;
}

/**
 * Matrix product with NumPy semantics: `[m,k]·[k,n] → [m,n]`; a 1-D `b` is a
 * vector (`[m,k]·[k] → [m]`) and a 1-D `a` a row (`[k]·[k,n] → [n]`); leading
 * batch dimensions broadcast (`[B,m,k]·[k,n] → [B,m,n]`,
 * `[B,1,m,k]·[C,k,n] → [B,C,m,n]`). `transposeA` / `transposeB` read an operand
 * with its last two axes swapped, without copying it (ignored for 1-D operands).
 * The cpu reference accumulates in float64 for every dtype (a faster backend
 * may accumulate float32 in float32).
 *
 * @throws DTypeError when the operands' dtypes differ
 * @throws ShapeError for scalars, inner dimensions that differ, or batch dimensions that do not broadcast
 * @example
 * ```ts
 * const x = randn([32, 784], 0);
 * const w = randn([784, 128], 1);
 * matmul(x, w).shape;                          // [32, 128]
 * matmul(x, x, { transposeB: true }).shape;    // [32, 32]  (x·xᵀ)
 * ```
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  assertTensor("matmul", "a", a);
  assertTensor("matmul", "b", b);
  if (a.dtype !== b.dtype)
    throw new DTypeError(
      "matmul",
      "b",
      `operands have different dtypes: ${a.dtype} and ${b.dtype}`,
    );
  if (a.rank === 0 || b.rank === 0) {
    throw new ShapeError(
      "matmul",
      a.rank === 0 ? "a" : "b",
      `expected tensors of rank >= 1, got ${fmtShape(a.shape)} x ${fmtShape(b.shape)}`,
    );
  }
  checkOptions("matmul", options, MATMUL_OPTIONS);
  const transA = flag("transposeA", options.transposeA);
  const transB = flag("transposeB", options.transposeB);
  if (a.rank === 2 && b.rank === 2) {
    // The common case (dense layers and their gradients), without batch bookkeeping.
    const as = a.shape;
    const bs = b.shape;
    const m = transA ? as[1]! : as[0]!;
    const k = transA ? as[0]! : as[1]!;
    const kb = transB ? bs[1]! : bs[0]!;
    const n = transB ? bs[0]! : bs[1]!;
    if (k === kb) {
      const out = allocate(a.dtype, m * n);
      kernels().matmul(a.data, 0, b.data, 0, out, 0, m, k, n, transA, transB);
      return new Tensor(out, [m, n]);
    }
  }
  const aVec = a.rank === 1;
  const bVec = b.rank === 1;
  const aShape = aVec ? [1, a.shape[0]!] : a.shape;
  const bShape = bVec ? [b.shape[0]!, 1] : b.shape;
  const ar = aShape.length;
  const br = bShape.length;
  const m = transA && !aVec ? aShape[ar - 1]! : aShape[ar - 2]!;
  const k = transA && !aVec ? aShape[ar - 2]! : aShape[ar - 1]!;
  const kb = transB && !bVec ? bShape[br - 1]! : bShape[br - 2]!;
  const n = transB && !bVec ? bShape[br - 2]! : bShape[br - 1]!;
  if (k !== kb) {
    throw new ShapeError(
      "matmul",
      "b",
      `inner dimensions differ: ${fmtShape(a.shape)}${transA ? "ᵀ" : ""} x ${fmtShape(b.shape)}${transB ? "ᵀ" : ""} (${k} vs ${kb})`,
    );
  }
  const aBatch = aShape.slice(0, ar - 2);
  const bBatch = bShape.slice(0, br - 2);
  const batch = broadcastShapes("matmul", aBatch, bBatch, "b");
  const batchSize = sizeOf(batch);
  const out = allocate(a.dtype, batchSize * m * n);
  const shape = [...batch];
  if (!aVec) shape.push(m);
  if (!bVec) shape.push(n);
  const k_ = kernels();
  const aMat = m * k;
  const bMat = k * n;
  const aBatchSize = sizeOf(aBatch);
  const bBatchSize = sizeOf(bBatch);
  if (batchSize > 1 && bBatchSize === 1 && aBatchSize === batchSize && !(transA && !aVec)) {
    // One shared right operand and a stack of row-major left matrices: the
    // stack is one tall [batch·m, k] matrix, so a single call does it all.
    k_.matmul(a.data, 0, b.data, 0, out, 0, batchSize * m, k, n, false, transB && !bVec);
    return new Tensor(out, shape);
  }
  for (let i = 0; i < batchSize; i++) {
    const ai = batchIndex(i, batch, aBatch, aBatchSize);
    const bi = batchIndex(i, batch, bBatch, bBatchSize);
    k_.matmul(
      a.data,
      ai * aMat,
      b.data,
      bi * bMat,
      out,
      i * m * n,
      m,
      k,
      n,
      transA && !aVec,
      transB && !bVec,
    );
  }
  return new Tensor(out, shape);
}

/** Flat index into an operand's batch dims for output batch index `i`, honouring broadcasting. */
function batchIndex(
  i: number,
  outBatch: readonly number[],
  batch: readonly number[],
  batchSize: number,
): number {
  if (batchSize === 1) return 0;
  let idx = 0;
  let stride = 1;
  let rest = i;
  const off = outBatch.length - batch.length;
  for (let d = outBatch.length - 1; d >= 0; d--) {
    const coord = rest % outBatch[d]!;
    rest = Math.floor(rest / outBatch[d]!);
    if (d >= off) {
      const dim = batch[d - off]!;
      if (dim !== 1) idx += coord * stride;
      stride *= dim;
    }
  }
  return idx;
}
