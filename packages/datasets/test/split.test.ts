import { DTypeError, Rng, ShapeError, Tensor, tensor, ValueError } from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadWine, trainTestSplit } from "../src/index.js";
import { approximateMode, splitSizes } from "../src/preprocess/split.js";
import { counts, expectError } from "./helpers.js";

const range = (n: number): Tensor =>
  new Tensor(
    Float32Array.from({ length: n }, (_, i) => i),
    [n, 1],
  );
const labels = (values: number[]): Tensor => new Tensor(Int32Array.from(values), [values.length]);

describe("trainTestSplit sizes (scikit-learn's rules)", () => {
  it("wine: 178 samples → 133 train, 45 test (test rounded up)", () => {
    const { x, y } = loadWine();
    const s = trainTestSplit(x, y, { seed: 0 });
    expect(s.xTrain.shape).toEqual([133, 13]);
    expect(s.xTest.shape).toEqual([45, 13]);
    expect(s.yTrain.shape).toEqual([133]);
  });
  it("boston-sized: 506 → 379 / 127", () => {
    expect(splitSizes("t", 506, undefined, undefined)).toEqual([379, 127]);
  });
  it("accepts counts and fractions for either side", () => {
    expect(splitSizes("t", 10, 3, undefined)).toEqual([7, 3]);
    expect(splitSizes("t", 10, undefined, 0.55)).toEqual([5, 5]); // floor(5.5)
    expect(splitSizes("t", 10, 0.21, undefined)).toEqual([7, 3]); // ceil(2.1)
    expect(splitSizes("t", 10, 2, 5)).toEqual([5, 2]);
  });
});

