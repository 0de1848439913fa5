import type { Dataset } from "../types.js";
import { addNoise, classification, common, type NoisyOptions, shuffleRows } from "./common.js";

/**
 * Two interleaving half circles, like scikit-learn's `make_moons`: class 0 on
 * the upper arc `(cos t, sin t)`, class 1 on the lower arc
 * `(1 − cos t, 0.5 − sin t)`, `t` evenly spaced in [0, π]. Class 0 gets
 * ⌊n/2⌋ samples. Samples are shuffled, then noise is added.
 *
 * @param options - `nSamples` (100), `noise` (0), `seed` (0), `shuffle` (true)
 * @returns `x` float32 `[n, 2]`, `y` int32 `[n]` in {0, 1}
 * @throws ValueError for nSamples < 1 or negative noise
 */
export function makeMoons(options?: NoisyOptions): Dataset {
  const { n, noise, rng, shuffle } = common("makeMoons", options, { nSamples: 100, shuffle: true });
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const x = new Float64Array(n * 2);
  const y = new Int32Array(n);
  const at = (i: number, m: number): number => (m === 1 ? 0 : (Math.PI * i) / (m - 1));
  for (let i = 0; i < nOut; i++) {
    x[2 * i] = Math.cos(at(i, nOut));
    x[2 * i + 1] = Math.sin(at(i, nOut));
  }
  for (let i = 0; i < nIn; i++) {
    const r = nOut + i;
    x[2 * r] = 1 - Math.cos(at(i, nIn));
    x[2 * r + 1] = 1 - Math.sin(at(i, nIn)) - 0.5;
    y[r] = 1;
  }
  if (shuffle) shuffleRows(x, 2, y, 1, rng);
  addNoise(x, noise, rng);
  return classification(
    "moons",
    x,
    2,
    y,
    2,
    "Two interleaving half circles (make_moons): a two-class problem no straight line separates.",
  );
}
