import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arange, gather, oneHot, slice, Tensor, take, tensor, where } from "../src/index.js";
import {
  arbBroadcastPair,
  arbTensor,
  at,
  broadcastRead,
  filled,
  naiveBroadcastShape,
  prod,
  unravel,
} from "./helpers.js";

describe("slice", () => {
  it("matches a naive index copy for random ranges (negative begins, -1 sizes)", () => {
    const arbCase = arbTensor(0, 4, 5).chain((x) =>
      fc.tuple(
        fc.constant(x),
        fc.tuple(
          ...x.shape.map((d) =>
            fc
              .tuple(fc.integer({ min: 0, max: d }), fc.boolean(), fc.boolean())
              .chain(([b, neg, toEnd]) =>
                fc.tuple(
                  fc.constant(b),
                  fc.constant(neg && b > 0 && b < d ? b - d : b),
                  toEnd ? fc.constant(-1) : fc.integer({ min: 0, max: d - b }),
                ),
              ),
          ),
        ),
      ),
    );
    fc.assert(
      fc.property(arbCase, ([x, ranges]) => {
        const begin = ranges.map((r) => r[1]);
        const size = ranges.map((r) => r[2]);
        const y = slice(x, begin, size);
        const starts = ranges.map((r) => r[0]);
        const want = ranges.map(([b, , s], i) => (s === -1 ? x.shape[i]! - b : s));
        expect([...y.shape]).toEqual(want);
        for (let i = 0; i < y.size; i++) {
          const idx = unravel(i, want).map((v, d) => v + starts[d]!);
          expect(y.data[i]).toBe(at(x, idx));
        }
      }),
      { numRuns: 80 },
    );
  });

  it("takes trailing axes whole and copies", () => {
    const x = arange(12).reshape([3, 4]);
    expect(x.slice([1]).toArray()).toEqual([
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ]);
    expect(x.slice([-1, 1], [1, 2]).toArray()).toEqual([[9, 10]]);
    expect(x.slice([0, 4]).toArray()).toEqual([[], [], []]);
    const y = x.slice([0, 0], [1, 1]);
    y.data[0] = 7;
    expect(x.data[0]).toBe(0);
    expect(slice(tensor(5), []).item()).toBe(5);
  });
});

describe("gather / take", () => {
  it("matches a naive pick along any axis with multi-dim and negative indices", () => {
    const arbCase = arbTensor(1, 4, 4).chain((x) =>
      fc.nat({ max: x.rank - 1 }).chain((axis) =>
        fc.tuple(
          fc.constant(x),
          fc.constant(axis),
          fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 2 }).chain((ishape) =>
            fc
              .array(fc.integer({ min: -x.shape[axis]!, max: x.shape[axis]! - 1 }), {
                minLength: prod(ishape),
                maxLength: prod(ishape),
              })
              .map((v) => new Tensor(Int32Array.from(v), ishape)),
          ),
        ),
      ),
    );
    fc.assert(
      fc.property(arbCase, ([x, axis, indices]) => {
        const y = gather(x, indices, axis);
        const want = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
        expect([...y.shape]).toEqual(want);
        for (let i = 0; i < y.size; i++) {
          const idx = unravel(i, want);
          const ii = idx.slice(axis, axis + indices.rank);
          let k = indices.rank === 0 ? indices.data[0]! : at(indices, ii);
          if (k < 0) k += x.shape[axis]!;
          const src = [...idx.slice(0, axis), k, ...idx.slice(axis + indices.rank)];
          expect(y.data[i]).toBe(at(x, src));
        }
        // number arrays work the same and take is the same function
        expect(take(x, [...indices.data], axis - x.rank).toArray()).toEqual(
          gather(x, indices.reshape([-1]), axis).toArray(),
        );
      }),
      { numRuns: 80 },
    );
  });

  it("picks rows and columns (method form)", () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(x.gather([2, 0]).toArray()).toEqual([
      [5, 6],
      [1, 2],
    ]);
    expect(x.gather([1], 1).toArray()).toEqual([[2], [4], [6]]);
    expect(x.gather([-1], -1).toArray()).toEqual([[2], [4], [6]]);
    expect(x.gather([]).shape).toEqual([0, 2]);
  });
});

describe("oneHot", () => {
  it("encodes labels of any shape, from arrays or int32 tensors", () => {
    expect(oneHot([0, 2, 1], 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    const labels = tensor([[1], [0]], undefined, "int32");
    const y = oneHot(labels, 2, "int32");
    expect(y.dtype).toBe("int32");
    expect(y.toArray()).toEqual([[[0, 1]], [[1, 0]]]);
    expect(oneHot([], 4).shape).toEqual([0, 4]);
    expect(oneHot([1], 2, "float64").dtype).toBe("float64");
  });
});

describe("where", () => {
  it("broadcasts condition, a and b together (property)", () => {
    const arbCase = arbBroadcastPair(3, 3).chain(([sc, sa]) =>
      fc.tuple(
        fc.constant(sc),
        fc.constant(sa),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 }),
        fc.integer({ min: 1, max: 1000 }),
      ),
    );
    fc.assert(
      fc.property(arbCase, ([sc, sa, sbRaw, seed]) => {
        const sb = naiveBroadcastShape(sc, sa, sbRaw) ? sbRaw : [];
        const cond = filled(sc, "int32", seed).gt(0);
        const a = filled(sa, "float64", seed + 1);
        const b = filled(sb, "float64", seed + 2);
        const out = where(cond, a, b);
        const shape = naiveBroadcastShape(sc, sa, sb)!;
        expect([...out.shape]).toEqual(shape);
        for (let i = 0; i < out.size; i++) {
          const idx = unravel(i, shape);
          const want =
            broadcastRead(cond, idx) !== 0 ? broadcastRead(a, idx) : broadcastRead(b, idx);
          expect(out.data[i]).toBe(want);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("takes numbers for either branch and NaN counts as true", () => {
    const x = tensor([-2, 3, 0]);
    expect(where(x.gt(0), x, 0).toArray()).toEqual([0, 3, 0]);
    expect(where(x.gt(0), 1, -1).toArray()).toEqual([-1, 1, -1]);
    expect(where(tensor([Number.NaN, 0]), 1, 2).toArray()).toEqual([1, 2]);
    const i = tensor([1, 2], undefined, "int32");
    expect(where(tensor([1, 0]), i, 7).toArray()).toEqual([1, 7]);
    expect(where(tensor([1, 0]), i, 7).dtype).toBe("int32");
  });
});
