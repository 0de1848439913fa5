import { DTypeError, optionNames, type Rng, ShapeError, Tensor, ValueError } from "@neurite/tensor";
import { checkOptions, checkRng, checkSameRows, fmtShape } from "../internal/check.js";
import { describe, describeArg } from "../internal/describe.js";
import { takeRows } from "../internal/rows.js";
import type { IndexSplit, Split } from "../types.js";

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /**
   * Size of the test set: a fraction in (0, 1) (rounded up, as scikit-learn
   * does) or a number of samples. Default 0.25, or the complement of `trainSize`.
   */
  readonly testSize?: number;
  /** Size of the training set: a fraction (rounded down) or a count. Default: the rest. */
  readonly trainSize?: number;
  /** Shuffle before splitting (default true). Without shuffling the test set is the last rows. */
  readonly shuffle?: boolean;
  /** Seed or `Rng` for the shuffle (default seed 0: the same split every run). */
  readonly seed?: number | Rng;
  /**
   * Keep class proportions equal in both sets: `true` to stratify by `y`
   * (int32 labels or one-hot rows), or the labels to stratify by.
   */
  readonly stratify?: boolean | Tensor | readonly number[];
}

const TRAIN_TEST_SPLIT_OPTIONS = optionNames<TrainTestSplitOptions>({
  testSize: true,
  trainSize: true,
  shuffle: true,
  seed: true,
  stratify: true,
});

function sizeFrom(
  op: string,
  arg: string,
  v: unknown,
  n: number,
  round: (x: number) => number,
): number {
  if (typeof v === "number" && v > 0 && v < 1) return round(v * n);
  if (typeof v === "number" && Number.isInteger(v) && v >= 1 && v < n) return v;
  throw new ValueError(
    op,
    arg,
    `expected a fraction in (0, 1) or a whole number of samples in [1, ${n - 1}] for ${n} samples, got ${describeArg(v)}`,
  );
}

/** Train and test sizes as scikit-learn computes them. */
export function splitSizes(
  op: string,
  n: number,
  testSize: unknown,
  trainSize: unknown,
): [number, number] {
  if (n < 2) throw new ValueError(op, "x", `expected at least 2 samples to split, got ${n}`);
  let nTest =
    testSize === undefined ? undefined : sizeFrom(op, "options.testSize", testSize, n, Math.ceil);
  let nTrain =
    trainSize === undefined
      ? undefined
      : sizeFrom(op, "options.trainSize", trainSize, n, Math.floor);
  if (nTest === undefined && nTrain === undefined) nTest = Math.ceil(0.25 * n);
  nTrain ??= n - nTest!;
  nTest ??= n - nTrain;
  if (nTrain + nTest > n)
    throw new ValueError(
      op,
      "options.trainSize",
      `train (${nTrain}) and test (${nTest}) sizes add up to more than the ${n} samples`,
    );
  if (nTrain === 0 || nTest === 0)
    throw new ValueError(
      op,
      "options.testSize",
      `with ${n} samples these sizes leave an empty ${nTrain === 0 ? "training" : "test"} set`,
    );
  return [nTrain, nTest];
}

/** Class labels per sample from an int32 `[n]` tensor, a one-hot `[n, k]` tensor or an array. */
export function classLabels(op: string, arg: string, v: unknown, n: number): Int32Array {
  let labels: Int32Array;
  if (Array.isArray(v)) {
    labels = new Int32Array(v.length);
    v.forEach((c, i) => {
      if (!Number.isInteger(c))
        throw new ValueError(
          op,
          arg,
          `expected integer class labels, got ${describe(c)} at position ${i}`,
        );
      labels[i] = c;
    });
  } else if (v instanceof Tensor && v.rank === 1) {
    if (v.dtype !== "int32")
      throw new DTypeError(
        op,
        arg,
        `expected int32 class labels or one-hot rows, got a ${v.dtype} tensor of shape ${fmtShape(v.shape)}`,
      );
    labels = v.data as Int32Array;
  } else if (v instanceof Tensor && v.rank === 2 && v.shape[1]! >= 2) {
    labels = v.argmax(1).data as Int32Array;
  } else {
    throw new ShapeError(
      op,
      arg,
      `expected int32 labels [n] or one-hot rows [n, classes], got ${v instanceof Tensor ? `shape ${fmtShape(v.shape)}` : describe(v)}`,
    );
  }
  if (labels.length !== n)
    throw new ShapeError(op, arg, `expected ${n} labels (one per sample), got ${labels.length}`);
  return labels;
}

