import * as T from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { grad, noGrad, Parameter, Variable, valueAndGrad } from "../src/index.js";
import { f64 } from "./helpers.js";

describe("grad and valueAndGrad", () => {
  // f(x, y) = Σ (x·y + x²): ∂f/∂x = y + 2x, ∂f/∂y = x.
  const f = (x: Variable, y: Variable) => x.mul(y).add(x.square()).sum();
  const x = f64([
    [1, 2],
    [3, 4],
  ]);
  const y = f64([
    [5, 6],
    [7, 8],
  ]);

  it("grad matches the hand-computed gradients", () => {
    const [dx, dy] = grad(f)(x, y);
    expect(dx!.toArray()).toEqual([
      [7, 10],
      [13, 16],
    ]);
    expect(dy!.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("valueAndGrad returns the value too", () => {
    const { value, grads } = valueAndGrad(f)(x, y);
    expect(value.item()).toBe(5 + 12 + 21 + 32 + 1 + 4 + 9 + 16);
    expect(grads[0]!.toArray()).toEqual([
      [7, 10],
      [13, 16],
    ]);
    expect(grads[1]!.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("each call starts fresh: no accumulation between calls, inputs untouched", () => {
    const g = grad((v) => v.exp().sum());
    const a = g(f64([0, 1]))[0]!.toArray();
    const b = g(f64([0, 1]))[0]!.toArray();
    expect(a).toEqual(b);
    expect(a).toEqual([1, Math.E]);
  });

  it("an input f does not use gets a zero gradient of its shape", () => {
    const [, dz] = grad((a: Variable, _b: Variable) => a.sum())(f64([1, 2]), f64([[1, 2, 3]]));
    expect(dz!.toArray()).toEqual([[0, 0, 0]]);
  });

  it("a constant f gives zeros", () => {
    const { value, grads } = valueAndGrad(() => new Variable(T.scalar(3)))(T.ones([2]));
    expect(value.item()).toBe(3);
    expect(grads[0]!.toArray()).toEqual([0, 0]);
  });

  it("leaves the .grad of captured parameters untouched", () => {
    const w = new Parameter(f64([2, 3]));
    const g = grad((v) => v.mul(w).sum());
    expect(g(f64([1, 1]))[0]!.toArray()).toEqual([2, 3]);
    expect(w.grad).toBeNull();
  });

  it("works inside noGrad", () => {
    const [d] = noGrad(() => grad((v) => v.square().sum())(f64([3])));
    expect(d!.toArray()).toEqual([6]);
  });

  it("keeps float32 inputs float32", () => {
    const [d] = grad((v) => v.mul(2).sum())(T.tensor([1, 2]));
    expect(d!.dtype).toBe("float32");
    expect(d!.toArray()).toEqual([2, 2]);
  });
});
