import { optionNames, Tensor, ValueError } from "@neurite/tensor";
import {
  checkBool,
  checkFinite,
  checkInt,
  checkNonNegative,
  checkOptions,
  checkRng,
} from "../internal/check.js";
import type { Dataset } from "../types.js";
import { featureNames, type NoisyOptions, shuffleRows } from "./common.js";

/** Options of {@link makeRegression}. */
export interface RegressionOptions extends NoisyOptions {
  /** Features per sample (default 100, as scikit-learn). */
  readonly nFeatures?: number;
  /** Features that take part in the target (default 10, or `nFeatures` if smaller); at most `nFeatures`. */
  readonly nInformative?: number;
  /** Target values per sample (default 1: `y` is `[n]`; more: `[n, nTargets]`). */
  readonly nTargets?: number;
  /** Added to every target (default 0). */
  readonly bias?: number;
}

const REGRESSION_OPTIONS = optionNames<RegressionOptions>({
  nSamples: true,
  seed: true,
  shuffle: true,
  noise: true,
  nFeatures: true,
  nInformative: true,
  nTargets: true,
  bias: true,
});

/** A regression set and the linear model that made it. */
export interface RegressionDataset extends Dataset {
  /** The true coefficients, float32 `[features, targets]` (0 for uninformative features). */
  readonly coef: Tensor;
}

/**
 * A random linear regression problem, like scikit-learn's `make_regression`
 * (without `effective_rank`): standard normal features, a linear model on
 * `nInformative` of them with coefficients `100 · U[0, 1)`, plus `bias`, plus
 * `N(0, noise²)` on the targets. Shuffling reorders both the samples and the
 * features (with the coefficients). Unlike scikit-learn, `nInformative` larger
 * than `nFeatures` is an error instead of being lowered silently.
 *
 * @param options - `nSamples` (100), `nFeatures` (100), `nInformative` (10), `nTargets` (1), `bias` (0), `noise` (0), `seed` (0), `shuffle` (true)
 * @returns `x` float32 `[n, features]`, `y` float32 `[n]` (or `[n, targets]`), `coef`
 * @throws ValueError for bad counts or negative noise
 */
export function makeRegression(options?: RegressionOptions): RegressionDataset {
  const op = "makeRegression";
  const o = checkOptions(op, options, REGRESSION_OPTIONS);
  const n = checkInt(op, "options.nSamples", o.nSamples ?? 100, 1);
  const f = checkInt(op, "options.nFeatures", o.nFeatures ?? 100, 1);
  const inf = checkInt(op, "options.nInformative", o.nInformative ?? Math.min(10, f), 0);
  if (inf > f)
    throw new ValueError(
      op,
      "options.nInformative",
      `expected at most nFeatures = ${f} informative features, got ${inf}`,
    );
  const t = checkInt(op, "options.nTargets", o.nTargets ?? 1, 1);
  const bias = checkFinite(op, "options.bias", o.bias ?? 0);
  const noise = checkNonNegative(op, "options.noise", o.noise ?? 0);
  const rng = checkRng(op, "options.seed", o.seed);
  const shuffle = checkBool(op, "options.shuffle", o.shuffle ?? true);
  const x = new Float64Array(n * f);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  let coef = new Float64Array(f * t);
  for (let i = 0; i < inf * t; i++) coef[i] = 100 * rng.uniform();
  const y = new Float64Array(n * t);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < t; j++) {
      let s = bias;
      for (let d = 0; d < inf; d++) s += x[r * f + d]! * coef[d * t + j]!;
      y[r * t + j] = s;
    }
  if (noise > 0) for (let i = 0; i < y.length; i++) y[i]! += noise * rng.normal();
  if (shuffle) {
    shuffleRows(x, f, y, t, rng);
    const perm = rng.permutation(f);
    const xs = x.slice();
    for (let r = 0; r < n; r++) for (let d = 0; d < f; d++) x[r * f + d] = xs[r * f + perm[d]!]!;
    const cs = coef;
    coef = new Float64Array(f * t);
    for (let d = 0; d < f; d++) for (let j = 0; j < t; j++) coef[d * t + j] = cs[perm[d]! * t + j]!;
  }
  return {
    name: "regression",
    task: "regression",
    x: new Tensor(Float32Array.from(x), [n, f]),
    y: new Tensor(Float32Array.from(y), t === 1 ? [n] : [n, t]),
    featureNames: featureNames(f),
    targetNames: t === 1 ? ["y"] : Array.from({ length: t }, (_, j) => `y${j}`),
    description: `A random linear regression problem (make_regression): ${inf} of ${f} features informative.`,
    coef: new Tensor(Float32Array.from(coef), [f, t]),
  };
}
