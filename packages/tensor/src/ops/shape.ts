import { allocate, type TypedArray } from "../dtype.js";
import { AxisError, DTypeError, describe, fmtShape, ShapeError } from "../errors.js";
import {
  broadcastShapes,
  broadcastStrides,
  checkShape,
  normalizeAxes,
  normalizeAxis,
  type Shape,
  sizeOf,
  stridesOf,
} from "../shape.js";
import { type Axis, assertTensor, type NestedArray, Tensor, viewOf } from "../tensor.js";

/**
 * Same data, new shape with the same number of elements; one dimension may be
 * -1 and is inferred. Shares storage with `x` (writes to one show in the other).
 * @throws ShapeError when the sizes differ or more than one dimension is -1
 * @example
 * ```ts
 * arange(6).reshape([2, -1]).shape; // [2, 3]
 * ```
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  assertTensor("reshape", "x", x);
  if (!Array.isArray(shape))
    throw new ShapeError(
      "reshape",
      "shape",
      `expected an array of integers, got ${describe(shape)}`,
    );
  const out = shape.slice();
  let infer = -1;
  let known = 1;
  for (let i = 0; i < out.length; i++) {
    const d = out[i]!;
    if (d === -1) {
      if (infer >= 0)
        throw new ShapeError(
          "reshape",
          "shape",
          `only one dimension may be -1, got ${fmtShape(shape)}`,
        );
      infer = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(
        "reshape",
        "shape",
        `expected non-negative integers or -1, got ${fmtShape(shape)}`,
      );
    } else known *= d;
  }
  if (infer >= 0) {
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(
        "reshape",
        "shape",
        `cannot reshape ${fmtShape(x.shape)} (${x.size} elements) to ${fmtShape(shape)}`,
      );
    }
    out[infer] = x.size / known;
  } else if (known !== x.size) {
    throw new ShapeError(
      "reshape",
      "shape",
      `cannot reshape ${fmtShape(x.shape)} (${x.size} elements) to ${fmtShape(shape)} (${known} elements)`,
    );
  }
  return viewOf(x, out);
}

/**
 * Permutes the axes: axis `i` of the result is axis `perm[i]` of `x` (negative
 * entries allowed). Reverses the axes when `perm` is omitted. Copies into
 * row-major order.
 * @throws AxisError unless `perm` is a permutation of the axes
 * @example
 * ```ts
 * zeros([2, 3, 4]).transpose([2, 0, 1]).shape; // [4, 2, 3]
 * ```
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  assertTensor("transpose", "x", x);
  if (perm !== undefined && !Array.isArray(perm))
    throw new AxisError("transpose", "perm", `expected an array of axes, got ${describe(perm)}`);
  const rank = x.rank;
  const p = perm
    ? perm.map((a) => normalizeAxis("transpose", a, rank, "perm"))
    : [...Array(rank).keys()].reverse();
  if (p.length !== rank || new Set(p).size !== rank) {
    throw new AxisError(
      "transpose",
      "perm",
      `expected a permutation of ${rank} axes, got [${perm?.join(",")}]`,
    );
  }
  const shape = p.map((a) => x.shape[a]!);
  const inStrides = stridesOf(x.shape);
  const strides = p.map((a) => inStrides[a]!);
  const out = allocate(x.dtype, x.size);
  if (rank === 2) {
    // Common case: a matrix. Blocked so both sides stay in cache.
    const rows = shape[0]!;
    const cols = shape[1]!;
    const rs = strides[0]!;
    const cs = strides[1]!;
    const src = x.data;
    const B = 32;
    for (let i0 = 0; i0 < rows; i0 += B) {
      for (let j0 = 0; j0 < cols; j0 += B) {
        const iEnd = Math.min(rows, i0 + B);
        const jEnd = Math.min(cols, j0 + B);
        for (let i = i0; i < iEnd; i++)
          for (let j = j0; j < jEnd; j++) out[i * cols + j] = src[i * rs + j * cs]!;
      }
    }
    return new Tensor(out, shape);
  }
  copyStrided(x.data, strides, shape, out);
  return new Tensor(out, shape);
}

/**
 * Copies the strided view (`strides` over `shape`) of `src` into contiguous
 * `out`. Size-1 dimensions are dropped and dimensions that `src` traverses
 * contiguously are merged, then the last one is copied in a tight loop.
 */
export function copyStrided(
  src: TypedArray,
  strides: readonly number[],
  shape: readonly number[],
  out: TypedArray,
): void {
  const n = out.length;
  if (n === 0) return;
  const dims: number[] = [];
  const st: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && st[last] === strides[d]! * size) {
      dims[last]! *= size;
      st[last] = strides[d]!;
    } else {
      dims.push(size);
      st.push(strides[d]!);
    }
  }
  const rank = dims.length;
  const inner = rank === 0 ? 1 : dims[rank - 1]!;
  const is = rank === 0 ? 0 : st[rank - 1]!;
  const idx = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  let pos = 0;
  for (let o = 0; o < n; o += inner) {
    if (is === 1) out.set(src.subarray(pos, pos + inner), o);
    else for (let j = 0, p = pos; j < inner; j++, p += is) out[o + j] = src[p]!;
    for (let d = rank - 2; d >= 0; d--) {
      pos += st[d]!;
      if (++idx[d]! < dims[d]!) break;
      pos -= st[d]! * dims[d]!;
      idx[d] = 0;
    }
  }
}

