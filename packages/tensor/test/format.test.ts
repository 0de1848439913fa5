import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { arange, full, tensor, zeros } from "../src/index.js";

describe("toString (NumPy-like)", () => {
  it("pads every float to the same number of decimals and aligns columns", () => {
    const x = tensor([
      [0.8162, -0.6804, -0.7401],
      [0.9797, -1.4757, -0.0289],
      [-0.109, 0.987, 0.1736],
    ]);
    expect(x.toString()).toBe(
      [
        "tensor([[ 0.8162, -0.6804, -0.7401],",
        "        [ 0.9797, -1.4757, -0.0289],",
        "        [-0.1090,  0.9870,  0.1736]])",
      ].join("\n"),
    );
  });

  it("uses as few decimals as the values need (at most 4), and `1.` for whole numbers", () => {
    expect(tensor([1.5, 2.25, -3]).toString()).toBe("tensor([ 1.50,  2.25, -3.00])");
    expect(arange(12).reshape([3, 4]).toString()).toBe(
      [
        "tensor([[ 0.,  1.,  2.,  3.],",
        "        [ 4.,  5.,  6.,  7.],",
        "        [ 8.,  9., 10., 11.]])",
      ].join("\n"),
    );
    expect(tensor([1 / 3, 2 / 3], undefined, "float64").toString()).toBe(
      "tensor([0.3333, 0.6667], dtype=float64)",
    );
  });

  it("switches to scientific notation for tiny, huge or widely spread magnitudes", () => {
    expect(tensor([1e-5, 1, 100, 2]).toString()).toBe("tensor([1.e-05, 1.e+00, 1.e+02, 2.e+00])");
    expect(tensor([1.5e9, -2.25], undefined, "float64").toString()).toBe(
      "tensor([ 1.50e+09, -2.25e+00], dtype=float64)",
    );
    expect(tensor([0, 0.5]).toString()).toBe("tensor([0.0, 0.5])");
  });

  it("prints nan and inf like NumPy", () => {
    expect(
      tensor([Number.NaN, 1.5, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]).toString(),
    ).toBe("tensor([ nan,  1.5, -inf,  inf])");
  });

  it("int32, scalars and empty tensors", () => {
    expect(tensor([1, -2, 300], undefined, "int32").toString()).toBe(
      "tensor([  1,  -2, 300], dtype=int32)",
    );
    expect(tensor(3).toString()).toBe("tensor(3.)");
    expect(tensor(2.5, undefined, "float64").toString()).toBe("tensor(2.5, dtype=float64)");
    expect(zeros([0]).toString()).toBe("tensor([], shape=[0])");
    expect(zeros([2, 0]).toString()).toBe("tensor([[],\n        []], shape=[2,0])");
  });

  it("separates blocks of higher rank with blank lines", () => {
    expect(arange(8).reshape([2, 2, 2]).toString()).toBe(
      [
        "tensor([[[0., 1.],",
        "         [2., 3.]],",
        "",
        "        [[4., 5.],",
        "         [6., 7.]]])",
      ].join("\n"),
    );
  });

  it("wraps long rows at 75 characters", () => {
    const s = arange(30).toString();
    expect(s).toBe(
      [
        "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.,",
        "        13., 14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25.,",
        "        26., 27., 28., 29.])",
      ].join("\n"),
    );
    for (const line of s.split("\n")) expect(line.length).toBeLessThanOrEqual(75);
  });

  it("summarizes tensors over 1000 elements with ...", () => {
    expect(arange(2000, undefined, 1, "int32").toString()).toBe(
      "tensor([   0,    1,    2, ..., 1997, 1998, 1999], dtype=int32)",
    );
    const big = full([40, 40], 1.25);
    expect(big.toString()).toBe(
      [
        "tensor([[1.25, 1.25, 1.25, ..., 1.25, 1.25, 1.25],",
        "        [1.25, 1.25, 1.25, ..., 1.25, 1.25, 1.25],",
        "        [1.25, 1.25, 1.25, ..., 1.25, 1.25, 1.25],",
        "        ...,",
        "        [1.25, 1.25, 1.25, ..., 1.25, 1.25, 1.25],",
        "        [1.25, 1.25, 1.25, ..., 1.25, 1.25, 1.25],",
        "        [1.25, 1.25, 1.25, ..., 1.25, 1.25, 1.25]])",
      ].join("\n"),
    );
  });

  it("console.log / util.inspect in Node print the same text", () => {
    const x = tensor([1, 2]);
    expect(inspect(x)).toBe(x.toString());
    expect(String(x)).toBe("tensor([1., 2.])");
  });
});
