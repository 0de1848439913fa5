import { optionNames, type Rng, Tensor } from "@neurite/tensor";
import {
  checkBool,
  checkInt,
  checkNonNegative,
  checkOptions,
  checkRng,
} from "../internal/check.js";
import type { Dataset } from "../types.js";

/** Options shared by the synthetic generators. */
export interface SyntheticOptions {
  /** Number of samples (default 100). */
  readonly nSamples?: number;
  /** Seed or `Rng` (default seed 0); the same seed gives the same data, bit for bit. */
  readonly seed?: number | Rng;
  /** Shuffle the samples (default true), as scikit-learn does. */
  readonly shuffle?: boolean;
}

/** Synthetic options with Gaussian noise on the coordinates. */
export interface NoisyOptions extends SyntheticOptions {
  /** Standard deviation of Gaussian noise added to every coordinate (default 0). */
  readonly noise?: number;
}

/** The option names of {@link NoisyOptions}. */
export const NOISY_OPTIONS = optionNames<NoisyOptions>({
  nSamples: true,
  seed: true,
  shuffle: true,
  noise: true,
});

/** Checked common options. */
export interface Common {
  readonly n: number;
  readonly noise: number;
  readonly rng: Rng;
  readonly shuffle: boolean;
}

/** Checks `nSamples`, `noise`, `seed` and `shuffle`, and that `options` has no key outside `known`. */
export function common(
  op: string,
  options: NoisyOptions | undefined,
  defaults: { nSamples: number; shuffle: boolean },
  known: readonly string[] = NOISY_OPTIONS,
): Common {
  const o = checkOptions(op, options, known);
  return {
    n: checkInt(op, "options.nSamples", o.nSamples ?? defaults.nSamples, 1),
    noise: checkNonNegative(op, "options.noise", o.noise ?? 0),
    rng: checkRng(op, "options.seed", o.seed),
    shuffle: checkBool(op, "options.shuffle", o.shuffle ?? defaults.shuffle),
  };
}

/** Sample counts per group: `n // k` each, the first `n % k` groups one more (scikit-learn's rule). */
export function perGroup(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

/** Reorders the rows of `x` (width `f`) and `y` (width `yw`) by one random permutation. */
export function shuffleRows(
  x: Float64Array,
  f: number,
  y: Float64Array | Int32Array,
  yw: number,
  rng: Rng,
): void {
  const n = y.length / yw;
  const perm = rng.permutation(n);
  const xs = x.slice();
  const ys = y.slice();
  for (let i = 0; i < n; i++) {
    const r = perm[i]!;
    x.set(xs.subarray(r * f, r * f + f), i * f);
    y.set(ys.subarray(r * yw, r * yw + yw), i * yw);
  }
}

/** Adds `N(0, noise²)` to every value (draws nothing when noise is 0). */
export function addNoise(x: Float64Array, noise: number, rng: Rng): void {
  if (noise === 0) return;
  for (let i = 0; i < x.length; i++) x[i]! += noise * rng.normal();
}

/** Default feature names `x0, x1, …`. */
export function featureNames(f: number): string[] {
  return Array.from({ length: f }, (_, i) => `x${i}`);
}

/** Packs a generated classification set as a {@link Dataset}. */
export function classification(
  name: string,
  x: Float64Array,
  f: number,
  y: Int32Array,
  classes: number,
  description: string,
): Dataset {
  return {
    name,
    task: "classification",
    x: new Tensor(Float32Array.from(x), [y.length, f]),
    y: new Tensor(y, [y.length]),
    featureNames: featureNames(f),
    targetNames: Array.from({ length: classes }, (_, i) => String(i)),
    description,
  };
}
