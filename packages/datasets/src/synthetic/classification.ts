import { optionNames, type Rng, ValueError } from "@neurite/tensor";
import { checkBool, checkFinite, checkInt, checkOptions, checkRng } from "../internal/check.js";
import { describe, describeArg } from "../internal/describe.js";
import type { Dataset } from "../types.js";
import { classification, type SyntheticOptions, shuffleRows } from "./common.js";

/** Options of {@link makeClassification}. */
export interface ClassificationOptions extends SyntheticOptions {
  /** Total features (default 20). */
  readonly nFeatures?: number;
  /** Features that carry the class signal (default 2). */
  readonly nInformative?: number;
  /** Random linear combinations of the informative features (default 2). */
  readonly nRedundant?: number;
  /** Copies of informative or redundant features (default 0). */
  readonly nRepeated?: number;
  /** Number of classes (default 2). */
  readonly nClasses?: number;
  /** Gaussian clusters per class (default 2). */
  readonly nClustersPerClass?: number;
  /** Proportion of samples per class (default equal); `nClasses − 1` values leave the rest to the last class. */
  readonly weights?: readonly number[];
  /** The label noise: fraction of samples whose class is replaced at random (default 0.01). */
  readonly flipY?: number;
  /** Distance between cluster centres: the hypercube's side is `2 · classSep` (default 1). */
  readonly classSep?: number;
  /** Put centres on hypercube vertices (default true); otherwise on a random polytope. */
  readonly hypercube?: boolean;
  /** Added to every feature (default 0; scikit-learn's random shift is not offered). */
  readonly shift?: number;
  /** Every feature is multiplied by it (default 1). */
  readonly scale?: number;
}

const CLASSIFICATION_OPTIONS = optionNames<ClassificationOptions>({
  nSamples: true,
  seed: true,
  shuffle: true,
  nFeatures: true,
  nInformative: true,
  nRedundant: true,
  nRepeated: true,
  nClasses: true,
  nClustersPerClass: true,
  weights: true,
  flipY: true,
  classSep: true,
  hypercube: true,
  shift: true,
  scale: true,
});

/** `count` distinct vertices of the `d`-dimensional unit hypercube, as 0/1 rows. */
function hypercubeVertices(count: number, d: number, rng: Rng): Float64Array {
  const out = new Float64Array(count * d);
  const extra = Math.max(0, d - 30);
  const bits = d - extra;
  const seen = new Set<number>();
  const total = 2 ** bits;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < extra; j++) out[i * d + j] = rng.int(2);
    let v: number;
    do v = rng.int(total);
    while (seen.has(v));
    seen.add(v);
    for (let j = 0; j < bits; j++) out[i * d + extra + j] = Math.floor(v / 2 ** (bits - 1 - j)) % 2;
  }
  return out;
}

/**
 * A random n-class problem, like scikit-learn's `make_classification`: each
 * class is made of `nClustersPerClass` Gaussian clusters placed on vertices of a
 * hypercube of side `2 · classSep` in the informative subspace, each with a
 * random covariance; redundant features are random linear combinations of the
 * informative ones, repeated features copies, the rest pure noise. A fraction
 * `flipY` of labels is then reassigned at random (this generator's noise).
 * Samples and features are shuffled. Differences from scikit-learn: the random
 * generator (so the numbers differ), and `shift`/`scale` are numbers only.
 *
 * @param options - see {@link ClassificationOptions}; defaults as scikit-learn
 * @returns `x` float32 `[n, nFeatures]`, `y` int32 `[n]` in 0..nClasses−1
 * @throws ValueError when the feature counts exceed `nFeatures`, or the clusters
 *   need more vertices than `2^nInformative`, or for bad weights
 */