describe("trainTestSplit", () => {
  it("the same seed gives identical bits; another seed another split", () => {
    const { x, y } = loadWine();
    const a = trainTestSplit(x, y, { seed: 42 });
    const b = trainTestSplit(x, y, { seed: 42 });
    const c = trainTestSplit(x, y, { seed: 43 });
    expect(Buffer.from(a.xTrain.data.buffer).equals(Buffer.from(b.xTrain.data.buffer))).toBe(true);
    expect(Array.from(a.indices.test)).toEqual(Array.from(b.indices.test));
    expect(Array.from(a.indices.test)).not.toEqual(Array.from(c.indices.test));
  });
  it("an Rng works as the seed and advances", () => {
    const x = range(20);
    const rng = new Rng(5);
    const a = trainTestSplit(x, x, { seed: rng });
    const b = trainTestSplit(x, x, { seed: rng });
    const c = trainTestSplit(x, x, { seed: new Rng(5) });
    expect(Array.from(a.indices.test)).toEqual(Array.from(c.indices.test));
    expect(Array.from(a.indices.test)).not.toEqual(Array.from(b.indices.test));
  });
  it("rows stay paired: y follows x", () => {
    const x = range(30);
    const s = trainTestSplit(x, x.reshape([30]), { seed: 3 });
    expect(Array.from(s.xTrain.data)).toEqual(Array.from(s.yTrain.data));
    expect(Array.from(s.xTest.data)).toEqual(Array.from(s.yTest.data));
    expect(Array.from(s.xTest.data)).toEqual(Array.from(s.indices.test));
  });
  it("shuffle: false puts the last rows in the test set, in order", () => {
    const x = range(8);
    const s = trainTestSplit(x, x, { shuffle: false, testSize: 3 });
    expect(Array.from(s.xTrain.data)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(s.xTest.data)).toEqual([5, 6, 7]);
  });
  it("works on image-shaped x and one-hot y", () => {
    const x = new Tensor(new Float32Array(10 * 2 * 2), [10, 2, 2]);
    const y = new Tensor(new Float32Array(10 * 3), [10, 3]);
    const s = trainTestSplit(x, y, { testSize: 0.2 });
    expect(s.xTrain.shape).toEqual([8, 2, 2]);
    expect(s.yTest.shape).toEqual([2, 3]);
  });
  it("stratify keeps wine's class proportions: train 44/53/36, test 15/18/12", () => {
    const { x, y } = loadWine();
    const s = trainTestSplit(x, y, { seed: 0, stratify: true });
    // By hand: 133·59/178 = 44.08, 133·71/178 = 53.05, 133·48/178 = 35.87 → floors 44, 53, 35,
    // one left for the largest remainder (class 2) → 44/53/36; the rest 15/18/12 is the test set.
    expect(counts(s.yTrain.data)).toEqual({ 0: 44, 1: 53, 2: 36 });
    expect(counts(s.yTest.data)).toEqual({ 0: 15, 1: 18, 2: 12 });
    for (let seed = 1; seed < 5; seed++)
      expect(counts(trainTestSplit(x, y, { seed, stratify: true }).yTest.data)).toEqual({
        0: 15,
        1: 18,
        2: 12,
      });
  });
  it("stratifies by one-hot rows and by explicit labels", () => {
    const y = labels([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const oneHotY = new Tensor(
      Float32Array.from([...y.data].flatMap((c) => (c === 0 ? [1, 0] : [0, 1]))),
      [10, 2],
    );
    const x = range(10);
    expect(
      counts(
        trainTestSplit(x, oneHotY, { testSize: 5, stratify: true }).indices.test.map(
          (i) => y.data[i]!,
        ),
      ),
    ).toEqual({ 0: 3, 1: 2 });
    expect(
      counts(
        trainTestSplit(x, x, {
          testSize: 5,
          stratify: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
        }).indices.test.map((i) => y.data[i]!),
      ),
    ).toEqual({ 0: 3, 1: 2 });
  });
  it("approximateMode: floors, then the largest remainders", () => {
    const rng = new Rng(0);
    expect(approximateMode([59, 71, 48], 133, rng)).toEqual([44, 53, 36]);
    expect(approximateMode([15, 18, 12], 45, rng)).toEqual([15, 18, 12]);
    expect(approximateMode([5, 5], 5, rng).sort()).toEqual([2, 3]); // a tie, broken at random
    expect(approximateMode([10, 0, 30], 4, rng)).toEqual([1, 0, 3]);
  });
  it("property: every row lands in exactly one side, sizes as asked", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (n, frac, seed) => {
          const nTest = Math.ceil(frac * n);
          fc.pre(nTest < n);
          const x = range(n);
          const s = trainTestSplit(x, x, { testSize: frac, seed });
          const all = [...s.indices.train, ...s.indices.test].sort((a, b) => a - b);
          expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
          expect(s.indices.test.length).toBe(nTest);
        },
      ),
      { numRuns: 200 },
    );
  });
  it("property: a stratified split is a partition whose class counts differ from the exact proportion by less than 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 40 }), { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        (sizes, seed) => {
          const y = labels(sizes.flatMap((m, c) => new Array<number>(m).fill(c)));
          const n = y.size;
          const nTest = Math.ceil(0.25 * n);
          fc.pre(nTest >= sizes.length && n - nTest >= sizes.length);
          const s = trainTestSplit(range(n), y, { seed, stratify: true });
          const all = [...s.indices.train, ...s.indices.test].sort((a, b) => a - b);
          expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
          const c = counts(s.yTest.data);
          sizes.forEach((m, k) => {
            expect(Math.abs((c[k] ?? 0) - (m * nTest) / n)).toBeLessThan(1 + 1e-9);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("trainTestSplit errors", () => {
  const x = range(10);
  it("x and y of different lengths", () => {
    expectError(
      () => trainTestSplit(x, range(9)),
      ShapeError,
      "trainTestSplit",
      "same number of samples",
      "x has 10",
      "y has 9",
    );
  });
  it("x that is not a tensor", () => {
    expectError(
      () => trainTestSplit([1, 2] as unknown as Tensor, x),
      DTypeError,
      "trainTestSplit",
      "'x'",
      "expected a Tensor",
    );
  });
  it("testSize 0, 1, 10 or 1.5", () => {
    for (const t of [0, 1.5, 10, -1])
      expectError(
        () => trainTestSplit(x, x, { testSize: t }),
        ValueError,
        "options.testSize",
        "fraction in (0, 1)",
        `got ${t}`,
      );
  });
  it("trainSize + testSize larger than the data", () => {
    expectError(
      () => trainTestSplit(x, x, { testSize: 5, trainSize: 6 }),
      ValueError,
      "add up to more than the 10 samples",
    );
  });
  it("a split that leaves a side empty", () => {
    expectError(
      () => trainTestSplit(range(3), range(3), { testSize: 0.01, trainSize: 0.1 }),
      ValueError,
      "empty training set",
    );
  });
  it("fewer than 2 samples", () => {
    expectError(() => trainTestSplit(range(1), range(1)), ValueError, "at least 2 samples");
  });
  it("a seed that is not an integer", () => {
    expectError(
      () => trainTestSplit(x, x, { seed: 1.5 }),
      ValueError,
      "options.seed",
      "integer seed or an Rng",
      "1.5",
    );
  });
  it("shuffle that is not a boolean", () => {
    expectError(
      () => trainTestSplit(x, x, { shuffle: "no" as unknown as boolean }),
      ValueError,
      "options.shuffle",
    );
  });
  it("stratify without shuffle", () => {
    expectError(
      () =>
        trainTestSplit(x, labels([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]), {
          stratify: true,
          shuffle: false,
        }),
      ValueError,
      "options.stratify",
      "shuffle: true",
    );
  });
  it("stratify with a class of one sample", () => {
    expectError(
      () => trainTestSplit(x, labels([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), { stratify: true }),
      ValueError,
      "class 1 has only 1 sample",
    );
  });
  it("stratify by float targets", () => {
    expectError(
      () => trainTestSplit(x, tensor([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]), { stratify: true }),
      DTypeError,
      "options.stratify",
      "int32 class labels",
      "float32",
    );
  });
  it("stratify labels of the wrong length", () => {
    expectError(
      () => trainTestSplit(x, x, { stratify: [0, 1, 0, 1] }),
      ShapeError,
      "expected 10 labels",
      "got 4",
    );
  });
  it("stratify with more classes than test samples", () => {
    const y = labels([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expectError(
      () => trainTestSplit(x, y, { stratify: true, testSize: 3 }),
      ValueError,
      "5 classes needs at least 5 samples on each side",
      "7 train and 3 test",
    );
  });
});
