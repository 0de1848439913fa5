import * as T from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  abs,
  add,
  clip,
  div,
  exp,
  log,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  sub,
  Variable,
  type VariableLike,
} from "../src/index.js";
import {
  awayFrom,
  broadcastPairArb,
  check,
  expectGradOk,
  f64,
  gridA,
  gridB,
  tensorArb,
  valuesArb,
} from "./helpers.js";

type Binary = (a: VariableLike, b: VariableLike) => Variable;

/** Broadcast-compatible operand pairs, each operand's values passed through its own map. */
const pairArb = (
  mapA?: (v: number) => number,
  mapB?: (v: number) => number,
  range: [number, number] = [-2, 2],
) =>
  broadcastPairArb.chain(([sa, sb]) =>
    fc.tuple(valuesArb(sa, range[0], range[1], mapA), valuesArb(sb, range[0], range[1], mapB)),
  );

describe("binary ops: gradients with broadcasting (gradCheck, float64)", () => {
  const cases: [string, Binary, fc.Arbitrary<[T.Tensor, T.Tensor]>][] = [
    ["add", add, pairArb()],
    ["sub", sub, pairArb()],
    ["mul", mul, pairArb()],
    ["div", div, pairArb(undefined, awayFrom([0], 0.3))],
    ["pow", pow, pairArb(awayFrom([0], 0.3), undefined).map(([a, b]) => [T.abs(a), b])],
    ["maximum", maximum, pairArb(gridA, gridB)],
    ["minimum", minimum, pairArb(gridB, gridA)],
  ];
  for (const [name, op, arb] of cases) {
    it(`${name}(a, b)`, () => {
      check(arb, ([a, b]) => {
        expectGradOk((x, y) => op(x, y), [a, b]);
        // The forward value is the tensor op's.
        const forward = (T as unknown as Record<string, Binary>)[name]!;
        expect(op(a, b).value.toArray()).toEqual((forward(a, b) as unknown as T.Tensor).toArray());
      });
    });
  }

  it("methods match the functions", () => {
    const a = new Variable(f64([[1, 2, 3]]));
    const b = new Variable(f64([[2], [4]]));
    expect(a.add(b).toArray()).toEqual(add(a, b).toArray());
    expect(a.sub(b).toArray()).toEqual(sub(a, b).toArray());
    expect(a.mul(b).toArray()).toEqual(mul(a, b).toArray());
    expect(a.div(b).toArray()).toEqual(div(a, b).toArray());
    expect(a.pow(b).toArray()).toEqual(pow(a, b).toArray());
    expect(a.maximum(b).toArray()).toEqual(maximum(a, b).toArray());
    expect(a.minimum(b).toArray()).toEqual(minimum(a, b).toArray());
  });

  it("numbers and tensors are constants that take the Variable's dtype", () => {
    check(tensorArb(0, 3, 0.5, 2), (x) => {
      expectGradOk(
        (v) =>
          sub(3, v.mul(2))
            .div(v)
            .add(T.full(x.shape, 0.5, "float64")),
        [x],
      );
      expectGradOk((v) => v.pow(3).add(pow(2, v)), [x]);
    });
    const x = new Variable(T.tensor([1, 2]), { requiresGrad: true });
    const y = x.mul(3);
    expect(y.dtype).toBe("float32");
    y.sum().backward();
    expect(x.grad!.toArray()).toEqual([3, 3]);
  });

  it("a constant operand gets no gradient and costs none", () => {
    const a = new Variable(f64([1, 2, 3]), { requiresGrad: true });
    const b = new Variable(f64([4, 5, 6]));
    a.mul(b).sum().backward();
    expect(a.grad!.toArray()).toEqual([4, 5, 6]);
    expect(b.grad).toBeNull();
  });

  it("pow: the exponent's gradient is a^b·log(a), taken as 0 where a <= 0", () => {
    const a = new Variable(f64([2, 0, -1]), { requiresGrad: true });
    const b = new Variable(f64([3, 2, 2]), { requiresGrad: true });
    a.pow(b).sum().backward();
    expect(a.grad!.toArray()).toEqual([12, 0, -2]);
    const gb = b.grad!.toArray(1);
    expect(gb[0]).toBeCloseTo(8 * Math.log(2), 12);
    expect(gb.slice(1)).toEqual([0, 0]);
  });

  it("maximum/minimum: ties split the gradient evenly", () => {
    const a = new Variable(f64([1, 2, 3]), { requiresGrad: true });
    const b = new Variable(f64([1, 5, 0]), { requiresGrad: true });
    maximum(a, b).sum().backward();
    expect(a.grad!.toArray()).toEqual([0.5, 0, 1]);
    expect(b.grad!.toArray()).toEqual([0.5, 1, 0]);
    a.zeroGrad();
    b.zeroGrad();
    minimum(a, b).sum().backward();
    expect(a.grad!.toArray()).toEqual([0.5, 1, 0]);
    expect(b.grad!.toArray()).toEqual([0.5, 0, 1]);
  });
});

