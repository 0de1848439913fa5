import type { Dataset } from "../types.js";
import { addNoise, classification, common, type NoisyOptions, shuffleRows } from "./common.js";

/**
 * The XOR problem: sample `i` sits on corner `i mod 4` of the unit square,
 * `(0,0), (0,1), (1,0), (1,1)`, labelled `a XOR b` (0, 1, 1, 0), plus Gaussian
 * noise. With the defaults (4 samples, no noise, no shuffle) it is exactly the
 * truth table that a single perceptron cannot learn. scikit-learn has no
 * counterpart; unlike the other generators, `shuffle` defaults to false so that
 * the truth table stays in order.
 *
 * @param options - `nSamples` (4), `noise` (0), `seed` (0), `shuffle` (false)
 * @returns `x` float32 `[n, 2]`, `y` int32 `[n]` in {0, 1}
 * @throws ValueError for nSamples < 1 or negative noise
 */
export function makeXor(options?: NoisyOptions): Dataset {
  const { n, noise, rng, shuffle } = common("makeXor", options, { nSamples: 4, shuffle: false });
  const x = new Float64Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = (i >> 1) & 1;
    const b = i & 1;
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = a ^ b;
  }
  if (shuffle) shuffleRows(x, 2, y, 1, rng);
  addNoise(x, noise, rng);
  return classification(
    "xor",
    x,
    2,
    y,
    2,
    "The XOR truth table (with optional noise): the classic problem a single perceptron cannot solve.",
  );
}