/**
 * Splits `n_draws` among classes in proportion to `counts`, as scikit-learn's
 * `_approximate_mode`: floors first, then one more to the classes with the
 * largest remainders, ties broken at random.
 */
export function approximateMode(counts: readonly number[], draws: number, rng: Rng): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const out = counts.map((c) => Math.floor((c * draws) / total));
  let need = draws - out.reduce((a, b) => a + b, 0);
  // Exact integer remainders, so equal fractions compare equal.
  const rem = counts.map((c, i) => c * draws - out[i]! * total);
  const levels = [...new Set(rem)].sort((a, b) => b - a);
  for (const level of levels) {
    if (need === 0) break;
    const ties = rem.flatMap((r, i) => (r === level ? [i] : []));
    rng.shuffleInPlace(ties);
    for (const i of ties.slice(0, Math.min(ties.length, need))) out[i]!++;
    need -= Math.min(ties.length, need);
  }
  return out;
}

function stratifiedIndices(
  op: string,
  labels: Int32Array,
  nTrain: number,
  nTest: number,
  rng: Rng,
): IndexSplit {
  const byClass = new Map<number, number[]>();
  labels.forEach((c, i) => {
    const list = byClass.get(c);
    if (list) list.push(i);
    else byClass.set(c, [i]);
  });
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const counts = classes.map((c) => byClass.get(c)!.length);
  const smallest = Math.min(...counts);
  if (smallest < 2)
    throw new ValueError(
      op,
      "options.stratify",
      `class ${classes[counts.indexOf(smallest)]} has only ${smallest} sample; every class needs at least 2 to appear on both sides`,
    );
  if (nTrain < classes.length || nTest < classes.length)
    throw new ValueError(
      op,
      "options.testSize",
      `a stratified split of ${classes.length} classes needs at least ${classes.length} samples on each side, got ${nTrain} train and ${nTest} test`,
    );
  const trainPer = approximateMode(counts, nTrain, rng);
  const testPer = approximateMode(
    counts.map((c, k) => c - trainPer[k]!),
    nTest,
    rng,
  );
  const train: number[] = [];
  const test: number[] = [];
  classes.forEach((c, k) => {
    const members = rng.shuffleInPlace(byClass.get(c)!.slice());
    train.push(...members.slice(0, trainPer[k]));
    test.push(...members.slice(trainPer[k], trainPer[k]! + testPer[k]!));
  });
  return {
    train: rng.shuffleInPlace(Int32Array.from(train)),
    test: rng.shuffleInPlace(Int32Array.from(test)),
  };
}

/**
 * Splits samples into a training and a test set, like scikit-learn's
 * `train_test_split`: by default 25 % test (rounded up), shuffled with a seed,
 * optionally stratified so that each class keeps its proportion on both sides.
 * The same seed gives the same split; the rows differ from scikit-learn's
 * (another random generator). For the textbook's exact rows use
 * {@link bookSplit} with {@link applySplit}.
 *
 * @param x - features, `[n, ...]`
 * @param y - targets, `[n, ...]`
 * @param options - `testSize`, `trainSize`, `shuffle`, `seed`, `stratify`
 * @throws ShapeError when x and y differ in length; ValueError for sizes that leave a side empty
 * @example
 * ```ts
 * const { x, y } = loadWine();
 * const { xTrain, xTest, yTrain, yTest } = trainTestSplit(x, y, { testSize: 0.25, seed: 0, stratify: true });
 * xTrain.shape; // [133, 13]
 * ```
 */