export function makeClassification(options?: ClassificationOptions): Dataset {
  const op = "makeClassification";
  const o = checkOptions(op, options, CLASSIFICATION_OPTIONS);
  const n = checkInt(op, "options.nSamples", o.nSamples ?? 100, 1);
  const f = checkInt(op, "options.nFeatures", o.nFeatures ?? 20, 1);
  const inf = checkInt(op, "options.nInformative", o.nInformative ?? 2, 1);
  const red = checkInt(op, "options.nRedundant", o.nRedundant ?? 2, 0);
  const rep = checkInt(op, "options.nRepeated", o.nRepeated ?? 0, 0);
  const k = checkInt(op, "options.nClasses", o.nClasses ?? 2, 1);
  const cpc = checkInt(op, "options.nClustersPerClass", o.nClustersPerClass ?? 2, 1);
  const flipY = o.flipY ?? 0.01;
  if (typeof flipY !== "number" || !(flipY >= 0 && flipY <= 1))
    throw new ValueError(
      op,
      "options.flipY",
      `expected a fraction in [0, 1], got ${describeArg(flipY)}`,
    );
  const sep = checkFinite(op, "options.classSep", o.classSep ?? 1);
  const hypercube = checkBool(op, "options.hypercube", o.hypercube ?? true);
  const shift = checkFinite(op, "options.shift", o.shift ?? 0);
  const scale = checkFinite(op, "options.scale", o.scale ?? 1);
  const rng = checkRng(op, "options.seed", o.seed);
  const shuffle = checkBool(op, "options.shuffle", o.shuffle ?? true);
  if (inf + red + rep > f)
    throw new ValueError(
      op,
      "options.nFeatures",
      `informative (${inf}), redundant (${red}) and repeated (${rep}) features must add up to at most nFeatures = ${f}`,
    );
  const nClusters = k * cpc;
  if (nClusters > 2 ** inf)
    throw new ValueError(
      op,
      "options.nInformative",
      `nClasses · nClustersPerClass = ${nClusters} clusters need at least ${Math.ceil(Math.log2(nClusters))} informative features (2^nInformative vertices), got ${inf}`,
    );
  let weights: number[];
  if (o.weights === undefined) weights = new Array<number>(k).fill(1 / k);
  else {
    const w = o.weights;
    if (
      !Array.isArray(w) ||
      (w.length !== k && w.length !== k - 1) ||
      !w.every((v) => typeof v === "number" && v >= 0)
    )
      throw new ValueError(
        op,
        "options.weights",
        `expected ${k} or ${k - 1} non-negative numbers, got ${describe(w)}`,
      );
    weights = [...w];
    if (weights.length === k - 1) {
      const rest = 1 - weights.reduce((a, b) => a + b, 0);
      if (rest < 0)
        throw new ValueError(op, "options.weights", `the ${k - 1} weights add up to more than 1`);
      weights.push(rest);
    }
  }
  // Samples per cluster, as scikit-learn: proportional, then one more round-robin.
  const perCluster = Array.from({ length: nClusters }, (_, c) =>
    Math.floor((n * weights[c % k]!) / cpc),
  );
  for (let i = 0, left = n - perCluster.reduce((a, b) => a + b, 0); i < left; i++)
    perCluster[i % nClusters]!++;

  const centroids = hypercubeVertices(nClusters, inf, rng);
  for (let i = 0; i < centroids.length; i++) centroids[i] = centroids[i]! * 2 * sep - sep;
  if (!hypercube) {
    for (let c = 0; c < nClusters; c++) {
      const u = rng.uniform();
      for (let j = 0; j < inf; j++) centroids[c * inf + j]! *= u;
    }
    const v = Array.from({ length: inf }, () => rng.uniform());
    for (let c = 0; c < nClusters; c++)
      for (let j = 0; j < inf; j++) centroids[c * inf + j]! *= v[j]!;
  }

  const x = new Float64Array(n * f);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) for (let j = 0; j < inf; j++) x[r * f + j] = rng.normal();
  let start = 0;
  const tmp = new Float64Array(inf);
  for (let c = 0; c < nClusters; c++) {
    const stop = start + perCluster[c]!;
    const a = Array.from({ length: inf * inf }, () => 2 * rng.uniform() - 1);
    for (let r = start; r < stop; r++) {
      y[r] = c % k;
      for (let j = 0; j < inf; j++) {
        let s = 0;
        for (let p = 0; p < inf; p++) s += x[r * f + p]! * a[p * inf + j]!;
        tmp[j] = s;
      }
      for (let j = 0; j < inf; j++) x[r * f + j] = tmp[j]! + centroids[c * inf + j]!;
    }
    start = stop;
  }
  if (red > 0) {
    const b = Array.from({ length: inf * red }, () => 2 * rng.uniform() - 1);
    for (let r = 0; r < n; r++)
      for (let j = 0; j < red; j++) {
        let s = 0;
        for (let p = 0; p < inf; p++) s += x[r * f + p]! * b[p * red + j]!;
        x[r * f + inf + j] = s;
      }
  }
  if (rep > 0) {
    const m = inf + red;
    const src = Array.from({ length: rep }, () => Math.floor((m - 1) * rng.uniform() + 0.5));
    for (let r = 0; r < n; r++)
      for (let j = 0; j < rep; j++) x[r * f + m + j] = x[r * f + src[j]!]!;
  }
  for (let r = 0; r < n; r++) for (let j = inf + red + rep; j < f; j++) x[r * f + j] = rng.normal();
  if (flipY > 0) {
    const flip = Array.from({ length: n }, () => rng.uniform() < flipY);
    for (let r = 0; r < n; r++) if (flip[r]) y[r] = rng.int(k);
  }
  for (let i = 0; i < x.length; i++) x[i] = (x[i]! + shift) * scale;
  if (shuffle) {
    shuffleRows(x, f, y, 1, rng);
    const perm = rng.permutation(f);
    const xs = x.slice();
    for (let r = 0; r < n; r++) for (let d = 0; d < f; d++) x[r * f + d] = xs[r * f + perm[d]!]!;
  }
  return classification(
    "classification",
    x,
    f,
    y,
    k,
    `A random ${k}-class problem (make_classification): ${inf} informative, ${red} redundant, ${rep} repeated and ${f - inf - red - rep} noise features.`,
  );
}
