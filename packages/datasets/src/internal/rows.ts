import { type DType, Tensor, type TypedArray } from "@neurite/tensor";

/** Elements per sample (product of all axes but the first). */
export function rowSize(x: Tensor): number {
  let s = 1;
  for (let i = 1; i < x.rank; i++) s *= x.shape[i]!;
  return s;
}

/** A new zero-filled typed array of `dtype`. */
export function allocate(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case "float64":
      return new Float64Array(size);
    case "int32":
      return new Int32Array(size);
    default:
      return new Float32Array(size);
  }
}

/**
 * Copies the samples `idx[start..end)` of `x` (rows along the first axis) into
 * `out`, which must hold `(end - start) * rowSize(x)` elements of x's dtype.
 */
export function copyRows(
  x: Tensor,
  idx: ArrayLike<number>,
  start: number,
  end: number,
  out: TypedArray,
): void {
  const w = rowSize(x);
  const src = x.data;
  if (w === 1) {
    for (let i = start; i < end; i++) out[i - start] = src[idx[i]!]!;
    return;
  }
  for (let i = start; i < end; i++) {
    const r = idx[i]!;
    out.set(src.subarray(r * w, r * w + w), (i - start) * w);
  }
}

/** A new tensor with the samples `idx` of `x`, in that order. */
export function takeRows(x: Tensor, idx: ArrayLike<number>): Tensor {
  const out = allocate(x.dtype, idx.length * rowSize(x));
  copyRows(x, idx, 0, idx.length, out);
  return new Tensor(out, [idx.length, ...x.shape.slice(1)]);
}
