import { gradBufferFor, Variable } from "@neurite/autograd";
import {
  allocateStorage,
  type DType,
  DTypeError,
  describeValue,
  isFloat,
  type Shape,
  Tensor,
  type TypedArray,
  ValueError,
} from "@neurite/tensor";

/** A zero-filled storage array of `size` elements for `dtype`. */
export function alloc(dtype: DType, size: number): TypedArray {
  return allocateStorage(dtype, size);
}

/**
 * Storage for a gradient rule to write the whole gradient of `v` (`size`
 * elements) into, or null when `v` needs none: `v`'s recycled `.grad` buffer
 * where autograd offers it (see `gradBufferFor`), else a new array.
 */
export function gradStorage(v: Variable | null, size: number): TypedArray | null {
  if (!v?.requiresGrad) return null;
  return gradBufferFor(v, size) ?? alloc(v.dtype, size);
}

/** Formats a shape as `[2,3]`. */
export function fmt(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? "?" : d)).join(",")}]`;
}

/** Lifts a Tensor (a constant) to a Variable; Variables pass through; anything else is an error. */
export function asVariable(op: string, arg: string, x: unknown): Variable {
  if (x instanceof Variable) return x;
  if (x instanceof Tensor) return new Variable(x);
  throw new DTypeError(
    op,
    arg,
    `expected a Variable or a Tensor, got ${x === null ? "null" : Array.isArray(x) ? "an array (wrap it with tensor())" : typeof x}`,
  );
}

/** Requires a float dtype. */
export function requireFloat(op: string, arg: string, dtype: DType): void {
  if (!isFloat(dtype))
    throw new DTypeError(
      op,
      arg,
      `expected float32 or float64 values, got ${dtype} (cast with .cast("float32"))`,
    );
}

/** Checks a positive integer option. */
export function positiveInt(op: string, arg: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0)
    throw new ValueError(op, arg, `expected a positive integer, got ${describeValue(value)}`);
  return value;
}

/** Checks a finite number option. */
export function finite(op: string, arg: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new ValueError(op, arg, `expected a finite number, got ${describeValue(value)}`);
  return value;
}

/** Checks a boolean option. */
export function bool(op: string, arg: string, value: unknown): boolean {
  if (typeof value !== "boolean")
    throw new ValueError(op, arg, `expected true or false, got ${describeValue(value)}`);
  return value;
}

/** Checks a float dtype option. */
export function floatDType(op: string, arg: string, value: unknown): DType {
  if (value !== "float32" && value !== "float64")
    throw new DTypeError(op, arg, `expected "float32" or "float64", got ${describeValue(value)}`);
  return value;
}

/** Product of the dimensions. */
export function sizeOfShape(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
