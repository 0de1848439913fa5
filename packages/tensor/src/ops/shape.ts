import { allocate } from "../dtype.js";
import { AxisError, fmtShape, ShapeError } from "../errors.js";
import {
  broadcastShapes,
  broadcastStrides,
  normalizeAxes,
  normalizeAxis,
  type Shape,
  sizeOf,
  stridesOf,
} from "../shape.js";
import { type Axis, type NestedArray, Tensor } from "../tensor.js";

/** Same data, new shape; one dimension may be -1 and is inferred. Shares storage. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  if (!Array.isArray(shape))
    throw new ShapeError("reshape", "shape", `expected an array of integers, got ${String(shape)}`);
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
  return new Tensor(x.data, out);
}

/** Permutes the axes (reverses them when `perm` is omitted). Copies into row-major order. */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
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
    const B = 32;
    for (let i0 = 0; i0 < rows; i0 += B) {
      for (let j0 = 0; j0 < cols; j0 += B) {
        const iEnd = Math.min(rows, i0 + B);
        const jEnd = Math.min(cols, j0 + B);
        for (let i = i0; i < iEnd; i++)
          for (let j = j0; j < jEnd; j++) out[i * cols + j] = x.data[i * rs + j * cs]!;
      }
    }
    return new Tensor(out, shape);
  }
  gatherStrided(x.data, strides, shape, out);
  return new Tensor(out, shape);
}

/** Copies a strided view (`strides` over `shape`) of `src` into contiguous `out`. */
function gatherStrided(
  src: ArrayLike<number>,
  strides: readonly number[],
  shape: readonly number[],
  out: { [i: number]: number; length: number },
): void {
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  let pos = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = src[pos]!;
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]!++;
      pos += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      pos -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
}

/** Repeats `x` to `shape` under NumPy broadcasting rules. Copies. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  const target = broadcastShapes("broadcastTo", x.shape, shape);
  if (target.length !== shape.length || target.some((d, i) => d !== shape[i])) {
    throw new ShapeError(
      "broadcastTo",
      "shape",
      `cannot broadcast ${fmtShape(x.shape)} to ${fmtShape(shape)}`,
    );
  }
  const out = allocate(x.dtype, sizeOf(target));
  gatherStrided(x.data, broadcastStrides(x.shape, target), target, out);
  return new Tensor(out, target);
}

/** Inserts a dimension of size 1 at `axis` (in `[-rank-1, rank]`). Shares storage. */
export function expandDims(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis("expandDims", axis, x.rank + 1);
  const shape = x.shape.slice();
  shape.splice(a, 0, 1);
  return new Tensor(x.data, shape);
}

/** Removes size-1 dimensions: all of them, or those listed in `axis` (each must be 1). Shares storage. */
export function squeeze(x: Tensor, axis?: Axis): Tensor {
  if (axis === undefined)
    return new Tensor(
      x.data,
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
  return new Tensor(
    x.data,
    x.shape.filter((_, i) => !axes.includes(i)),
  );
}

/** Joins tensors of equal shape except along `axis`. */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ShapeError("concat", "tensors", "expected a non-empty array of tensors");
  const first = tensors[0]!;
  const a = normalizeAxis("concat", axis, first.rank);
  let total = 0;
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor))
      throw new ShapeError("concat", `tensors[${i}]`, "expected a Tensor");
    if (t.dtype !== first.dtype)
      throw new ShapeError(
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

/** Stacks tensors of identical shape along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ShapeError("stack", "tensors", "expected a non-empty array of tensors");
  const first = tensors[0]!;
  tensors.forEach((t, i) => {
    if (
      !(t instanceof Tensor) ||
      t.rank !== first.rank ||
      t.shape.some((d, j) => d !== first.shape[j])
    ) {
      throw new ShapeError(
        "stack",
        `tensors[${i}]`,
        `shape ${t instanceof Tensor ? fmtShape(t.shape) : typeof t} differs from ${fmtShape(first.shape)}`,
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
