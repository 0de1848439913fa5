import { Parameter, type Variable } from "@neurite/autograd";
import { tensor, ValueError } from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clipGradNorm, clipGradValue } from "../src/index.js";

function withGrad(
  values: number[],
  grad: number[] | null,
  dtype: "float32" | "float64" = "float64",
) {
  const p = new Parameter(tensor(values, [values.length], dtype));
  p.grad = grad === null ? null : tensor(grad, [grad.length], dtype);
  return p;
}

const gradOf = (p: Variable) => Array.from(p.grad!.data);

describe("clipGradNorm", () => {
  it("scales all gradients together when the global norm exceeds maxNorm", () => {
    // Global norm of (3, 4) and (12): √(9 + 16 + 144) = √169 = 13.
    // maxNorm 6.5: coefficient 6.5/(13 + 1e-6) = 0.49999996..., so (3, 4, 12) → (1.5, 2, 6) up to 1e-7.
    const a = withGrad([0, 0], [3, 4]);
    const b = withGrad([0], [12]);
    const total = clipGradNorm([a, b], 6.5);
    expect(total).toBe(13);
    const coef = 6.5 / (13 + 1e-6);
    expect(gradOf(a)).toEqual([3 * coef, 4 * coef]);
    expect(gradOf(b)).toEqual([12 * coef]);
    expect(gradOf(a)[0]).toBeCloseTo(1.5, 6);
  });

  it("leaves gradients alone when the norm is within maxNorm", () => {
    const a = withGrad([0, 0], [3, 4]);
    expect(clipGradNorm([a], 6)).toBe(5);
    expect(gradOf(a)).toEqual([3, 4]);
    expect(clipGradNorm([a], Infinity)).toBe(5);
    // As in PyTorch, a norm equal to maxNorm still scales by maxNorm/(norm + 1e-6).
    clipGradNorm([a], 5);
    expect(gradOf(a)).toEqual([3 * (5 / (5 + 1e-6)), 4 * (5 / (5 + 1e-6))]);
  });

  it("skips parameters without gradients and returns 0 when there are none", () => {
    const a = withGrad([1, 2], null);
    const b = withGrad([0], [-2]);
    expect(clipGradNorm([a, b], 1)).toBe(2);
    expect(a.grad).toBeNull();
    expect(gradOf(b)[0]).toBeCloseTo(-0.5 * (2 / (2 + 1e-6)) * 2, 12);
    expect(clipGradNorm([withGrad([1], null)], 1)).toBe(0);
    expect(clipGradNorm([], 1)).toBe(0);
  });

  it("other norms: 1-norm and infinity norm", () => {
    const a = withGrad([0, 0, 0], [1, -2, 3]);
    expect(clipGradNorm([a], 100, { normType: 1 })).toBe(6);
    expect(clipGradNorm([a], 100, { normType: Infinity })).toBe(3);
    expect(clipGradNorm([a], 1, { normType: Infinity })).toBe(3);
    expect(gradOf(a).map((x) => x * 3 * (1 + 1e-6 / 3))).toEqual(
      [1, -2, 3].map((x) => expect.closeTo(x, 12)),
    );
  });

  it("a gradient tensor shared by two parameters is scaled once", () => {
    const shared = tensor([3, 4], [2], "float64");
    const a = new Parameter(tensor([0, 0], [2], "float64"));
    const b = new Parameter(tensor([0, 0], [2], "float64"));
    a.grad = shared;
    b.grad = shared;
    const total = clipGradNorm([a, b], 1); // √(25 + 25)
    expect(total).toBeCloseTo(Math.SQRT2 * 5, 14);
    const coef = 1 / (total + 1e-6);
    expect(Array.from(shared.data)).toEqual([3 * coef, 4 * coef]);
  });

  it("non-finite norms: scales like PyTorch, or throws when asked", () => {
    const a = withGrad([0, 0], [Number.NaN, 1]);
    expect(() => clipGradNorm([a], 1, { errorIfNonfinite: true })).toThrow(
      "clipGradNorm: argument 'params': the total gradient norm is NaN: some gradient holds NaN or Infinity",
    );
    expect(gradOf(a)[1]).toBe(1);
    expect(Number.isNaN(clipGradNorm([a], 1))).toBe(true);
  });

  it("rejects bad arguments", () => {
    const a = withGrad([0], [1]);
    expect(() => clipGradNorm([a], -1)).toThrow(
      "clipGradNorm: argument 'maxNorm': expected a number >= 0, got -1",
    );
    expect(() => clipGradNorm([a], Number.NaN)).toThrow(ValueError);
    expect(() => clipGradNorm([a], 1, { normType: 0 })).toThrow(
      "clipGradNorm: argument 'normType': expected a number > 0 or Infinity, got 0",
    );
    expect(() => clipGradNorm([a, tensor([1])] as never, 1)).toThrow(
      "clipGradNorm: argument 'params': element 1 is a Tensor of shape [1], not an autograd Variable",
    );
    expect(() => clipGradNorm(5 as never, 1)).toThrow(/expected an array of Variables, got 5/);
  });

  it("property: the result norm is at most maxNorm and never larger than before", () => {
    const f32 = (lim: number) =>
      fc.float({
        min: Math.fround(-lim),
        max: Math.fround(lim),
        noNaN: true,
        noDefaultInfinity: true,
      });
    fc.assert(
      fc.property(
        fc.array(fc.array(f32(1e4), { minLength: 1, maxLength: 8 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (grads, maxNorm) => {
          const params = grads.map((g) =>
            withGrad(
              g.map(() => 0),
              g,
              "float32",
            ),
          );
          const norm = (ps: Variable[]) =>
            Math.sqrt(ps.reduce((s, p) => s + gradOf(p).reduce((t, x) => t + x * x, 0), 0));
          const before = norm(params);
          const total = clipGradNorm(params, maxNorm);
          const after = norm(params);
          expect(total).toBeCloseTo(before, 6);
          expect(after).toBeLessThanOrEqual(before);
          expect(after).toBeLessThanOrEqual(maxNorm * (1 + 1e-6) + 1e-6);
          if (before + 1e-6 <= maxNorm) expect(after).toBe(before);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("clipGradValue", () => {
  it("limits every element to [-clipValue, clipValue], in place", () => {
    const a = withGrad([0, 0, 0, 0], [-3, -0.5, 0.5, 3]);
    const b = withGrad([0], null);
    const g = a.grad;
    clipGradValue([a, b], 1);
    expect(a.grad).toBe(g);
    expect(gradOf(a)).toEqual([-1, -0.5, 0.5, 1]);
    expect(b.grad).toBeNull();
  });

  it("rejects a negative clipValue and non-Variables", () => {
    expect(() => clipGradValue([], -1)).toThrow(
      "clipGradValue: argument 'clipValue': expected a number >= 0, got -1",
    );
    expect(() => clipGradValue([1] as never, 1)).toThrow(
      "clipGradValue: argument 'params': element 0 is 1, not an autograd Variable",
    );
  });

  it("property: every element ends in range and elements in range are unchanged", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (g, c) => {
          const p = withGrad(
            g.map(() => 0),
            g,
          );
          clipGradValue([p], c);
          gradOf(p).forEach((x, i) => {
            expect(Math.abs(x)).toBeLessThanOrEqual(c);
            if (Math.abs(g[i]!) <= c) expect(x).toBe(g[i]);
          });
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe("a gradient set by hand as int32", () => {
  it("is measured exactly and scaled or clipped in place with int32 conversion, as before", () => {
    const p = new Parameter(tensor([0, 0], [2]));
    p.grad = tensor([3, 4], [2], "int32");
    // coefficient 2.5/(5 + 1e-6) < 0.5: 3·c = 1.4999…, 4·c = 1.9999… truncate to 1 and 1.
    expect(clipGradNorm([p], 2.5)).toBe(5);
    expect(gradOf(p)).toEqual([1, 1]);
    p.grad = tensor([5, -7], [2], "int32");
    clipGradValue([p], 2.5);
    expect(gradOf(p)).toEqual([2, -2]);
  });
});
