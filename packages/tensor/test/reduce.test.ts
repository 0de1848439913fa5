import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  argmax,
  argmin,
  logSumExp,
  max,
  mean,
  min,
  sum,
  type Tensor,
  tensor,
  variance,
  zeros,
} from "../src/index.js";
import { arbTensor, cpuOnly, expectClose, filled, naiveReduce, prod, unravel } from "./helpers.js";

type Reducer = (x: Tensor, axis?: number | number[], keepDims?: boolean) => Tensor;

const meanOf = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const REDUCERS: [string, Reducer, (v: number[]) => number][] = [
  ["sum", sum, (v) => v.reduce((s, x) => s + x, 0)],
  ["mean", mean, meanOf],
  ["max", max, (v) => Math.max(...v)],
  ["min", min, (v) => Math.min(...v)],
  [
    "variance",
    variance,
    (v) => {
      const m = meanOf(v);
      return meanOf(v.map((x) => (x - m) ** 2));
    },
  ],
  ["logSumExp", logSumExp, (v) => Math.log(v.reduce((s, x) => s + Math.exp(x), 0))],
];

/** A tensor plus a random subset of its axes, each written positive or negative. */
const arbCase = arbTensor(0, 4, 4).chain((x) =>
  fc.tuple(
    fc.constant(x),
    fc.subarray(
      Array.from({ length: x.rank }, (_, i) => i),
      { minLength: 0 },
    ),
    fc.array(fc.boolean(), { minLength: x.rank, maxLength: x.rank }),
    fc.boolean(),
    fc.boolean(),
  ),
);

// These tests check the TypeScript reference kernels, whatever else is registered.
let restoreBackends: () => void = () => {};
beforeAll(() => {
  restoreBackends = cpuOnly();
});
afterAll(() => restoreBackends());

describe("reductions match a naive reference over every axis combination", () => {
  for (const [name, op, ref] of REDUCERS) {
    it(`${name}: random shapes, axis lists (negative too), keepDims`, () => {
      fc.assert(
        fc.property(arbCase, ([x, axes, negate, keepDims, asNumber]) => {
          const written = axes.map((a, i) => (negate[i] ? a - x.rank : a));
          const arg = asNumber && written.length === 1 ? written[0]! : written;
          const want = naiveReduce(x, axes, keepDims, ref);
          expectClose(op(x, arg, keepDims), want, 1e-12);
        }),
        { numRuns: 80 },
      );
    });

    it(`${name}: all axes when omitted`, () => {
      fc.assert(
        fc.property(arbTensor(0, 4, 4), fc.boolean(), (x, keepDims) => {
          const all = Array.from({ length: x.rank }, (_, i) => i);
          expectClose(op(x, undefined, keepDims), naiveReduce(x, all, keepDims, ref), 1e-12);
        }),
        { numRuns: 40 },
      );
    });
  }

  it("exhaustively checks every axis subset of a rank-4 tensor (float32 input)", () => {
    const x = filled([3, 2, 4, 5], "float32");
    for (let mask = 0; mask < 16; mask++) {
      const axes = [0, 1, 2, 3].filter((a) => mask & (1 << a));
      for (const keepDims of [false, true]) {
        const s = sum(x, axes, keepDims);
        expect(s.dtype).toBe("float32");
        const want = naiveReduce(x, axes, keepDims, (v) =>
          Math.fround(v.reduce((p, q) => p + q, 0)),
        );
        expectClose(s, want, 1e-6);
        expectClose(
          max(x, axes, keepDims),
          naiveReduce(x, axes, keepDims, (v) => Math.max(...v)),
        );
      }
    }
  });

  it("keepDims results broadcast back against the input", () => {
    const x = filled([2, 3, 4], "float64");
    const centered = x.sub(x.mean([0, 2], true));
    expectClose(centered.mean([0, 2]), { shape: [3], values: [0, 0, 0] }, 1e-12);
  });
});

describe("argmax / argmin", () => {
  it("match a naive scan along each axis (negative too) and over the flattened tensor", () => {
    fc.assert(
      fc.property(arbTensor(1, 4, 4), fc.boolean(), (x, keepDims) => {
        for (let a = -x.rank; a < x.rank; a++) {
          const axis = a < 0 ? a + x.rank : a;
          const pick = (better: (p: number, q: number) => boolean) => (vals: number[]) => {
            let best = 0;
            for (let i = 1; i < vals.length; i++) if (better(vals[i]!, vals[best]!)) best = i;
            return best;
          };
          const wantMax = naiveReduce(
            x,
            [axis],
            keepDims,
            pick((p, q) => p > q),
          );
          const wantMin = naiveReduce(
            x,
            [axis],
            keepDims,
            pick((p, q) => p < q),
          );
          const gotMax = argmax(x, a, keepDims);
          expect(gotMax.dtype).toBe("int32");
          expectClose(gotMax, wantMax);
          expectClose(argmin(x, a, keepDims), wantMin);
        }
        const flat = [...x.data];
        expect(argmax(x).item()).toBe(flat.indexOf(Math.max(...flat)));
        expect(argmin(x).item()).toBe(flat.indexOf(Math.min(...flat)));
        expect([...argmax(x, undefined, true).shape]).toEqual(x.shape.map(() => 1));
      }),
      { numRuns: 60 },
    );
  });

  it("take the first index on ties and the first NaN", () => {
    expect(argmax(tensor([1, 3, 3, 0])).item()).toBe(1);
    expect(argmin(tensor([2, 0, 5, 0])).item()).toBe(1);
    expect(argmax(tensor([1, Number.NaN, 5, Number.NaN])).item()).toBe(1);
    expect(
      argmin(
        tensor([
          [1, Number.NaN],
          [0, 2],
        ]),
        0,
      ).toArray(),
    ).toEqual([1, 0]);
    expect(
      argmax(
        tensor([
          [1, Number.NaN],
          [0, 2],
        ]),
        1,
      ).toArray(),
    ).toEqual([1, 1]);
    expect(
      argmin(
        tensor([
          [Number.NaN, Number.NaN],
          [3, 2],
        ]),
        1,
      ).toArray(),
    ).toEqual([0, 1]);
  });

  it("are available as methods", () => {
    const x = tensor([
      [1, 9, 3],
      [7, 2, 7],
    ]);
    expect(x.argmax(1).toArray()).toEqual([1, 0]);
    expect(x.argmin(0).toArray()).toEqual([0, 1, 0]);
    expect(x.argmax(-1, true).toArray()).toEqual([[1], [0]]);
  });
});

