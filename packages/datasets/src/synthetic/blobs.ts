import { optionNames, Tensor, ValueError } from "@neurite/tensor";
import { checkBool, checkInt, checkOptions, checkRng } from "../internal/check.js";
import { describe } from "../internal/describe.js";
import type { Dataset } from "../types.js";
import { classification, perGroup, type SyntheticOptions, shuffleRows } from "./common.js";

/** Options of {@link makeBlobs}. */
export interface BlobsOptions extends SyntheticOptions {
  /** Features per sample (default 2; ignored when `centers` lists coordinates). */
  readonly nFeatures?: number;
  /** Number of clusters (default 3), or their coordinates `[clusters][features]`. */
  readonly centers?: number | readonly (readonly number[])[];
  /**
   * The noise: standard deviation of each cluster (default 1), one value for
   * all or one per cluster.
   */
  readonly clusterStd?: number | readonly number[];
  /** Box `[low, high)` random centres are drawn from (default `[-10, 10]`). */
  readonly centerBox?: readonly [number, number];
}

const BLOBS_OPTIONS = optionNames<BlobsOptions>({
  nSamples: true,
  seed: true,
  shuffle: true,
  nFeatures: true,
  centers: true,
  clusterStd: true,
  centerBox: true,
});

/** The blobs and the centres they were drawn around. */
export interface BlobsDataset extends Dataset {
  /** Cluster centres, float32 `[clusters, features]`. */
  readonly centers: Tensor;
}

/**
 * Gaussian clusters, one class each, like scikit-learn's `make_blobs`: random
 * centres in `centerBox` (or the given ones), `n // clusters` samples per
 * cluster (the first `n % clusters` one more), each drawn from
 * `N(centre, clusterStd²)` per coordinate. `clusterStd` is this generator's
 * noise setting.
 *
 * @param options - `nSamples` (100), `nFeatures` (2), `centers` (3), `clusterStd` (1), `centerBox` ([-10, 10]), `seed` (0), `shuffle` (true)
 * @returns `x` float32 `[n, features]`, `y` int32 `[n]`, and `centers`
 * @throws ValueError for bad counts, negative deviations or ragged centres
 */
export function makeBlobs(options?: BlobsOptions): BlobsDataset {
  const op = "makeBlobs";
  const o = checkOptions(op, options, BLOBS_OPTIONS);
  const n = checkInt(op, "options.nSamples", o.nSamples ?? 100, 1);
  const rng = checkRng(op, "options.seed", o.seed);
  const shuffle = checkBool(op, "options.shuffle", o.shuffle ?? true);
  const box = o.centerBox ?? [-10, 10];
  if (!Array.isArray(box) || box.length !== 2 || !box.every(Number.isFinite) || !(box[0] <= box[1]))
    throw new ValueError(
      op,
      "options.centerBox",
      `expected [low, high] with finite low <= high, got ${describe(box)}`,
    );
  let centers: number[][];
  const c = o.centers ?? 3;
  if (typeof c === "number") {
    const k = checkInt(op, "options.centers", c, 1);
    const f = checkInt(op, "options.nFeatures", o.nFeatures ?? 2, 1);
    centers = Array.from({ length: k }, () =>
      Array.from({ length: f }, () => rng.uniformRange(box[0], box[1])),
    );
  } else if (Array.isArray(c) && c.length > 0 && Array.isArray(c[0]) && c[0].length > 0) {
    const f = c[0].length;
    centers = c.map((row, i) => {
      if (!Array.isArray(row) || row.length !== f || !row.every(Number.isFinite))
        throw new ValueError(
          op,
          "options.centers",
          `centre ${i} should be ${f} finite numbers, got ${describe(row)}`,
        );
      return [...row];
    });
  } else
    throw new ValueError(
      op,
      "options.centers",
      `expected a number of clusters or a list of centres, got ${describe(c)}`,
    );
  const k = centers.length;
  const f = centers[0]!.length;
  const stdIn = o.clusterStd ?? 1;
  const std =
    typeof stdIn === "number"
      ? new Array<number>(k).fill(stdIn)
      : Array.isArray(stdIn)
        ? [...stdIn]
        : [];
  if (std.length !== k || !std.every((s) => typeof s === "number" && Number.isFinite(s) && s >= 0))
    throw new ValueError(
      op,
      "options.clusterStd",
      `expected one number >= 0 or ${k} of them, got ${describe(stdIn)}`,
    );
  const x = new Float64Array(n * f);
  const y = new Int32Array(n);
  let row = 0;
  perGroup(n, k).forEach((m, ci) => {
    for (let j = 0; j < m; j++, row++) {
      for (let d = 0; d < f; d++) x[row * f + d] = centers[ci]![d]! + std[ci]! * rng.normal();
      y[row] = ci;
    }
  });
  if (shuffle) shuffleRows(x, f, y, 1, rng);
  const base = classification(
    "blobs",
    x,
    f,
    y,
    k,
    `${k} Gaussian clusters in ${f} dimensions (make_blobs).`,
  );
  return { ...base, centers: new Tensor(Float32Array.from(centers.flat()), [k, f]) };
}
