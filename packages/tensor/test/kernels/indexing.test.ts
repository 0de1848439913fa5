import { describe, expect, it } from "vitest";
import { cpuBackend } from "../../src/index.js";

describe("scatterAdd (reference)", () => {
  it("adds each gathered row back at its index; repeated indices accumulate", () => {
    // x was [outer 2, dim 3, inner 2]; gathered indices [2, 0, 2] along the middle axis.
    const g = new Float32Array([1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60]);
    const out = new Float32Array(12).fill(0.5);
    cpuBackend.kernels.scatterAdd(g, new Int32Array([2, 0, 2]), out, 2, 3, 2);
    // o = 0: index 0 gets [3, 4]; index 1 nothing; index 2 gets [1+5, 2+6]; all on top of 0.5
    // o = 1: index 0 gets [30, 40]; index 2 gets [10+50, 20+60]
    expect([...out]).toEqual([3.5, 4.5, 0.5, 0.5, 6.5, 8.5, 30.5, 40.5, 0.5, 0.5, 60.5, 80.5]);
  });
});
