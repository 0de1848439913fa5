import { describe, expect, it } from "vitest";
import { arange, matmul, Rng, randn, tensor } from "../src/index.js";

describe("smoke", () => {
  it("works", () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(a.add(1).toArray()).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect(a.matmul(a).toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
    expect(a.sum(0).toArray()).toEqual([4, 6]);
    expect(a.transpose().toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    const r = new Rng(1);
    const x = randn([7, 9], r, "float64");
    const y = randn([9, 5], r, "float64");
    const z = matmul(x, y);
    for (let i = 0; i < 7; i++)
      for (let j = 0; j < 5; j++) {
        let s = 0;
        for (let p = 0; p < 9; p++) s += x.data[i * 9 + p]! * y.data[p * 5 + j]!;
        expect(z.data[i * 5 + j]).toBeCloseTo(s, 12);
      }
    console.log(arange(12).reshape([3, 4]).toString());
    console.log(randn([3, 3], 1).toString());
  });
});
