import { allocate } from "../dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { normalizeAxis, sizeOf, stridesOf } from "../shape.js";
import { Tensor } from "../tensor.js";

/**
 * A sub-block of `x`: along axis i it starts at `begin[i]` (negative counts from
 * the end) and takes `size[i]` entries (-1 or omitted: to the end). Axes beyond
 * `begin.length` are taken whole. Copies.
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  if (!Array.isArray(begin) || begin.length > x.rank) {
    throw new ShapeError(
      "slice",
      "begin",
      `expected at most ${x.rank} starts for shape ${fmtShape(x.shape)}, got [${String(begin)}]`,
    );
  }
  if (size !== undefined && (!Array.isArray(size) || size.length > x.rank)) {
    throw new ShapeError(
      "slice",
      "size",
      `expected at most ${x.rank} sizes for shape ${fmtShape(x.shape)}, got [${String(size)}]`,
    );
  }
  const starts: number[] = [];
  const shape: number[] = [];
  for (let i = 0; i < x.rank; i++) {
    const dim = x.shape[i]!;
    let b = begin[i] ?? 0;
    if (!Number.isInteger(b))
      throw new ShapeError("slice", "begin", `expected integers, got [${begin.join(",")}]`);
    if (b < 0) b += dim;
    const s = size?.[i] ?? -1;
    const len = s === -1 ? dim - b : s;
    if (b < 0 || b > dim || !Number.isInteger(len) || len < 0 || b + len > dim) {
      throw new ShapeError(
        "slice",
        "size",
        `range start ${begin[i] ?? 0}, size ${s} is outside axis ${i} of size ${dim} (shape ${fmtShape(x.shape)})`,
      );
    }
    starts.push(b);
    shape.push(len);
  }
  const out = allocate(x.dtype, sizeOf(shape));
  if (out.length === 0) return new Tensor(out, shape);
  const inStrides = stridesOf(x.shape);
  const rank = x.rank;
  // Copy whole contiguous rows of the last axis at a time.
  const rowLen = rank === 0 ? 1 : shape[rank - 1]!;
  const rows = out.length / rowLen;
  const idx = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  for (let r = 0; r < rows; r++) {
    let src = 0;
    for (let d = 0; d < rank; d++)
      src += (starts[d]! + (d < rank - 1 ? idx[d]! : 0)) * inStrides[d]!;
    out.set(x.data.subarray(src, src + rowLen), r * rowLen);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]!++;
      if (idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return new Tensor(out, shape);
}

/** Checks and returns indices as an Int32Array, normalizing negatives against `dim`. */
function checkIndices(
  op: string,
  indices: Tensor | readonly number[],
  dim: number,
): { data: Int32Array; shape: number[] } {
  let data: Int32Array;
  let shape: number[];
  if (indices instanceof Tensor) {
    if (indices.dtype !== "int32")
      throw new DTypeError(op, "indices", `expected an int32 tensor, got ${indices.dtype}`);
    data = indices.data as Int32Array;
    shape = indices.shape.slice();
  } else if (Array.isArray(indices)) {
    data = Int32Array.from(indices);
    shape = [indices.length];
    indices.forEach((v, i) => {
      if (!Number.isInteger(v))
        throw new ValueError(op, "indices", `indices[${i}] = ${v} is not an integer`);
    });
  } else {
    throw new DTypeError(op, "indices", "expected an int32 Tensor or an array of integers");
  }
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < -dim || v >= dim)
      throw new ValueError(
        op,
        "indices",
        `index ${v} at position ${i} is out of range for an axis of size ${dim}`,
      );
    out[i] = v < 0 ? v + dim : v;
  }
  return { data: out, shape };
}

/**
 * Picks entries of `x` along `axis` (NumPy `take`): the result has `x`'s shape
 * with that axis replaced by the indices' shape.
 */
export function gather(x: Tensor, indices: Tensor | readonly number[], axis = 0): Tensor {
  const a = normalizeAxis("gather", axis, x.rank);
  const dim = x.shape[a]!;
  const idx = checkIndices("gather", indices, dim);
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < a; i++) outer *= x.shape[i]!;
  for (let i = a + 1; i < x.rank; i++) inner *= x.shape[i]!;
  const n = idx.data.length;
  const out = allocate(x.dtype, outer * n * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      const src = (o * dim + idx.data[j]!) * inner;
      out.set(x.data.subarray(src, src + inner), (o * n + j) * inner);
    }
  }
  return new Tensor(out, [...x.shape.slice(0, a), ...idx.shape, ...x.shape.slice(a + 1)]);
}

/** Alias of {@link gather}, with NumPy's name. */
export const take = gather;

/**
 * One-hot encoding of int32 class labels: shape `[...labels.shape, depth]`, 1 at
 * each label, 0 elsewhere. Labels outside `[0, depth)` are an error.
 */
export function oneHot(
  labels: Tensor | readonly number[],
  depth: number,
  dtype: "float32" | "float64" | "int32" = "float32",
): Tensor {
  if (!Number.isInteger(depth) || depth <= 0)
    throw new ValueError("oneHot", "depth", `expected a positive integer, got ${depth}`);
  let data: ArrayLike<number>;
  let shape: number[];
  if (labels instanceof Tensor) {
    if (labels.dtype !== "int32")
      throw new DTypeError("oneHot", "labels", `expected int32 labels, got ${labels.dtype}`);
    data = labels.data;
    shape = labels.shape.slice();
  } else if (Array.isArray(labels)) {
    data = labels;
    shape = [labels.length];
  } else
    throw new DTypeError("oneHot", "labels", "expected an int32 Tensor or an array of integers");
  const out = allocate(dtype, data.length * depth);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= depth) {
      throw new ValueError(
        "oneHot",
        "labels",
        `label ${v} at position ${i} is outside [0, ${depth})`,
      );
    }
    out[i * depth + v] = 1;
  }
  return new Tensor(out, [...shape, depth]);
}
