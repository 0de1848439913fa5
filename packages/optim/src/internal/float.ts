import { type FloatArray, kernels, type TypedArray } from "@neurite/tensor";

/** Storage of a float tensor (tensor's own type): what optimizer state buffers are made of. */
export type { FloatArray };

/** True for Float32Array and Float64Array storage. */
export function isFloatArray(a: TypedArray): a is FloatArray {
  return a instanceof Float32Array || a instanceof Float64Array;
}

/**
 * A state array of the same kind and length as `like`, filled with `fill`,
 * from the backend's `allocState` hook: the WebAssembly backend keeps large
 * float32 state in its own memory so its update kernels copy none of it.
 */
export function allocLike(like: FloatArray, fill: number): FloatArray {
  const out: FloatArray[] = [];
  kernels().allocState(like, fill, out);
  return out[0]!;
}
