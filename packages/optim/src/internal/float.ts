import type { TypedArray } from "@neurite/tensor";

/** Storage of a float tensor: what optimizer state buffers are made of. */
export type FloatArray = Float32Array | Float64Array;

/** True for Float32Array and Float64Array storage. */
export function isFloatArray(a: TypedArray): a is FloatArray {
  return a instanceof Float32Array || a instanceof Float64Array;
}

/** A zero-filled array of the same kind and length as `like`, then filled with `fill`. */
export function allocLike(like: FloatArray, fill: number): FloatArray {
  const out =
    like instanceof Float32Array ? new Float32Array(like.length) : new Float64Array(like.length);
  if (fill !== 0) out.fill(fill);
  return out;
}
