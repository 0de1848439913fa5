import { record, type Variable } from "@neurite/autograd";
import { kernels, type Rng, Tensor, ValueError } from "@neurite/tensor";
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
  const mask = alloc(xv.dtype, xv.size);
  const out = alloc(xv.dtype, xv.size);
  kernels().dropout(xv.value.data, out, mask, rate, rng);
  return record("dropout", new Tensor(out, xv.shape), [xv], (g) => {
    const d = alloc(g.dtype, g.size);
    kernels().binary("mul", g.data, [1], mask, [1], d, [d.length]);
    return [new Tensor(d, xv.shape)];
  });
}
