import { AxisError, describe, fmtShape, ShapeError } from "./errors.js";

/** A tensor shape: one non-negative integer per dimension, outermost first. */
export type Shape = readonly number[];

/**
 * Number of elements of a shape (1 for a scalar `[]`).
 * @example
 * ```ts
 * sizeOf([2, 3, 4]); // 24
 * ```
 */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i]!;
  return n;
}

/** Row-major strides, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** Checks a user-given shape: an array of integers >= 0. Returns a copy. */
export function checkShape(op: string, arg: string, shape: unknown): number[] {
  if (!Array.isArray(shape)) {
    throw new ShapeError(
      op,
      arg,
      `expected an array of non-negative integers, got ${describe(shape)}`,
    );
  }
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(
        op,
        arg,
        `expected non-negative integer dimensions, got ${fmtShape(shape)}`,
      );
    }
  }
  return shape.slice();
}

/**
 * True when two shapes are equal, dimension by dimension.
 * @example
 * ```ts
 * shapesEqual([2, 3], [2, 3]); // true
 * ```
 */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Normalizes an axis in `[-rank, rank)` to `[0, rank)`. */
export function normalizeAxis(op: string, axis: number, rank: number, arg = "axis"): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new AxisError(
      op,
      arg,
      `axis ${axis} is out of range for a tensor of rank ${rank} (expected ${-rank}..${rank - 1})`,
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * `shape` seen as `[outer, shape[a], inner]` around the (normalized) axis
 * `a`: the products of the sizes before and after it.
 */
export function splitAtAxis(shape: readonly number[], a: number): [number, number, number] {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < a; i++) outer *= shape[i]!;
  for (let i = a + 1; i < shape.length; i++) inner *= shape[i]!;
  return [outer, shape[a]!, inner];
}

/**
 * Normalizes an axis list (or a single axis, or undefined for all axes) to a
 * sorted list of distinct axes in `[0, rank)`.
 */
export function normalizeAxes(
  op: string,
  axis: number | readonly number[] | undefined,
  rank: number,
): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  if (typeof axis !== "number" && !Array.isArray(axis)) {
    throw new AxisError(
      op,
      "axis",
      `expected a number or an array of numbers, got ${describe(axis)}`,
    );
  }
  const list: readonly number[] = typeof axis === "number" ? [axis] : axis;
  const out = list.map((a) => normalizeAxis(op, a, rank));
  const sorted = [...out].sort((x, y) => x - y);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) {
      throw new AxisError(op, "axis", `axis ${sorted[i]} is repeated in [${list.join(",")}]`);
    }
  }
  return sorted;
}

/**
 * The NumPy broadcast of two shapes: align them on the right, and in each
 * dimension the sizes must be equal or one of them 1.
 *
 * @param op - the operation to name in the error
 * @param a - first shape
 * @param b - second shape
 * @param arg - the argument to name in the error (default: none)
 * @throws ShapeError when the shapes cannot be broadcast together
 * @example
 * ```ts
 * broadcastShapes("add", [4, 1, 3], [5, 1]); // [4, 5, 3]
 * ```
 */
export function broadcastShapes(op: string, a: Shape, b: Shape, arg = ""): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)]!;
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)]!;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        op,
        arg,
        `shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together (dimension ${i}: ${da} vs ${db})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Strides that read a tensor of shape `from` as if it had shape `to` (a
 * broadcast target): broadcast dimensions get stride 0.
 */
export function broadcastStrides(from: Shape, to: Shape): number[] {
  const strides = stridesOf(from);
  const out = new Array<number>(to.length).fill(0);
  const off = to.length - from.length;
  for (let i = 0; i < from.length; i++) {
    out[i + off] = from[i] === 1 && to[i + off] !== 1 ? 0 : strides[i]!;
  }
  return out;
}
