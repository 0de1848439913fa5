import { record, type Variable } from "@neurite/autograd";
import { type Rng, Tensor, ValueError } from "@neurite/tensor";
import { alloc, asVariable, requireFloat } from "../internal.js";

/** Checks a dropout rate: a number in [0, 1). */
export function checkRate(op: string, rate: unknown): number {
  if (typeof rate !== "number" || !(rate >= 0 && rate < 1))
    throw new ValueError(
      op,
      "rate",
      `expected a fraction in [0, 1) (the share of values dropped), got ${String(rate)}`,
    );
  return rate;
}

/**
 * Inverted dropout, always active (the layer decides when): each value is
 * zeroed with probability `rate` and the survivors are scaled by
 * `1 / (1 − rate)`, so the expected value is unchanged and nothing needs
 * rescaling at evaluation. The gradient uses the same mask.
 *
 * @param rng - the generator drawing the mask (one uniform number per value)
 */
export function dropout(x: Variable | Tensor, rate: number, rng: Rng): Variable {
  const xv = asVariable("dropout", "x", x);
  requireFloat("dropout", "x", xv.dtype);
  checkRate("dropout", rate);
  if (rate === 0) return xv;
  const scale = 1 / (1 - rate);
  const mask = alloc(xv.dtype, xv.size);
  const out = alloc(xv.dtype, xv.size);
  const xd = xv.value.data;
  for (let i = 0; i < mask.length; i++) {
    const m = rng.uniform() < rate ? 0 : scale;
    mask[i] = m;
    out[i] = xd[i]! * m;
  }
  return record("dropout", new Tensor(out, xv.shape), [xv], (g) => {
    const d = alloc(g.dtype, g.size);
    for (let i = 0; i < d.length; i++) d[i] = g.data[i]! * mask[i]!;
    return [new Tensor(d, xv.shape)];
  });
}
