import { Parameter } from "@neurite/autograd";
import { tensor } from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Adam, type OptimizerStateDict, SGD } from "../src/index.js";

const f32 = (lim: number) =>
  fc.float({ min: Math.fround(-lim), max: Math.fround(lim), noNaN: true, noDefaultInfinity: true });

describe("properties", () => {
  it("SGD without momentum is θ − lr·g, rounded once to the parameter's dtype", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(f32(1e3), f32(1e3)), { minLength: 1, maxLength: 16 }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.boolean(),
        (pairs, lr, single) => {
          const dtype = single ? "float32" : "float64";
          const theta = pairs.map(([t]) => t);
          const g = pairs.map(([, x]) => x);
          const p = new Parameter(tensor(theta, [theta.length], dtype));
          p.grad = tensor(g, [g.length], dtype);
          new SGD([p], { lr }).step();
          const round = single ? Math.fround : (x: number) => x;
          expect(Array.from(p.value.data)).toEqual(theta.map((t, i) => round(t - lr * g[i]!)));
        },
      ),
      { seed: 1, numRuns: 300 },
    );
  });

  it("Adam's first step moves each element by lr·|g|/(|g| + ε/√(1 − β₂)) against its gradient", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (g) => {
          const p = new Parameter(
            tensor(
              g.map(() => 0),
              [g.length],
              "float64",
            ),
          );
          p.grad = tensor(g, [g.length], "float64");
          new Adam([p], { lr: 0.01 }).step();
          Array.from(p.value.data).forEach((x, i) => {
            const a = Math.abs(g[i]!);
            const expected = -Math.sign(g[i]!) * ((0.01 * a) / (a + 1e-7 / Math.sqrt(0.001)));
            expect(x).toBeCloseTo(expected, 14);
          });
        },
      ),
      { seed: 2, numRuns: 200 },
    );
  });

  it("any number of Adam steps survives a JSON state round trip exactly", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(f32(10), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (grads) => {
          const p = new Parameter(tensor([0.1, 0.2, 0.3]));
          const opt = new Adam([p], { amsgrad: true });
          for (const g of grads) {
            p.grad = tensor(g);
            opt.step();
          }
          const sd = opt.stateDict();
          const q = new Parameter(tensor([0.1, 0.2, 0.3]));
          const opt2 = new Adam([q], { amsgrad: true });
          opt2.loadStateDict(JSON.parse(JSON.stringify(sd)) as OptimizerStateDict);
          expect(opt2.stateDict()).toEqual(sd);
        },
      ),
      { seed: 3, numRuns: 100 },
    );
  });
});
