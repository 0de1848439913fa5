import { DTypeError, Tensor, tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { LabelEncoder, oneHot } from "../src/index.js";
import { expectError } from "./helpers.js";

describe("LabelEncoder", () => {
  it("sorts the classes and maps them to 0..k−1", () => {
    const e = new LabelEncoder<string>().fit(["red", "green", "red", "blue"]);
    expect(e.classes).toEqual(["blue", "green", "red"]);
    expect(e.numClasses).toBe(3);
    const y = e.transform(["red", "blue"]);
    expect(y.dtype).toBe("int32");
    expect(y.toArray()).toEqual([2, 0]);
    expect(e.inverseTransform(y)).toEqual(["red", "blue"]);
    expect(e.inverseTransform([1])).toEqual(["green"]);
  });
  it("sorts numbers numerically and accepts a tensor", () => {
    const e = new LabelEncoder<number>();
    expect(e.fitTransform([10, 2, 33, 2]).toArray()).toEqual([1, 0, 2, 0]);
    expect(e.transform(tensor([33, 10], undefined, "int32")).toArray()).toEqual([2, 1]);
  });
  it("round-trips through JSON", () => {
    const e = new LabelEncoder<string>().fit(["b", "a"]);
    const r = LabelEncoder.fromJSON<string>(JSON.stringify(e));
    expect(r.classes).toEqual(["a", "b"]);
  });
  it("errors: unknown value, before fit, empty, mixed, out of range, bad JSON", () => {
    const e = new LabelEncoder<string>().fit(["a", "b"]);
    expectError(
      () => e.transform(["a", "c"]),
      ValueError,
      "LabelEncoder.transform",
      'unknown class "c" at position 1',
      '"a", "b"',
    );
    expectError(
      () => new LabelEncoder().transform(["a"]),
      ValueError,
      "LabelEncoder.transform",
      "not fitted",
    );
    expectError(
      () => new LabelEncoder().fit([]),
      ValueError,
      "LabelEncoder.fit",
      "at least one value",
    );
    expectError(
      () => new LabelEncoder().fit(["a", 1] as string[]),
      ValueError,
      "all strings or all numbers",
      "1 at position 1",
    );
    expectError(() => new LabelEncoder().fit([1, Number.NaN]), ValueError, "not NaN");
    expectError(
      () => e.inverseTransform([2]),
      ValueError,
      "LabelEncoder.inverseTransform",
      "label 2 at position 0 is outside [0, 2)",
    );
    expectError(
      () => e.inverseTransform(tensor([0])),
      DTypeError,
      "expected int32 labels, got float32",
    );
    expectError(
      () => e.transform("a" as unknown as string[]),
      DTypeError,
      "LabelEncoder.transform",
      "'values'",
    );
    expectError(
      () => LabelEncoder.fromJSON({ type: "LabelEncoder", classes: ["b", "a"] }),
      ValueError,
      "LabelEncoder.fromJSON",
      "sorted order",
    );
    expectError(() => LabelEncoder.fromJSON("nope"), ValueError, "not valid JSON");
    expectError(() => new LabelEncoder().toJSON(), ValueError, "LabelEncoder.toJSON", "not fitted");
  });
});

describe("oneHot", () => {
  it("encodes labels, inferring the number of classes", () => {
    const y = new Tensor(Int32Array.from([0, 2, 1]), [3]);
    expect(oneHot(y).toArray()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    expect(oneHot([1], 3).toArray()).toEqual([[0, 1, 0]]);
    expect(oneHot([0], 2, "int32").dtype).toBe("int32");
  });
  it("errors: label out of range, no labels to infer from, float labels", () => {
    expectError(() => oneHot([0, 3], 3), ValueError, "oneHot", "label 3 at position 1");
    expectError(() => oneHot([]), ValueError, "oneHot", "numClasses", "no labels");
    expectError(() => oneHot(tensor([0, 1])), DTypeError, "oneHot", "int32 labels");
    expectError(() => oneHot("x" as unknown as number[]), DTypeError, "oneHot", "'labels'");
  });
});
