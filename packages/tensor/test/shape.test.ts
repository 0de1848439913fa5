import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arange,
  broadcastShapes,
  broadcastTo,
  concat,
  expandDims,
  reshape,
  shapesEqual,
  sizeOf,
  squeeze,
  stack,
  type Tensor,
  tensor,
  transpose,
  zeros,
} from "../src/index.js";
import {
  arbBroadcastPair,
  arbTensor,
  at,
  broadcastRead,
  expectClose,
  filled,
  naiveBroadcastShape,
  prod,
  ravel,
  unravel,
} from "./helpers.js";

/** A random permutation of 0..n-1 from fast-check. */
const arbPerm = (n: number) =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((keys) =>
    keys
      .map((k, i) => [k, i] as const)
      .sort((x, y) => x[0] - y[0])
      .map(([, i]) => i),
  );

/** All factorizations of n into `parts` positive integers, one picked at random. */
const arbShapeOfSize = (n: number) =>
  fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 4 }).map((wanted) => {
    const shape: number[] = [];
    let rest = n;
    for (const w of wanted) {
      if (rest % w === 0) {
        shape.push(w);
        rest /= w;
      }
    }
    if (rest !== 1 || shape.length === 0) shape.push(rest);
    return shape;
  });

describe("reshape", () => {
  it("keeps row-major order and round-trips (property)", () => {
    fc.assert(
      fc.property(
        arbTensor(0, 4, 5).chain((x) => fc.tuple(fc.constant(x), arbShapeOfSize(x.size))),
        ([x, shape]) => {
          const y = reshape(x, shape);
          expect([...y.shape]).toEqual(shape);
          expect([...y.data]).toEqual([...x.data]);
          expect([...reshape(y, [...x.shape]).shape]).toEqual([...x.shape]);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("infers one -1 dimension and shares storage", () => {
    const x = arange(12);
    const y = x.reshape([3, -1]);
    expect([...y.shape]).toEqual([3, 4]);
    expect([...x.reshape([-1]).shape]).toEqual([12]);
    expect([...x.reshape([2, -1, 3]).shape]).toEqual([2, 2, 3]);
    expect([...zeros([0, 4]).reshape([0, 2, 2]).shape]).toEqual([0, 2, 2]);
    y.data[0] = 42;
    expect(x.data[0]).toBe(42); // a view, like NumPy
    expect([...tensor(5).reshape([1, 1]).shape]).toEqual([1, 1]);
    expect([...tensor([5]).reshape([]).shape]).toEqual([]);
  });
});

describe("transpose / permute", () => {
  it("matches index mapping out[i...] = x[perm-applied i...] (property)", () => {
    fc.assert(
      fc.property(
        arbTensor(0, 5, 4).chain((x) => fc.tuple(fc.constant(x), arbPerm(x.rank), fc.boolean())),
        ([x, perm, negative]) => {
          const written = perm.map((p) => (negative ? p - x.rank : p));
          const y = transpose(x, written);
          expect([...y.shape]).toEqual(perm.map((p) => x.shape[p]));
          for (let i = 0; i < y.size; i++) {
            const idx = unravel(i, y.shape);
            const src = new Array<number>(x.rank);
            perm.forEach((p, d) => {
              src[p] = idx[d]!;
            });
            expect(y.data[i]).toBe(at(x, src));
          }
          // the inverse permutation restores x
          const inv = new Array<number>(perm.length);
          perm.forEach((p, d) => {
            inv[p] = d;
          });
          expectClose(transpose(y, inv), { shape: [...x.shape], values: [...x.data] });
        },
      ),
      { numRuns: 80 },
    );
  });

  it("reverses axes by default and handles big matrices (blocked path)", () => {
    const x = filled([67, 45], "float32");
    const y = x.transpose();
    expect([...y.shape]).toEqual([45, 67]);
    for (let i = 0; i < 45; i++)
      for (let j = 0; j < 67; j++) expect(y.data[i * 67 + j]).toBe(x.data[j * 45 + i]);
    expect([...zeros([2, 3, 4]).transpose().shape]).toEqual([4, 3, 2]);
    expect(transpose(tensor(3)).item()).toBe(3);
  });

  it("copies: writing the result leaves the input alone", () => {
    const x = tensor([[1, 2]]);
    const y = x.transpose([0, 1]);
    y.data[0] = 9;
    expect(x.data[0]).toBe(1);
  });
});

describe("expandDims / squeeze", () => {
  it("round-trip at every position, negative too", () => {
    fc.assert(
      fc.property(arbTensor(0, 4, 4), (x) => {
        for (let a = -x.rank - 1; a <= x.rank; a++) {
          const y = expandDims(x, a);
          const pos = a < 0 ? a + x.rank + 1 : a;
          const want = [...x.shape];
          want.splice(pos, 0, 1);
          expect([...y.shape]).toEqual(want);
          expect([...squeeze(y, pos).shape]).toEqual([...x.shape]);
          expect([...squeeze(y, pos - y.rank).shape]).toEqual([...x.shape]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("squeeze without axis removes every 1", () => {
    expect([...squeeze(zeros([1, 3, 1, 2, 1])).shape]).toEqual([3, 2]);
    expect([...zeros([1, 3, 1]).squeeze([0, -1]).shape]).toEqual([3]);
    expect([...zeros([1, 1]).squeeze().shape]).toEqual([]);
    expect([...zeros([2]).expandDims(-1).shape]).toEqual([2, 1]);
  });
});

describe("broadcastTo and broadcastShapes", () => {
  it("agree with the naive reference (property)", () => {
    fc.assert(
      fc.property(arbBroadcastPair(), ([sa, sb]) => {
        const out = naiveBroadcastShape(sa, sb)!;
        expect(broadcastShapes("test", sa, sb)).toEqual(out);
        const x = filled(sa, "float64");
        const y = broadcastTo(x, out);
        expect([...y.shape]).toEqual(out);
        for (let i = 0; i < y.size; i++) expect(y.data[i]).toBe(broadcastRead(x, unravel(i, out)));
      }),
      { numRuns: 80 },
    );
  });

  it("method form and helpers", () => {
    expect(tensor([1, 2]).broadcastTo([2, 2]).toArray()).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(shapesEqual([2, 3], [2, 3])).toBe(true);
    expect(shapesEqual([2, 3], [3, 2])).toBe(false);
    expect(shapesEqual([], [1])).toBe(false);
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([2, 0, 3])).toBe(0);
  });
});

describe("concat and stack", () => {
  it("concat along any axis equals the naive join (property)", () => {
    const arbCase = fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
      )
      .map(([shape, sizes, ax]) => ({ shape, sizes, axis: ax % shape.length }));
    fc.assert(
      fc.property(arbCase, ({ shape, sizes, axis }) => {
        const parts = sizes.map((s, i) => {
          const sh = [...shape];
          sh[axis] = s;
          return filled(sh, "float64", i + 1);
        });
        const out = concat(parts, axis - shape.length); // negative axis
        const total = sizes.reduce((a, b) => a + b, 0);
        const want = [...shape];
        want[axis] = total;
        expect([...out.shape]).toEqual(want);
        for (let i = 0; i < out.size; i++) {
          const idx = unravel(i, want);
          let k = idx[axis]!;
          let p = 0;
          while (k >= sizes[p]!) k -= sizes[p++]!;
          const src = [...idx];
          src[axis] = k;
          expect(out.data[i]).toBe(parts[p]!.data[ravel(src, parts[p]!.shape)]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("stack inserts a new axis at any position", () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    const b = tensor([
      [5, 6],
      [7, 8],
    ]);
    expect(stack([a, b]).toArray()).toEqual([a.toArray(), b.toArray()]);
    expect(stack([a, b], 1).toArray()).toEqual([
      [
        [1, 2],
        [5, 6],
      ],
      [
        [3, 4],
        [7, 8],
      ],
    ]);
    expect(stack([a, b], -1).toArray()).toEqual([
      [
        [1, 5],
        [2, 6],
      ],
      [
        [3, 7],
        [4, 8],
      ],
    ]);
    expect(stack([tensor(1), tensor(2)]).toArray()).toEqual([1, 2]);
  });

  it("concat of a single tensor copies it", () => {
    const x = tensor([1, 2]);
    const y = concat([x]);
    y.data[0] = 5;
    expect(x.data[0]).toBe(1);
  });
});

describe("conversion", () => {
  it("toArray builds nested arrays; clone is deep", () => {
    const x: Tensor = arange(6).reshape([2, 1, 3]);
    expect(x.toArray()).toEqual([[[0, 1, 2]], [[3, 4, 5]]]);
    expect(tensor(2.5).toArray()).toBe(2.5);
    expect(zeros([2, 0]).toArray()).toEqual([[], []]);
    expect(zeros([0, 2]).toArray()).toEqual([]);
    const c = x.clone();
    c.data[0] = 99;
    expect(x.data[0]).toBe(0);
    expect([...c.shape]).toEqual([2, 1, 3]);
    expect(c.dtype).toBe(x.dtype);
    expect(x.rank).toBe(3);
    expect(prod(x.shape)).toBe(x.size);
  });

  it("shapes are frozen copies", () => {
    const shape = [2, 3];
    const x = zeros(shape);
    shape[0] = 5;
    expect([...x.shape]).toEqual([2, 3]);
    expect(Object.isFrozen(x.shape)).toBe(true);
  });
});
