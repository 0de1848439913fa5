import { describe, expect, expectTypeOf, it } from "vitest";
import { type NestedArray, ShapeError, scalar, tensor, ValueError, zeros } from "../src/index.js";

describe("toArray(rank): typed nested arrays", () => {
  it("returns the same values as toArray(), typed by the rank given", () => {
    const m = tensor([
      [1, 2],
      [3, 4],
    ]);
    const rows = m.toArray(2);
    expectTypeOf(rows).toEqualTypeOf<number[][]>();
    expect(rows).toEqual(m.toArray());
    expect(rows[1]![0]).toBe(3);

    const v = tensor([5, 6]).toArray(1);
    expectTypeOf(v).toEqualTypeOf<number[]>();
    expect(v).toEqual([5, 6]);

    const s = scalar(7).toArray(0);
    expectTypeOf(s).toEqualTypeOf<number>();
    expect(s).toBe(7);

    const cube = zeros([1, 2, 1]).toArray(3);
    expectTypeOf(cube).toEqualTypeOf<number[][][]>();
    expect(cube).toEqual([[[0], [0]]]);
  });

  it("keeps the untyped form without an argument", () => {
    expectTypeOf(tensor([1]).toArray()).toEqualTypeOf<NestedArray>();
  });

  it("throws a ShapeError naming both ranks when the tensor has another rank", () => {
    const v = tensor([1, 2, 3]);
    expect(() => v.toArray(2)).toThrow(ShapeError);
    expect(() => v.toArray(2)).toThrow(
      "toArray: argument 'rank': expected a tensor of rank 2, got shape [3] (rank 1)",
    );
  });

  it("throws a ValueError for a rank that is not an integer from 0 to 6", () => {
    const v = tensor([1]);
    expect(() => v.toArray(7 as 6)).toThrow(ValueError);
    expect(() => v.toArray(1.5 as 1)).toThrow(
      "toArray: argument 'rank': expected an integer from 0 to 6, got number 1.5",
    );
  });
});
