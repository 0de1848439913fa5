import type { DropoutKernels } from "../contract/dropout.js";

/** Reference inverted dropout (see DropoutKernels.dropout): one draw per element, in order. */
export const dropout: DropoutKernels["dropout"] = (x, out, mask, rate, rng) => {
  const scale = 1 / (1 - rate);
  for (let i = 0; i < mask.length; i++) {
    const m = rng.uniform() < rate ? 0 : scale;
    mask[i] = m;
    out[i] = x[i]! * m;
  }
};
