import { allocate, assertDType, type DType } from "../dtype.js";
import { DTypeError, describe, fmtShape, ShapeError, ValueError } from "../errors.js";
import { normalizeAxis, sizeOf, splitAtAxis, stridesOf } from "../shape.js";
import { assertTensor, Tensor } from "../tensor.js";

/**
 * A sub-block of `x`: along axis i it starts at `begin[i]` (negative counts from
 * the end) and takes `size[i]` entries (-1 or omitted: to the end). Axes beyond
 * `begin.length` are taken whole. Copies.
 * @throws ShapeError for a range outside the tensor
 * @example
 * ```ts
 * const x = arange(12).reshape([3, 4]);
 * x.slice([1, 1], [2, 2]).toArray(); // [[5, 6], [9, 10]]
 * x.slice([-1]).toArray();           // [[8, 9, 10, 11]]
 * ```
 */
export function slice(x: Tensor, begin: readonly number[], size?: readonly number[]): Tensor {
  assertTensor("slice", "x", x);
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
    if (b < 0 || b > dim) {
      throw new ShapeError(
        "slice",
        "begin",
        `start ${begin[i]} is outside axis ${i} of size ${dim} (shape ${fmtShape(x.shape)})`,
      );
    }
    const s = size?.[i] ?? -1;
    const len = s === -1 ? dim - b : s;
    if (!Number.isInteger(len) || len < 0 || b + len > dim) {
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
  let data: ArrayLike<number>;
  let shape: number[];
  if (indices instanceof Tensor) {
    if (indices.dtype !== "int32")
      throw new DTypeError(op, "indices", `expected an int32 tensor, got ${indices.dtype}`);
    data = indices.data;
    shape = indices.shape.slice();
  } else if (Array.isArray(indices)) {
    data = indices;
    shape = [indices.length];
    indices.forEach((v, i) => {
      if (!Number.isInteger(v))
        throw new ValueError(op, "indices", `indices[${i}] = ${describe(v)} is not an integer`);
    });
  } else {
    throw new DTypeError(
      op,
      "indices",
      `expected an int32 Tensor or an array of integers, got ${describe(indices)}`,
    );
  }
  // Range-check the original values: converting first would wrap 2^32 to 0.
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
 * with that axis replaced by the indices' shape. Negative indices count from
 * the end.
 * @throws DTypeError for indices that are not int32 (or an array of integers)
 * @throws ValueError for an index outside the axis
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4], [5, 6]]);
 * gather(x, [2, 0]).toArray();    // [[5, 6], [1, 2]]
 * gather(x, [1], 1).toArray();    // [[2], [4], [6]]
 * ```
 */
export function gather(x: Tensor, indices: Tensor | readonly number[], axis = 0): Tensor {
  assertTensor("gather", "x", x);
  if (x.rank === 0) throw new ShapeError("gather", "x", "cannot gather from a scalar");
  const a = normalizeAxis("gather", axis, x.rank);
  const [outer, dim, inner] = splitAtAxis(x.shape, a);
  const idx = checkIndices("gather", indices, dim);
  const n = idx.data.length;
  const out = allocate(x.dtype, outer * n * inner);
  const src = x.data;
  const ix = idx.data;
  for (let o = 0; o < outer; o++) {
    if (inner === 1) {
      // Single elements: a plain loop (a subarray per element would allocate).
      const base = o * dim;
      for (let j = 0; j < n; j++) out[o * n + j] = src[base + ix[j]!]!;
      continue;
    }
    for (let j = 0; j < n; j++) {
      const s = (o * dim + ix[j]!) * inner;
      out.set(src.subarray(s, s + inner), (o * n + j) * inner);
    }
  }
  return new Tensor(out, [...x.shape.slice(0, a), ...idx.shape, ...x.shape.slice(a + 1)]);
}

/** Alias of {@link gather}, with NumPy's name `take`. */
export const take = gather;

/**
 * One-hot encoding of integer class labels: shape `[...labels.shape, depth]`,
 * 1 at each label, 0 elsewhere.
 * @throws ValueError for a label outside `[0, depth)` or a depth that is not a positive integer
 * @example
 * ```ts
 * oneHot([0, 2], 3).toArray(); // [[1, 0, 0], [0, 0, 1]]
 * ```
 */
export function oneHot(
  labels: Tensor | readonly number[],
  depth: number,
  dtype: DType = "float32",
): Tensor {
  assertDType("oneHot", dtype);
  if (!Number.isInteger(depth) || depth <= 0)
    throw new ValueError("oneHot", "depth", `expected a positive integer, got ${describe(depth)}`);
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
    throw new DTypeError(
      "oneHot",
      "labels",
      `expected an int32 Tensor or an array of integers, got ${describe(labels)}`,
    );
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