export function trainTestSplit(x: Tensor, y: Tensor, options?: TrainTestSplitOptions): Split {
  const op = "trainTestSplit";
  const n = checkSameRows(op, x, y);
  const o = checkOptions(op, options, TRAIN_TEST_SPLIT_OPTIONS);
  const shuffle = o.shuffle ?? true;
  if (typeof shuffle !== "boolean")
    throw new ValueError(op, "options.shuffle", `expected true or false, got ${describe(shuffle)}`);
  const [nTrain, nTest] = splitSizes(op, n, o.testSize, o.trainSize);
  const rng = checkRng(op, "options.seed", o.seed);
  const stratify = o.stratify ?? false;
  let indices: IndexSplit;
  if (stratify !== false) {
    if (!shuffle)
      throw new ValueError(op, "options.stratify", "a stratified split needs shuffle: true");
    const labels = classLabels(op, "options.stratify", stratify === true ? y : stratify, n);
    indices = stratifiedIndices(op, labels, nTrain, nTest, rng);
  } else if (shuffle) {
    const perm = rng.permutation(n);
    indices = { train: perm.slice(nTest, nTest + nTrain), test: perm.slice(0, nTest) };
  } else {
    const all = Int32Array.from({ length: nTrain + nTest }, (_, i) => i);
    indices = { train: all.slice(0, nTrain), test: all.slice(nTrain) };
  }
  return applyChecked(x, y, indices);
}

function applyChecked(x: Tensor, y: Tensor, indices: IndexSplit): Split {
  return {
    xTrain: takeRows(x, indices.train),
    yTrain: takeRows(y, indices.train),
    xTest: takeRows(x, indices.test),
    yTest: takeRows(y, indices.test),
    indices,
  };
}

function indexArray(op: string, arg: string, v: unknown, n: number): Int32Array {
  let out: Int32Array;
  if (v instanceof Int32Array) out = v.slice();
  else if (Array.isArray(v)) out = Int32Array.from(v as number[]);
  else
    throw new DTypeError(
      op,
      arg,
      `expected an Int32Array or an array of row indices, got ${describe(v)}`,
    );
  for (let i = 0; i < out.length; i++) {
    const r = Array.isArray(v) ? (v as unknown[])[i] : out[i];
    if (typeof r !== "number" || !Number.isInteger(r) || r < 0 || r >= n)
      throw new ValueError(
        op,
        arg,
        `index ${describe(r)} at position ${i} is not a row of the ${n} samples`,
      );
  }
  return out;
}

/**
 * Applies a split given as row indices (e.g. {@link bookSplit}) to `x` and `y`.
 *
 * @param x - features, `[n, ...]`
 * @param y - targets, `[n, ...]`
 * @param split - `{ train, test }` row indices (Int32Array or number[])
 * @throws ShapeError when x and y differ in length; ValueError for an index out of range or used twice
 */
export function applySplit(
  x: Tensor,
  y: Tensor,
  split: {
    readonly train: Int32Array | readonly number[];
    readonly test: Int32Array | readonly number[];
  },
): Split {
  const op = "applySplit";
  const n = checkSameRows(op, x, y);
  if (typeof split !== "object" || split === null)
    throw new ValueError(
      op,
      "split",
      `expected { train, test } row indices, got ${describe(split)}`,
    );
  const train = indexArray(op, "split.train", split.train, n);
  const test = indexArray(op, "split.test", split.test, n);
  const seen = new Uint8Array(n);
  for (const [name, list] of [
    ["train", train],
    ["test", test],
  ] as const) {
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      if (seen[r]! !== 0)
        throw new ValueError(
          op,
          `split.${name}`,
          `row ${r} (position ${i}) is already in the split; train and test must not share rows`,
        );
      seen[r] = 1;
    }
  }
  return applyChecked(x, y, { train, test });
}
