import { DTypeError, ShapeError, Tensor, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { applySplit, bookSplit, loadWine, MinMaxScaler, StandardScaler } from "../src/index.js";
import { expectError } from "./helpers.js";

const X = tensor([
  [1, 2, 5],
  [3, 6, 5],
  [5, 10, 5],
]);

describe("StandardScaler", () => {
  it("matches a hand computation (population std, as scikit-learn)", () => {
    const s = new StandardScaler().fit(X);
    // column 0: mean 3, variance ((−2)² + 0² + 2²)/3 = 8/3; column 1: mean 6, variance 32/3
    expect(Array.from(s.mean!)).toEqual([3, 6, 5]);
    expect(s.variance![0]).toBeCloseTo(8 / 3, 14);
    expect(s.variance![1]).toBeCloseTo(32 / 3, 14);
    expect(s.scale![0]).toBeCloseTo(Math.sqrt(8 / 3), 14);
    const z = s.transform(X);
    expect(z.dtype).toBe("float32");
    const a = Math.fround(2 / Math.sqrt(8 / 3)); // = √1.5
    expect(Array.from(z.data)).toEqual([-a, -a, 0, 0, 0, 0, a, a, 0]);
  });
  it("a zero-variance feature gets scale 1 and becomes 0, not NaN", () => {
    const s = new StandardScaler().fit(X);
    expect(s.scale![2]).toBe(1);
    expect(s.variance![2]).toBe(0);
    // 0.1 repeated: the float mean is off by rounding; still constant, still scale 1
    const c = new Tensor(new Float64Array(7).fill(0.1), [7, 1]);
    const sc = new StandardScaler().fit(c);
    expect(sc.scale![0]).toBe(1);
    expect(Array.from(sc.transform(c).data).every((v) => Math.abs(v) < 1e-15)).toBe(true);
  });
  it("inverseTransform undoes transform", () => {
    const s = new StandardScaler().fit(X);
    const back = s.inverseTransform(s.transform(X));
    for (let i = 0; i < back.size; i++) expect(back.data[i]).toBeCloseTo(X.data[i]!, 5);
  });
  it("withMean / withStd switch the two steps off", () => {
    expect(
      Array.from(new StandardScaler({ withStd: false }).fitTransform(X).data.slice(0, 3)),
    ).toEqual([-2, -4, 0]);
    const z = new StandardScaler({ withMean: false }).fitTransform(X);
    expect(z.data[0]).toBeCloseTo(1 / Math.sqrt(8 / 3), 6);
  });
  it("float64 in, float64 out; int32 in, float32 out", () => {
    const x64 = new Tensor(Float64Array.from([1, 2, 3, 4]), [2, 2]);
    expect(new StandardScaler().fitTransform(x64).dtype).toBe("float64");
    expect(new StandardScaler().fitTransform(tensor([[1], [3]], undefined, "int32")).dtype).toBe(
      "float32",
    );
  });
  it("fitted on the training rows only: wine's test set is not centred exactly", () => {
    const { x, y } = loadWine();
    const { xTrain, xTest } = applySplit(x, y, bookSplit("wine"));
    const s = new StandardScaler().fit(xTrain);
    const zTrain = s.transform(xTrain);
    const zTest = s.transform(xTest);
    const colMean = (t: Tensor, c: number): number => {
      let m = 0;
      for (let r = 0; r < t.shape[0]!; r++) m += t.data[r * 13 + c]!;
      return m / t.shape[0]!;
    };
    expect(Math.abs(colMean(zTrain, 0))).toBeLessThan(1e-6);
    expect(Math.abs(colMean(zTest, 0))).toBeGreaterThan(1e-3);
  });
  it("round-trips through JSON and gives identical bits", () => {
    const s = new StandardScaler().fit(X);
    const text = JSON.stringify(s);
    const r = StandardScaler.fromJSON(text);
    expect(JSON.parse(text).type).toBe("StandardScaler");
    expect(
      Buffer.from(r.transform(X).data.buffer).equals(Buffer.from(s.transform(X).data.buffer)),
    ).toBe(true);
    expect(StandardScaler.fromJSON(s.toJSON()).nFeatures).toBe(3);
  });
});

describe("StandardScaler errors", () => {
  it("transform before fit", () => {
    expect(new StandardScaler().fitted).toBe(false);
    expectError(
      () => new StandardScaler().transform(X),
      ValueError,
      "StandardScaler.transform",
      "not fitted",
      "fit(xTrain)",
    );
  });
  it("the wrong number of features", () => {
    const s = new StandardScaler().fit(X);
    expectError(
      () => s.transform(tensor([[1, 2]])),
      ShapeError,
      "StandardScaler.transform",
      "'x'",
      "expected 3 features",
      "[3,3]",
      "got shape [1,2]",
    );
    expectError(
      () => s.inverseTransform(tensor([[1, 2]])),
      ShapeError,
      "StandardScaler.inverseTransform",
      "expected 3 features",
    );
  });
  it("a 1-D input, with a hint", () => {
    expectError(
      () => new StandardScaler().fit(tensor([1, 2, 3])),
      ShapeError,
      "StandardScaler.fit",
      "2-D tensor",
      "got shape [3]",
      "reshape([-1, 1])",
    );
  });
  it("no samples", () => {
    expectError(
      () => new StandardScaler().fit(new Tensor(new Float32Array(0), [0, 2])),
      ValueError,
      "at least one sample",
      "[0,2]",
    );
  });
  it("NaN or Infinity in the data", () => {
    expectError(
      () => new StandardScaler().fit(tensor([[1, Number.NaN]])),
      ValueError,
      "StandardScaler.fit",
      "NaN at row 0, column 1 is not finite",
    );
    const s = new StandardScaler().fit(X);
    expectError(
      () => s.transform(tensor([[1, 2, Number.POSITIVE_INFINITY]])),
      ValueError,
      "StandardScaler.transform",
      "Infinity",
    );
  });
  it("not a tensor", () => {
    expectError(
      () => new StandardScaler().fit([[1]] as unknown as Tensor),
      DTypeError,
      "StandardScaler.fit",
      "expected a Tensor",
    );
  });
  it("bad options", () => {
    expectError(
      () => new StandardScaler({ withMean: 0 as unknown as boolean }),
      ValueError,
      "StandardScaler",
      "options.withMean",
    );
  });
  it("toJSON before fit, and fromJSON of something else", () => {
    expectError(
      () => new StandardScaler().toJSON(),
      ValueError,
      "StandardScaler.toJSON",
      "not fitted",
    );
    expectError(
      () => StandardScaler.fromJSON("{"),
      ValueError,
      "StandardScaler.fromJSON",
      "not valid JSON",
    );
    expectError(
      () => StandardScaler.fromJSON(new MinMaxScaler().fit(X).toJSON() as never),
      ValueError,
      'type "StandardScaler"',
      '"MinMaxScaler"',
    );
    const good = new StandardScaler().fit(X).toJSON();
    expectError(
      () => StandardScaler.fromJSON({ ...good, scale: [1, 2] }),
      ValueError,
      '"scale" to be an array of 3 finite numbers',
    );
    expectError(
      () => StandardScaler.fromJSON({ ...good, scale: [1, 0, 1] }),
      ValueError,
      "positive scales",
    );
    expectError(
      () => StandardScaler.fromJSON({ ...good, nSamplesSeen: 0 }),
      ValueError,
      "nSamplesSeen",
    );
  });
});

describe("MinMaxScaler", () => {
  it("matches a hand computation", () => {
    const s = new MinMaxScaler().fit(X);
    expect(Array.from(s.dataMin!)).toEqual([1, 2, 5]);
    expect(Array.from(s.dataMax!)).toEqual([5, 10, 5]);
    expect(s.transform(X).toArray()).toEqual([
      [0, 0, 0],
      [0.5, 0.5, 0],
      [1, 1, 0],
    ]);
  });
  it("maps to featureRange, constant features to its low end", () => {
    const s = new MinMaxScaler({ featureRange: [-1, 1] }).fit(X);
    expect(s.transform(X).toArray()).toEqual([
      [-1, -1, -1],
      [0, 0, -1],
      [1, 1, -1],
    ]);
  });
  it("values outside the training range fall outside, unless clip", () => {
    const s = new MinMaxScaler().fit(X);
    expect(s.transform(tensor([[9, 0, 5]])).toArray()).toEqual([[2, -0.25, 0]]);
    expect(
      new MinMaxScaler({ clip: true })
        .fit(X)
        .transform(tensor([[9, 0, 5]]))
        .toArray(),
    ).toEqual([[1, 0, 0]]);
  });
  it("inverseTransform and JSON round trip", () => {
    const s = new MinMaxScaler({ featureRange: [2, 4] }).fit(X);
    expect(s.inverseTransform(s.transform(X)).toArray()).toEqual(X.toArray());
    const r = MinMaxScaler.fromJSON(JSON.stringify(s));
    expect(r.featureRange).toEqual([2, 4]);
    expect(r.transform(X).toArray()).toEqual(s.transform(X).toArray());
  });
});

describe("MinMaxScaler errors", () => {
  it("a bad feature range", () => {
    expectError(
      () => new MinMaxScaler({ featureRange: [1, 1] }),
      ValueError,
      "MinMaxScaler",
      "options.featureRange",
      "low < high",
      "[1, 1]",
    );
  });
  it("bad clip", () => {
    expectError(
      () => new MinMaxScaler({ clip: 1 as unknown as boolean }),
      ValueError,
      "options.clip",
    );
  });
  it("transform before fit", () => {
    expectError(
      () => new MinMaxScaler().transform(X),
      ValueError,
      "MinMaxScaler.transform",
      "not fitted",
    );
  });
  it("the wrong number of features", () => {
    expectError(
      () => new MinMaxScaler().fit(X).transform(tensor([[1, 2, 3, 4]])),
      ShapeError,
      "MinMaxScaler.transform",
      "expected 3 features",
      "[1,4]",
    );
  });
  it("no samples and non-finite values", () => {
    expectError(
      () => new MinMaxScaler().fit(new Tensor(new Float32Array(0), [0, 3])),
      ValueError,
      "MinMaxScaler.fit",
      "at least one sample",
    );
    expectError(
      () => new MinMaxScaler().fit(tensor([[Number.NaN]])),
      ValueError,
      "MinMaxScaler.fit",
      "not finite",
    );
  });
  it("fromJSON of a broken state", () => {
    const good = new MinMaxScaler().fit(X).toJSON();
    expectError(
      () => MinMaxScaler.fromJSON({ ...good, dataMax: [0, 0, 0] }),
      ValueError,
      "MinMaxScaler.fromJSON",
      "dataMin <= dataMax",
    );
    expectError(
      () => MinMaxScaler.fromJSON({ ...good, type: "X" } as never),
      ValueError,
      'type "MinMaxScaler"',
    );
  });
});
