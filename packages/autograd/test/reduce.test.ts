import * as T from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logSumExp, max, mean, min, sum, Variable, variance } from "../src/index.js";
import { axesArb, check, distinctTensorArb, expectGradOk, f64, tensorArb } from "./helpers.js";

type Reduce = (x: Variable, axis?: number | number[], keepDims?: boolean) => Variable;

/** A tensor with an axis argument: undefined (all axes), one axis, or a list (some negative). */
const withAxes = (arb: fc.Arbitrary<T.Tensor>) =>
  arb.chain((x) =>
    fc.tuple(
      fc.constant(x),
      fc.oneof(
        fc.constant(undefined),
        axesArb(x.rank),
        x.rank > 0 ? fc.integer({ min: -x.rank, max: x.rank - 1 }) : fc.constant(undefined),
      ),
      fc.boolean(),
    ),
  );

describe("reductions: gradients over any axes (gradCheck, float64)", () => {
  const cases: [string, Reduce, fc.Arbitrary<T.Tensor>][] = [
    ["sum", sum, tensorArb(0, 3)],
    ["mean", mean, tensorArb(0, 3)],
    ["max", max, distinctTensorArb(0, 3)],
    ["min", min, distinctTensorArb(0, 3)],
    ["variance", variance, tensorArb(0, 3)],
    ["logSumExp", logSumExp, tensorArb(0, 3, -3, 3)],
  ];
  for (const [name, op, arb] of cases) {
    it(name, () => {
      check(withAxes(arb), ([x, axis, keepDims]) => {
        expectGradOk((v) => op(v, axis, keepDims), [x]);
        const forward = (
          x as unknown as Record<string, (this: T.Tensor, ...a: unknown[]) => T.Tensor>
        )[name]!;
        expect(op(new Variable(x), axis, keepDims).value.toArray()).toEqual(
          forward.call(x, axis, keepDims).toArray(),
        );
      });
    });
  }

  it("methods match the functions", () => {
    const x = new Variable(
      f64([
        [1, 5, 2],
        [4, 0, 3],
      ]),
    );
    expect(x.sum(1).toArray()).toEqual(sum(x, 1).toArray());
    expect(x.mean(0, true).toArray()).toEqual(mean(x, 0, true).toArray());
    expect(x.max().toArray()).toEqual(max(x).toArray());
    expect(x.min(-1).toArray()).toEqual(min(x, -1).toArray());
    expect(x.variance(0).toArray()).toEqual(variance(x, 0).toArray());
    expect(x.logSumExp(1).toArray()).toEqual(logSumExp(x, 1).toArray());
  });

  it("hand-computed gradients: sum spreads, mean divides by n, variance is 2(x − mean)/n", () => {
    const x = new Variable(
      f64([
        [1, 2, 3],
        [4, 5, 9],
      ]),
      { requiresGrad: true },
    );
    x.sum(0)
      .mul(f64([1, 2, 3]))
      .sum()
      .backward();
    expect(x.grad!.toArray()).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    x.zeroGrad();
    x.mean(1).sum().backward();
    expect(x.grad!.toArray()).toEqual([
      [1 / 3, 1 / 3, 1 / 3],
      [1 / 3, 1 / 3, 1 / 3],
    ]);
    x.zeroGrad();
    x.variance(1).sum().backward();
    const g = x.grad!.toArray(2);
    [
      [-1, 0, 1],
      [-2, -1, 3],
    ].forEach((row, i) => {
      row.forEach((c, j) => {
        expect(g[i]![j]).toBeCloseTo((2 * c) / 3, 12);
      });
    });
  });

  it("max/min: tied extremes share the gradient evenly", () => {
    const x = new Variable(
      f64([
        [3, 1, 3],
        [0, 2, 2],
      ]),
      { requiresGrad: true },
    );
    x.max(1).sum().backward();
    expect(x.grad!.toArray()).toEqual([
      [0.5, 0, 0.5],
      [0, 0.5, 0.5],
    ]);
    x.zeroGrad();
    x.min().backward();
    expect(x.grad!.toArray()).toEqual([
      [0, 0, 0],
      [1, 0, 0],
    ]);
  });

  it("logSumExp's gradient is the softmax and stays finite for large inputs", () => {
    const x = new Variable(f64([1000, 1000, 0]), { requiresGrad: true });
    const y = x.logSumExp();
    expect(y.item()).toBeCloseTo(1000 + Math.log(2), 9);
    y.backward();
    const g = x.grad!.toArray(1);
    expect(g[0]).toBeCloseTo(0.5, 12);
    expect(g[1]).toBeCloseTo(0.5, 12);
    expect(g[2]).toBe(0);
  });

  it("variance of int32 gives float32 and needs no gradient", () => {
    const x = new Variable(T.tensor([1, 2, 3, 4], undefined, "int32"));
    const v = x.variance();
    expect(v.dtype).toBe("float32");
    expect(v.item()).toBeCloseTo(1.25, 6);
    expect(v.requiresGrad).toBe(false);
  });
});
