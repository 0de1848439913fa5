import { optionNames } from "@neurite/tensor";
import { checkInt, checkNonNegative } from "../internal/check.js";
import type { Dataset } from "../types.js";
import {
  addNoise,
  classification,
  common,
  type NoisyOptions,
  perGroup,
  shuffleRows,
} from "./common.js";

/** Options of {@link makeSpirals}. */
export interface SpiralsOptions extends NoisyOptions {
  /** Number of spiral arms, one per class (default 2). */
  readonly nClasses?: number;
  /** Turns each arm makes around the centre (default 1). */
  readonly turns?: number;
}

const SPIRALS_OPTIONS = optionNames<SpiralsOptions>({
  nSamples: true,
  seed: true,
  shuffle: true,
  noise: true,
  nClasses: true,
  turns: true,
});

/**
 * Interleaved spiral arms, one per class (scikit-learn has no counterpart).
 * Class `k` gets `n // k` samples (the first `n % k` classes one more); its
 * sample `j` of `m` lies at radius `r = (j + 1) / m` and angle
 * `2π (turns · r + k / nClasses)`. Samples are shuffled, then noise is added.
 *
 * @param options - `nSamples` (100), `nClasses` (2), `turns` (1), `noise` (0), `seed` (0), `shuffle` (true)
 * @returns `x` float32 `[n, 2]`, `y` int32 `[n]` in 0..nClasses−1
 * @throws ValueError for nSamples < 1, nClasses < 1, negative turns or noise
 */
export function makeSpirals(options?: SpiralsOptions): Dataset {
  const op = "makeSpirals";
  const { n, noise, rng, shuffle } = common(
    op,
    options,
    { nSamples: 100, shuffle: true },
    SPIRALS_OPTIONS,
  );
  const k = checkInt(op, "options.nClasses", options?.nClasses ?? 2, 1);
  const turns = checkNonNegative(op, "options.turns", options?.turns ?? 1);
  const x = new Float64Array(n * 2);
  const y = new Int32Array(n);
  let row = 0;
  perGroup(n, k).forEach((m, c) => {
    for (let j = 0; j < m; j++, row++) {
      const r = (j + 1) / m;
      const t = 2 * Math.PI * (turns * r + c / k);
      x[2 * row] = r * Math.cos(t);
      x[2 * row + 1] = r * Math.sin(t);
      y[row] = c;
    }
  });
  if (shuffle) shuffleRows(x, 2, y, 1, rng);
  addNoise(x, noise, rng);
  return classification(
    "spirals",
    x,
    2,
    y,
    k,
    `${k} interleaved spiral arms: a hard non-linear problem for small networks.`,
  );
}
