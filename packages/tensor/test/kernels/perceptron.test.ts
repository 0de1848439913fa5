import { describe, expect, it } from "vitest";
import { cpuBackend } from "../../src/index.js";

const { perceptronNet, perceptronUpdate } = cpuBackend.kernels;

describe("perceptron kernels (reference)", () => {
  it("perceptronNet: b + x·W for each sample and unit", () => {
    // x = [[1, 2], [3, -1]], W = [[0.5, -1], [2, 0]] ([inputs, outputs]), b = [0.25, 1]
    const out = new Float32Array(4);
    perceptronNet(
      new Float32Array([1, 2, 3, -1]),
      new Float64Array([0.5, -1, 2, 0]),
      new Float64Array([0.25, 1]),
      out,
      2,
      2,
      2,
    );
    // row 0: 0.25 + 0.5 + 4 = 4.75, 1 - 1 + 0 = 0; row 1: 0.25 + 1.5 - 2 = -0.25, 1 - 3 = -2
    expect([...out]).toEqual([4.75, 0, -0.25, -2]);
  });

  it("perceptronUpdate: a wrong unit moves by lr·error·x, a right one stays", () => {
    const w = new Float64Array([0, 0, 0, 0]); // [2 inputs, 2 outputs]
    const b = new Float64Array([0, 0.5]);
    const output = new Float64Array(2);
    const error = new Float64Array(2);
    // sample at offset 2 of x: [1, 3]; targets at offset 2 of y: [1, 1]
    perceptronUpdate(
      new Float32Array([9, 9, 1, 3]),
      2,
      new Float32Array([0, 0, 1, 1]),
      2,
      w,
      b,
      2,
      2,
      0.5,
      0,
      output,
      error,
    );
    // unit 0: net 0, not above 0 -> output 0, error 1 -> w[:,0] += 0.5·[1, 3], b0 += 0.5
    // unit 1: net 0.5 > 0 -> output 1, error 0 -> unchanged
    expect([...output]).toEqual([0, 1]);
    expect([...error]).toEqual([1, 0]);
    expect([...w]).toEqual([0.5, 0, 1.5, 0]);
    expect([...b]).toEqual([0.5, 0.5]);
  });

  it("perceptronUpdate: a NaN net input gives a NaN output and error, and no silent update to 0", () => {
    const w = new Float64Array([1]);
    const b = new Float64Array([0]);
    const output = new Float64Array(1);
    const error = new Float64Array(1);
    perceptronUpdate(
      new Float64Array([Number.NaN]),
      0,
      new Float64Array([1]),
      0,
      w,
      b,
      1,
      1,
      1,
      0,
      output,
      error,
    );
    expect(output[0]).toBeNaN();
    expect(error[0]).toBeNaN();
    expect(w[0]).toBeNaN(); // NaN error propagates into the weights, visibly
  });
});
