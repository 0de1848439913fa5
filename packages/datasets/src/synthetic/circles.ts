import { optionNames, ValueError } from "@neurite/tensor";
import { describeArg } from "../internal/describe.js";
import type { Dataset } from "../types.js";
import { addNoise, classification, common, type NoisyOptions, shuffleRows } from "./common.js";

/** Options of {@link makeCircles}. */
export interface CirclesOptions extends NoisyOptions {
  /** Radius of the inner circle relative to the outer one, in [0, 1) (default 0.8). */
  readonly factor?: number;
}

const CIRCLES_OPTIONS = optionNames<CirclesOptions>({
  nSamples: true,
  seed: true,
  shuffle: true,
  noise: true,
  factor: true,
});

/**
 * A small circle inside a large one, like scikit-learn's `make_circles`: class 0
 * on the unit circle, class 1 on a circle of radius `factor`, angles evenly
 * spaced in [0, 2π) (endpoint excluded). Class 0 gets ⌊n/2⌋ samples. Samples
 * are shuffled, then noise is added.
 *
 * @param options - `nSamples` (100), `noise` (0), `factor` (0.8), `seed` (0), `shuffle` (true)
 * @returns `x` float32 `[n, 2]`, `y` int32 `[n]` in {0, 1}
 * @throws ValueError for nSamples < 1, negative noise or a factor outside [0, 1)
 */
export function makeCircles(options?: CirclesOptions): Dataset {
  const op = "makeCircles";
  const { n, noise, rng, shuffle } = common(
    op,
    options,
    { nSamples: 100, shuffle: true },
    CIRCLES_OPTIONS,
  );
  const factor = options?.factor ?? 0.8;
  if (typeof factor !== "number" || !(factor >= 0 && factor < 1))
    throw new ValueError(
      op,
      "options.factor",
      `expected a number in [0, 1), got ${describeArg(factor)}`,
    );
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const x = new Float64Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < nOut; i++) {
    const t = (2 * Math.PI * i) / nOut;
    x[2 * i] = Math.cos(t);
    x[2 * i + 1] = Math.sin(t);
  }
  for (let i = 0; i < nIn; i++) {
    const t = (2 * Math.PI * i) / nIn;
    const r = nOut + i;
    x[2 * r] = factor * Math.cos(t);
    x[2 * r + 1] = factor * Math.sin(t);
    y[r] = 1;
  }
  if (shuffle) shuffleRows(x, 2, y, 1, rng);
  addNoise(x, noise, rng);
  return classification(
    "circles",
    x,
    2,
    y,
    2,
    "A circle inside a circle (make_circles): separable only by a non-linear boundary.",
  );
}