/**
 * Repeats `x` to `shape` under NumPy broadcasting rules. Copies.
 * @throws ShapeError when `x` does not broadcast to exactly `shape`
 * @example
 * ```ts
 * broadcastTo(tensor([1, 2]), [3, 2]).toArray(); // [[1, 2], [1, 2], [1, 2]]
 * ```
 */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  assertTensor("broadcastTo", "x", x);
  checkShape("broadcastTo", "shape", shape);
  const target = broadcastShapes("broadcastTo", x.shape, shape, "shape");
  if (target.length !== shape.length || target.some((d, i) => d !== shape[i])) {
    throw new ShapeError(
      "broadcastTo",
      "shape",
      `cannot broadcast ${fmtShape(x.shape)} to ${fmtShape(shape)}`,
    );
  }
  const out = allocate(x.dtype, sizeOf(target));
  copyStrided(x.data, broadcastStrides(x.shape, target), target, out);
  return new Tensor(out, target);
}

/**
 * Inserts a dimension of size 1 at `axis` (in `[-rank-1, rank]`; -1 appends).
 * Shares storage.
 * @example
 * ```ts
 * zeros([3]).expandDims(0).shape; // [1, 3]
 * ```
 */
export function expandDims(x: Tensor, axis: number): Tensor {
  assertTensor("expandDims", "x", x);
  const a = normalizeAxis("expandDims", axis, x.rank + 1);
  const shape = x.shape.slice();
  shape.splice(a, 0, 1);
  return viewOf(x, shape);
}

/**
 * Removes size-1 dimensions: all of them, or those listed in `axis` (each must
 * be 1). Shares storage.
 * @throws ShapeError when a listed axis is not of size 1
 */
export function squeeze(x: Tensor, axis?: Axis): Tensor {
  assertTensor("squeeze", "x", x);
  if (axis === undefined)
    return viewOf(
      x,
      x.shape.filter((d) => d !== 1),
    );
  const axes = normalizeAxes("squeeze", axis, x.rank);
  for (const a of axes) {
    if (x.shape[a] !== 1)
      throw new ShapeError(
        "squeeze",
        "axis",
        `axis ${a} has size ${x.shape[a]}, not 1, in shape ${fmtShape(x.shape)}`,
      );
  }
  return viewOf(
    x,
    x.shape.filter((_, i) => !axes.includes(i)),
  );
}

/**
 * Joins tensors along an existing `axis`; their shapes must agree on every
 * other axis and their dtypes must be equal.
 * @throws ShapeError for an empty list or shapes that differ off `axis`
 * @throws DTypeError for dtypes that differ
 * @example
 * ```ts
 * concat([zeros([2, 3]), ones([1, 3])]).shape; // [3, 3]
 * ```
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ShapeError("concat", "tensors", "expected a non-empty array of tensors");
  for (let i = 0; i < tensors.length; i++) assertTensor("concat", `tensors[${i}]`, tensors[i]);
  const first = tensors[0]!;
  const a = normalizeAxis("concat", axis, first.rank);
  let total = 0;
  tensors.forEach((t: Tensor, i) => {
    if (t.dtype !== first.dtype)
      throw new DTypeError(
        "concat",
        `tensors[${i}]`,
        `dtype ${t.dtype} differs from ${first.dtype}`,
      );
    if (t.rank !== first.rank || t.shape.some((d, j) => j !== a && d !== first.shape[j])) {
      throw new ShapeError(
        "concat",
        `tensors[${i}]`,
        `shape ${fmtShape(t.shape)} does not match ${fmtShape(first.shape)} outside axis ${a}`,
      );
    }
    total += t.shape[a]!;
  });
  const shape = first.shape.slice();
  shape[a] = total;
  let outer = 1;
  for (let i = 0; i < a; i++) outer *= shape[i]!;
  const out = allocate(first.dtype, sizeOf(shape));
  const rowOut = out.length / Math.max(outer, 1);
  let offset = 0;
  for (const t of tensors) {
    const chunk = t.size / Math.max(outer, 1);
    for (let o = 0; o < outer; o++)
      out.set(t.data.subarray(o * chunk, (o + 1) * chunk), o * rowOut + offset);
    offset += chunk;
  }
  return new Tensor(out, shape);
}

/**
 * Stacks tensors of identical shape along a new axis (in `[-rank-1, rank]`).
 * @throws ShapeError for an empty list or shapes that differ
 * @example
 * ```ts
 * stack([zeros([2]), ones([2])], 1).toArray(); // [[0, 1], [0, 1]]
 * ```
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ShapeError("stack", "tensors", "expected a non-empty array of tensors");
  for (let i = 0; i < tensors.length; i++) assertTensor("stack", `tensors[${i}]`, tensors[i]);
  const first = tensors[0]!;
  tensors.forEach((t: Tensor, i) => {
    if (t.rank !== first.rank || t.shape.some((d, j) => d !== first.shape[j])) {
      throw new ShapeError(
        "stack",
        `tensors[${i}]`,
        `shape ${fmtShape(t.shape)} differs from ${fmtShape(first.shape)} of tensors[0]`,
      );
    }
  });
  const a = normalizeAxis("stack", axis, first.rank + 1);
  return concat(
    tensors.map((t) => expandDims(t, a)),
    a,
  );
}

/** Nested arrays of the values; a number for a scalar. */
export function toNested(x: Tensor): NestedArray {
  if (x.rank === 0) return x.data[0]!;
  const build = (dim: number, offset: number, shape: Shape): NestedArray[] => {
    const n = shape[dim]!;
    if (dim === shape.length - 1) return Array.from(x.data.subarray(offset, offset + n));
    const stride = sizeOf(shape.slice(dim + 1));
    const out: NestedArray[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = build(dim + 1, offset + i * stride, shape);
    return out;
  };
  return build(0, 0, x.shape);
}