describe("reduction details", () => {
  it("logSumExp is finite and exact for huge and tiny inputs", () => {
    const big = logSumExp(tensor([1000, 1000], undefined, "float64"));
    expect(big.item()).toBeCloseTo(1000 + Math.LN2, 12);
    const small = logSumExp(tensor([-1000, -1000], undefined, "float64"));
    expect(small.item()).toBeCloseTo(-1000 + Math.LN2, 12);
    const mixed = logSumExp(
      tensor(
        [
          [1e4, 0],
          [-1e4, -1e4],
        ],
        undefined,
        "float64",
      ),
      1,
    );
    expect(mixed.toArray()).toEqual([1e4, -1e4 + Math.LN2]);
    const f32 = logSumExp(tensor([88, 89, 90]));
    expect(Number.isFinite(f32.item())).toBe(true);
    expect(f32.item()).toBeCloseTo(90 + Math.log(1 + Math.exp(-1) + Math.exp(-2)), 4);
  });

  it("logSumExp handles infinities like the math says", () => {
    const x = tensor([
      [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
      [Number.POSITIVE_INFINITY, 0],
      [Number.NEGATIVE_INFINITY, 0],
    ]);
    expect(logSumExp(x, 1).toArray()).toEqual([
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      0,
    ]);
  });

  it("max and min propagate NaN; sum of nothing is 0", () => {
    expect(max(tensor([1, Number.NaN, 3])).item()).toBeNaN();
    expect(
      min(
        tensor([
          [1, 2],
          [Number.NaN, 0],
        ]),
        0,
      ).toArray(),
    ).toEqual([Number.NaN, 0]);
    expect(sum(zeros([0])).item()).toBe(0);
    expect(sum(zeros([2, 0]), 1).toArray()).toEqual([0, 0]);
    // an empty output is fine as long as no reduced axis is empty
    expect([...max(zeros([0, 3]), 1).shape]).toEqual([0]);
  });

  it("int32: sum stays int32, mean and variance give float32", () => {
    const i = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      undefined,
      "int32",
    );
    expect(sum(i).dtype).toBe("int32");
    expect(sum(i, 0).toArray()).toEqual([4, 6]);
    expect(max(i).item()).toBe(4);
    expect(mean(i).dtype).toBe("float32");
    expect(mean(i).item()).toBe(2.5);
    expect(variance(i).item()).toBe(1.25);
    expect(logSumExp(i).dtype).toBe("float32");
  });

  it("sums accumulate in float64 even for float32 data", () => {
    const x = tensor(new Float32Array(100_000).fill(0.1));
    expect(x.sum().item()).toBeCloseTo(100_000 * Math.fround(0.1), 3);
  });

  it("a rank-0 tensor reduces to itself", () => {
    const s = tensor(4);
    expect(sum(s).item()).toBe(4);
    expect([...sum(s).shape]).toEqual([]);
    expect(max(s, [], true).item()).toBe(4);
    expect(argmax(s).item()).toBe(0);
  });

  it("methods mirror the functions", () => {
    const x = filled([3, 4], "float64");
    expect(x.sum(1).toArray()).toEqual(sum(x, 1).toArray());
    expect(x.mean(0, true).toArray()).toEqual(mean(x, 0, true).toArray());
    expect(x.max().item()).toBe(max(x).item());
    expect(x.min(-1).toArray()).toEqual(min(x, -1).toArray());
    expect(x.variance(1).toArray()).toEqual(variance(x, 1).toArray());
    expect(x.logSumExp([0, 1]).item()).toBe(logSumExp(x).item());
  });

  it("reduces big tensors along inner and outer axes consistently", () => {
    const x = filled([37, 129], "float64");
    const byRows = sum(x, 1);
    const byCols = sum(x, 0);
    let total = 0;
    for (let i = 0; i < prod(x.shape); i++) total += x.data[i]!;
    expect(sum(byRows).item()).toBeCloseTo(total, 9);
    expect(sum(byCols).item()).toBeCloseTo(total, 9);
    for (let i = 0; i < 37; i++) {
      let m = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < 129; j++) m = Math.max(m, x.data[i * 129 + j]!);
      expect(max(x, 1).data[i]).toBe(m);
    }
    expect(unravel(argmax(x).item(), x.shape)).toEqual([
      argmax(max(x, 1)).item(),
      argmax(x, 1).data[argmax(max(x, 1)).item()],
    ]);
  });
});
