import type { FloatArray } from "./contract/optimizer.js";
import { kernels } from "./registry.js";

/**
 * A new array of `like`'s type and length, filled with `fill`, for a buffer
 * that kernels read and write every step (optimizer state, gradient buffers):
 * from the backend's `allocState` hook, so the WebAssembly backend can place
 * it in its own memory and use it there without copies.
 *
 * @param like - an array whose type and length the new one takes
 * @param fill - the initial value of every element
 */
export function allocateState(like: FloatArray, fill: number): FloatArray {
  const out: FloatArray[] = [];
  kernels().allocState(like, fill, out);
  return out[0]!;
}
