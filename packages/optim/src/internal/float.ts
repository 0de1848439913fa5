import type { FloatArray, TypedArray } from "@neurite/tensor";

/** Storage of a float tensor (tensor's own type): what optimizer state buffers are made of. */
export type { FloatArray };

/** True for Float32Array and Float64Array storage. */
export function isFloatArray(a: TypedArray): a is FloatArray {
  return a instanceof Float32Array || a instanceof Float64Array;
}
