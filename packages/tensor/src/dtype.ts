import { DTypeError } from "./errors.js";

/**
 * Element types. `float32` is the default (speed, memory); `float64` is for
 * precise gradient checks and users who need it; `int32` is for labels and indices.
 */
export type DType = "float32" | "float64" | "int32";

/** The typed array that stores each dtype. */
export interface DTypeArrayMap {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
}

/** Any storage array of a tensor. */
export type TypedArray = Float32Array | Float64Array | Int32Array;

/** All dtypes, in the order they are documented. */
export const DTYPES: readonly DType[] = ["float32", "float64", "int32"];

/** Allocates a zero-filled storage array of `size` elements for `dtype`. */
export function allocate<D extends DType>(dtype: D, size: number): DTypeArrayMap[D] {
  switch (dtype) {
    case "float32":
      return new Float32Array(size) as DTypeArrayMap[D];
    case "float64":
      return new Float64Array(size) as DTypeArrayMap[D];
    case "int32":
      return new Int32Array(size) as DTypeArrayMap[D];
    default:
      throw new DTypeError(
        "allocate",
        "dtype",
        `expected one of ${DTYPES.join(", ")}, got ${String(dtype)}`,
      );
  }
}

/** The dtype stored by a typed array, or an error for any other array type. */
export function dtypeOfArray(op: string, data: ArrayLike<number>): DType {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  throw new DTypeError(
    op,
    "data",
    `expected a Float32Array, Float64Array or Int32Array, got ${data?.constructor?.name ?? typeof data}`,
  );
}

/** Checks that `dtype` is a known dtype name. */
export function assertDType(op: string, dtype: unknown): asserts dtype is DType {
  if (dtype !== "float32" && dtype !== "float64" && dtype !== "int32") {
    throw new DTypeError(op, "dtype", `expected one of ${DTYPES.join(", ")}, got ${String(dtype)}`);
  }
}

/** True for float32 and float64. */
export function isFloat(dtype: DType): boolean {
  return dtype !== "int32";
}
