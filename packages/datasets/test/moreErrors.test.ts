import { DTypeError, Rng, ShapeError, type Tensor, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  CsvError,
  DataLoader,
  LabelEncoder,
  makeBlobs,
  makeRegression,
  parseCsv,
  StreamLoader,
  trainTestSplit,
} from "../src/index.js";
import { collect, expectAsyncError, expectError } from "./helpers.js";

// Error paths not covered by the feature-specific test files, one test each.

describe("CSV option errors", () => {
  const text = "a,b\n1,x\n";
  it("a column reference that is neither a name nor an index", () => {
    expectError(
      () => parseCsv(text, { target: true as unknown as string }),
      ValueError,
      "options.target",
      "column name or index",
      "true",
    );
  });
  it("an empty features list", () => {
    expectError(
      () => parseCsv(text, { features: [] }),
      ValueError,
      "options.features",
      "non-empty array",
    );
  });
  it("an unknown categoricalEncoding", () => {
    expectError(
      () => parseCsv(text, { categorical: ["b"], categoricalEncoding: "bits" as "label" }),
      ValueError,
      "options.categoricalEncoding",
    );
  });
  it("categorical that is not an array", () => {
    expectError(
      () => parseCsv(text, { categorical: "b" as unknown as string[] }),
      ValueError,
      "options.categorical",
      "array of columns",
    );
  });
  it("a column marked categorical twice", () => {
    expectError(
      () => parseCsv(text, { categorical: ["b", 1] }),
      ValueError,
      "options.categorical[1]",
      "marked categorical twice",
    );
  });
  it("categories that are not strings or numbers, or an empty list", () => {
    expectError(
      () =>
        parseCsv(text, { categorical: [{ column: "b", categories: [{}] as unknown as string[] }] }),
      ValueError,
      "options.categorical[0].categories",
      "entry 0",
    );
    expectError(
      () => parseCsv(text, { categorical: [{ column: "b", categories: [] }] }),
      ValueError,
      "non-empty array of categories",
    );
  });
  it("a categorical column with no values at all", () => {
    expectError(
      () => parseCsv("a,b\n1,\n", { categorical: ["b"], missing: "drop" }),
      ValueError,
      "options.categorical",
      "no values to take categories from",
    );
  });
  it("a CsvError carries line, column and column name", () => {
    const e = expectError(() => parseCsv("a,b\n1,2\n3,q\n"), CsvError, "line 3");
    expect(e).toBeInstanceOf(ValueError);
    expect([e.op, e.arg, e.line, e.column, e.columnName]).toEqual(["parseCsv", "text", 3, 2, "b"]);
  });
  it("without a header, the error has no column name", () => {
    const e = expectError(() => parseCsv("1,2\n3,q\n"), CsvError, "line 2, column 2:");
    expect(e.columnName).toBeUndefined();
  });
});

describe("split, encoder, loader and generator errors", () => {
  it("stratify labels that are not integers", () => {
    expectError(
      () => trainTestSplit(tensor([[1], [2]]), tensor([1, 2]), { stratify: [0, 0.5] }),
      ValueError,
      "options.stratify",
      "integer class labels",
      "0.5",
    );
  });
  it("stratify given as something else", () => {
    expectError(
      () =>
        trainTestSplit(tensor([[1], [2]]), tensor([1, 2]), { stratify: "y" as unknown as boolean }),
      ShapeError,
      "options.stratify",
      '"y"',
    );
  });
  it("LabelEncoder given a 2-D tensor", () => {
    expectError(
      () => new LabelEncoder().fit(tensor([[1, 2]])),
      DTypeError,
      "LabelEncoder.fit",
      "1-D tensor",
    );
  });
  it("DataLoader.order of a negative epoch", () => {
    const x = tensor([[1], [2]]);
    expectError(
      () => new DataLoader(x, x, { batchSize: 1 }).order(-2),
      ValueError,
      "DataLoader.order",
      "'epoch'",
      "-2",
    );
  });
  it("StreamLoader.epoch of a fractional epoch, bad dropLast and seed", () => {
    expectError(
      () => new StreamLoader([], { batchSize: 1 }).epoch(0.5),
      ValueError,
      "StreamLoader.epoch",
      "0.5",
    );
    expectError(
      () => new StreamLoader([], { batchSize: 1, dropLast: "no" as unknown as boolean }),
      ValueError,
      "options.dropLast",
    );
    expectError(
      () => new StreamLoader([], { batchSize: 1, seed: Number.NaN }),
      ValueError,
      "options.seed",
      "NaN",
    );
  });
  it("StreamLoader over an empty source yields nothing", async () => {
    expect(await collect(new StreamLoader([], { batchSize: 2, seed: new Rng(1) }))).toEqual([]);
  });
  it("makeBlobs with an empty list of centres", () => {
    expectError(
      () => makeBlobs({ centers: [] }),
      ValueError,
      "makeBlobs",
      "options.centers",
      "number of clusters or a list of centres",
    );
  });
  it("makeRegression with 0 targets or a non-finite bias", () => {
    expectError(
      () => makeRegression({ nTargets: 0 }),
      ValueError,
      "makeRegression",
      "options.nTargets",
    );
    expectError(
      () => makeRegression({ bias: Number.POSITIVE_INFINITY }),
      ValueError,
      "options.bias",
      "finite number",
    );
  });
  it("a DataLoader chunk source that fails midway surfaces the error", async () => {
    async function* broken(): AsyncGenerator<{ x: Tensor; y: Tensor }> {
      yield { x: tensor([[1]]), y: tensor([1]) };
      throw new ValueError("source", "", "disk on fire");
    }
    await expectAsyncError(
      () => collect(new StreamLoader(broken(), { batchSize: 1 })),
      ValueError,
      "disk on fire",
    );
  });
});
