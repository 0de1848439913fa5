import type { TypedArray } from "../../dtype.js";
import type { Rng } from "../../rng.js";

/** Reference inverted dropout (see DropoutKernels.dropout): one draw per element, in order. */
export function dropout(
  x: TypedArray,
  out: TypedArray,
  mask: TypedArray,
  rate: number,
  rng: Rng,
): void {
  const scale = 1 / (1 - rate);
  for (let i = 0; i < mask.length; i++) {
    const m = rng.uniform() < rate ? 0 : scale;
    mask[i] = m;
    out[i] = x[i]! * m;
  }
}