describe("unary ops: gradients (gradCheck, float64)", () => {
  const cases: [string, (x: Variable) => Variable, number, number, ((v: number) => number)?][] = [
    ["neg", (x) => x.neg(), -2, 2],
    ["abs", (x) => x.abs(), -2, 2, awayFrom([0])],
    ["exp", (x) => x.exp(), -2, 2],
    ["log", (x) => x.log(), 0.2, 3],
    ["log1p", (x) => x.log1p(), -0.8, 3],
    ["sqrt", (x) => x.sqrt(), 0.2, 3],
    ["square", (x) => x.square(), -2, 2],
    ["reciprocal", (x) => x.reciprocal(), -2, 2, awayFrom([0], 0.3)],
    ["clip", (x) => x.clip(-0.5, 0.7), -2, 2, awayFrom([-0.5, 0.7])],
  ];
  for (const [name, f, min, max, map] of cases) {
    it(name, () => {
      check(tensorArb(0, 3, min, max, map), (x) => {
        expectGradOk(f, [x]);
        const viaTensor = (x as unknown as Record<string, (...a: number[]) => T.Tensor>)[name]!;
        const expected = name === "clip" ? x.clip(-0.5, 0.7) : viaTensor.call(x);
        expect(f(new Variable(x)).value.toArray()).toEqual(expected.toArray());
      });
    });
  }

  it("functions match the methods", () => {
    const x = new Variable(f64([0.5, 1.5]));
    expect(neg(x).toArray()).toEqual(x.neg().toArray());
    expect(abs(x).toArray()).toEqual(x.abs().toArray());
    expect(exp(x).toArray()).toEqual(x.exp().toArray());
    expect(log(x).toArray()).toEqual(x.log().toArray());
    expect(clip(x, 0, 1).toArray()).toEqual(x.clip(0, 1).toArray());
  });

  it("abs has gradient 0 at 0; clip passes the gradient at its bounds and blocks it outside", () => {
    const x = new Variable(f64([-1, 0, 2]), { requiresGrad: true });
    x.abs().sum().backward();
    expect(x.grad!.toArray()).toEqual([-1, 0, 1]);
    const y = new Variable(f64([-2, -1, 0, 1, 2]), { requiresGrad: true });
    y.clip(-1, 1).sum().backward();
    expect(y.grad!.toArray()).toEqual([0, 1, 1, 1, 0]);
  });

  it("float32 gradients stay float32", () => {
    const x = new Variable(T.tensor([0.5, 1, 2]), { requiresGrad: true });
    x.exp().log().sqrt().sum().backward();
    expect(x.grad!.dtype).toBe("float32");
    const g = x.grad!.toArray(1);
    [0.5, 1, 2].forEach((v, i) => {
      expect(g[i]).toBeCloseTo(1 / (2 * Math.sqrt(v)), 6);
    });
  });
});
