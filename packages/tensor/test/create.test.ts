import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largestBelow } from "../src/create.js";
import {
  arange,
  DTYPES,
  eye,
  full,
  isFloat,
  linspace,
  normal,
  ones,
  onesLike,
  permutation,
  Rng,
  rand,
  randint,
  randn,
  scalar,
  shuffle,
  Tensor,
  tensor,
  uniform,
  zeros,
  zerosLike,
} from "../src/index.js";
import { cpuOnly } from "./helpers.js";

// These tests check the TypeScript reference kernels, whatever else is registered.
let restoreBackends: () => void = () => {};
beforeAll(() => {
  restoreBackends = cpuOnly();
});
afterAll(() => restoreBackends());

describe("tensor()", () => {
  it("infers shape from nested arrays and defaults to float32", () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x).toBeInstanceOf(Tensor);
    expect([...x.shape]).toEqual([2, 3]);
    expect(x.dtype).toBe("float32");
    expect(x.data).toBeInstanceOf(Float32Array);
    expect(x.size).toBe(6);
    expect(x.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor([[[1]], [[2]]]).shape).toEqual([2, 1, 1]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
  });

  it("takes each dtype", () => {
    for (const dtype of DTYPES) {
      const x = tensor([1, -2, 3], undefined, dtype);
      expect(x.dtype).toBe(dtype);
      expect(x.toArray()).toEqual([1, -2, 3]);
    }
    expect(tensor([0.1], undefined, "float64").data[0]).toBe(0.1);
    expect(tensor([0.1]).data[0]).toBe(Math.fround(0.1));
    expect(isFloat("float32")).toBe(true);
    expect(isFloat("int32")).toBe(false);
  });

  it("takes a typed array plus a shape, copying it, and keeps its dtype", () => {
    const src = new Float64Array([1, 2, 3, 4, 5, 6]);
    const x = tensor(src, [3, 2]);
    expect(x.dtype).toBe("float64");
    expect(x.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    src[0] = 100;
    expect(x.data[0]).toBe(1);
    expect(tensor(new Int32Array([1, 2])).dtype).toBe("int32");
    expect(tensor(new Float32Array([1.5, 2]), [2], "float64").data).toBeInstanceOf(Float64Array);
    expect(tensor(new Float64Array([3, 4]), undefined, "int32").toArray()).toEqual([3, 4]);
  });

  it("makes scalars from numbers, and a flat array takes a shape", () => {
    const s = tensor(3.5);
    expect(s.rank).toBe(0);
    expect(s.item()).toBe(3.5);
    expect(scalar(2, "int32").dtype).toBe("int32");
    expect(tensor([1, 2, 3, 4], [2, 2]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor(7, [1, 1]).toArray()).toEqual([[7]]);
  });

  it("the constructor wraps storage without copying", () => {
    const data = new Float32Array(4);
    const x = new Tensor(data, [2, 2]);
    data[3] = 9;
    expect(x.toArray()).toEqual([
      [0, 0],
      [0, 9],
    ]);
  });
});

describe("filled constructors", () => {
  it("zeros, ones, full, *Like", () => {
    expect(zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(ones([3], "int32").toArray()).toEqual([1, 1, 1]);
    expect(ones([3], "int32").dtype).toBe("int32");
    expect(full([2], 7.5, "float64").toArray()).toEqual([7.5, 7.5]);
    expect(full([], 3).toArray()).toBe(3);
    expect(zeros([0, 5]).size).toBe(0);
    const x = full([2, 3], 4, "float64");
    expect(zerosLike(x).dtype).toBe("float64");
    expect([...onesLike(x).shape]).toEqual([2, 3]);
    expect(onesLike(x).data.every((v) => v === 1)).toBe(true);
    expect(full([2], Number.NaN).data[0]).toBeNaN();
  });

  it("arange like NumPy: one, two or three arguments; negative and fractional steps", () => {
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(2, 5).toArray()).toEqual([2, 3, 4]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 0, -2, "int32").toArray()).toEqual([5, 3, 1]);
    expect(arange(0, 1, 0.1, "float64").size).toBe(10);
    expect(arange(3, 3).size).toBe(0);
    expect(arange(3, 1).size).toBe(0);
    expect(arange(0, 5, 1, "int32").dtype).toBe("int32");
  });

  it("linspace includes both ends", () => {
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(2, 2, 1).toArray()).toEqual([2]);
    expect(linspace(0, 1, 0).size).toBe(0);
    const x = linspace(-1, 0.3, 7, "float64");
    expect(x.data[6]).toBe(0.3);
    expect(linspace(0, 3, 5, "int32").toArray()).toEqual([0, 0, 1, 2, 3]);
  });

  it("eye: square and rectangular", () => {
    expect(eye(2).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(eye(2, 3, "int32").toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(eye(3, 1).toArray()).toEqual([[1], [0], [0]]);
    expect(eye(0).shape).toEqual([0, 0]);
  });
});

describe("random constructors", () => {
  it("rand and uniform stay in [low, high) with the requested dtype", () => {
    const r = rand([1000], 1);
    expect(r.dtype).toBe("float32");
    expect(r.data.every((v) => v >= 0 && v < 1)).toBe(true);
    const u = uniform([2, 500], -3, 2, new Rng(2), "float64");
    expect(u.dtype).toBe("float64");
    expect([...u.shape]).toEqual([2, 500]);
    expect(u.data.every((v) => v >= -3 && v < 2)).toBe(true);
    expect(Math.min(...u.data)).toBeLessThan(-2.9);
    expect(Math.max(...u.data)).toBeGreaterThan(1.9);
  });

  it("uniform never returns high, even when rounding to float32 would give it", () => {
    class TopRng extends Rng {
      override uniform(): number {
        return 1 - 2 ** -53; // the largest uniform() can return
      }
    }
    const x = rand([3], new TopRng(0));
    expect([...x.data]).toEqual([0.99999994, 0.99999994, 0.99999994].map(Math.fround));
    expect(uniform([1], 0, 0.1, new TopRng(0)).data[0]).toBeLessThan(0.1);
    expect(uniform([1], -2, -1, new TopRng(0), "float64").data[0]).toBeLessThan(-1);
    expect(largestBelow(1, "float32")).toBe(1 - 2 ** -24);
    expect(largestBelow(1, "float64")).toBe(1 - 2 ** -53);
    expect(largestBelow(-1, "float64")).toBe(-1 - 2 ** -52);
    expect(largestBelow(-1, "float32")).toBe(-1 - 2 ** -23);
    expect(largestBelow(0, "float64")).toBe(-5e-324);
    expect(largestBelow(0.1, "float32")).toBeLessThan(0.1);
    expect(Math.fround(largestBelow(0.1, "float32"))).toBe(largestBelow(0.1, "float32"));
  });

  it("randn, normal: dtype, shape and parameters", () => {
    const z = randn([4, 5], 3);
    expect(z.dtype).toBe("float32");
    expect([...z.shape]).toEqual([4, 5]);
    const n = normal([20000], 5, 0.5, new Rng(4), "float64");
    expect(n.mean().item()).toBeCloseTo(5, 1);
    expect(Math.sqrt(n.variance().item())).toBeCloseTo(0.5, 1);
    expect(normal([3], 2, 0, 1).toArray()).toEqual([2, 2, 2]);
  });

  it("randint: int32 in [low, high), every value reached", () => {
    const x = randint([2000], -3, 4, 5);
    expect(x.dtype).toBe("int32");
    const seen = new Set(x.data);
    expect([...seen].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    const wide = randint([100], -(2 ** 31), 2 ** 31, 6);
    expect(wide.data.some((v) => v < 0)).toBe(true);
    expect(randint([5], 7, 8, 1).toArray()).toEqual([7, 7, 7, 7, 7]);
  });

  it("permutation is a permutation; shuffle permutes rows without touching the input", () => {
    const p = permutation(50, 9);
    expect(p.dtype).toBe("int32");
    expect([...p.data].sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(permutation(0, 1).size).toBe(0);

    const x = arange(12).reshape([6, 2]);
    const before = x.toArray();
    const y = shuffle(x, new Rng(1));
    expect(x.toArray()).toEqual(before);
    const rows = y.toArray(2);
    expect(rows.map((r) => r[1]! - r[0]!)).toEqual([1, 1, 1, 1, 1, 1]); // rows stay whole
    expect(rows.map((r) => r[0]).sort((a, b) => a! - b!)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(shuffle(x, 1).toArray()).toEqual(shuffle(x, new Rng(1)).toArray());
    expect(shuffle(arange(5, undefined, 1, "int32"), 3).dtype).toBe("int32");
  });

  it("a shared Rng advances: two draws differ, a fresh seed repeats", () => {
    const rng = new Rng(10);
    const a = randn([8], rng);
    const b = randn([8], rng);
    expect(a.toArray()).not.toEqual(b.toArray());
    expect(randn([8], 10).toArray()).toEqual(a.toArray());
  });
});
