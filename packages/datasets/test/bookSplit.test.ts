import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DTypeError, ShapeError, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { applySplit, bookSplit, loadBoston, loadWine } from "../src/index.js";
import { expectError } from "./helpers.js";

const json = (name: string): { train: number[]; test: number[] } =>
  JSON.parse(readFileSync(join(__dirname, "..", "data", `${name}_book_split.json`), "utf8"));

describe("bookSplit", () => {
  it("wine: 133 train and 45 test rows, exactly the JSON's, a partition of 0..177", () => {
    const s = bookSplit("wine");
    expect(s.train).toBeInstanceOf(Int32Array);
    expect(s.train.length).toBe(133);
    expect(s.test.length).toBe(45);
    expect(Array.from(s.train)).toEqual(json("wine").train);
    expect(Array.from(s.test)).toEqual(json("wine").test);
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 178 }, (_, i) => i),
    );
    expect(Array.from(s.train.slice(0, 5))).toEqual([19, 135, 74, 144, 16]);
  });
  it("boston: 379 train and 127 test rows", () => {
    const s = bookSplit("boston");
    expect([s.train.length, s.test.length]).toEqual([379, 127]);
    expect(Array.from(s.test)).toEqual(json("boston").test);
  });
  it("returns fresh arrays each call", () => {
    const a = bookSplit("wine");
    a.train[0] = 999;
    expect(bookSplit("wine").train[0]).toBe(19);
  });
  it("rejects another name", () => {
    expectError(
      () => bookSplit("iris" as "wine"),
      ValueError,
      "bookSplit",
      "'name'",
      '"wine" or "boston"',
      '"iris"',
    );
  });
});

describe("applySplit", () => {
  it("takes exactly the listed rows of x and y, in order", () => {
    const { x, y } = loadWine();
    const s = applySplit(x, y, bookSplit("wine"));
    expect(s.xTrain.shape).toEqual([133, 13]);
    expect(s.xTest.shape).toEqual([45, 13]);
    expect(s.yTrain.dtype).toBe("int32");
    const r = s.indices.train[3]!;
    expect(Array.from(s.xTrain.data.slice(3 * 13, 4 * 13))).toEqual(
      Array.from(x.data.slice(r * 13, (r + 1) * 13)),
    );
    expect(s.yTest.data[0]).toBe(y.data[s.indices.test[0]!]);
  });
  it("applies boston's split to features and MEDV", () => {
    const { x, y } = loadBoston();
    const s = applySplit(x, y, bookSplit("boston"));
    expect(s.yTrain.shape).toEqual([379]);
    expect(s.yTrain.data[0]).toBe(y.data[245]);
  });
  it("accepts plain arrays of indices", () => {
    const x = tensor([[1], [2], [3]]);
    const y = tensor([10, 20, 30]);
    const s = applySplit(x, y, { train: [2, 0], test: [1] });
    expect(s.xTrain.toArray()).toEqual([[3], [1]]);
    expect(s.yTest.toArray()).toEqual([20]);
  });
  it("rejects x and y of different lengths", () => {
    expectError(
      () => applySplit(tensor([[1], [2]]), tensor([1]), { train: [0], test: [1] }),
      ShapeError,
      "applySplit",
      "same number of samples",
      "x has 2",
      "y has 1",
    );
  });
  it("rejects an index outside the rows", () => {
    expectError(
      () => applySplit(tensor([[1], [2]]), tensor([1, 2]), { train: [0], test: [2] }),
      ValueError,
      "applySplit",
      "split.test",
      "index 2 at position 0",
      "2 samples",
    );
  });
  it("rejects a row used twice", () => {
    expectError(
      () => applySplit(tensor([[1], [2]]), tensor([1, 2]), { train: [0, 1], test: [1] }),
      ValueError,
      "split.test",
      "row 1",
      "must not share rows",
    );
  });
  it("rejects indices that are not an array", () => {
    expectError(
      () =>
        applySplit(tensor([[1], [2]]), tensor([1, 2]), {
          train: "0" as unknown as number[],
          test: [1],
        }),
      DTypeError,
      "split.train",
      "Int32Array or an array",
    );
  });
  it("rejects a split that is not an object", () => {
    expectError(
      () =>
        applySplit(
          tensor([[1]]),
          tensor([1]),
          null as unknown as { train: number[]; test: number[] },
        ),
      ValueError,
      "applySplit",
      "'split'",
      "null",
    );
  });
});
