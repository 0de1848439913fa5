import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  abs,
  add,
  type BinaryOp,
  cast,
  clip,
  div,
  elu,
  eq,
  exp,
  floor,
  ge,
  gt,
  le,
  leakyRelu,
  log,
  log1p,
  lt,
  maximum,
  minimum,
  mul,
  ne,
  neg,
  pow,
  reciprocal,
  relu,
  round,
  scalar,
  sigmoid,
  sign,
  softplus,
  sqrt,
  square,
  step,
  sub,
  type Tensor,
  tanh,
  tensor,
} from "../src/index.js";
import {
  arbBroadcastPair,
  arbValues,
  cpuOnly,
  expectClose,
  filled,
  naiveBinary,
  prod,
  t64,
} from "./helpers.js";

const BINARY: Record<
  BinaryOp,
  [(a: Tensor, b: Tensor) => Tensor, (x: number, y: number) => number]
> = {
  add: [add, (x, y) => x + y],
  sub: [sub, (x, y) => x - y],
  mul: [mul, (x, y) => x * y],
  div: [div, (x, y) => x / y],
  pow: [pow, (x, y) => x ** y],
  maximum: [maximum, (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.max(x, y))],
  minimum: [minimum, (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.min(x, y))],
  eq: [eq, (x, y) => Number(x === y)],
  ne: [ne, (x, y) => Number(x !== y)],
  gt: [gt, (x, y) => Number(x > y)],
  ge: [ge, (x, y) => Number(x >= y)],
  lt: [lt, (x, y) => Number(x < y)],
  le: [le, (x, y) => Number(x <= y)],
};

const arbPairTensors = arbBroadcastPair().chain(([sa, sb]) =>
  fc.tuple(
    arbValues(prod(sa)).map((v) => t64(v, sa)),
    arbValues(prod(sb)).map((v) => t64(v, sb)),
  ),
);

// These tests check the TypeScript reference kernels, whatever else is registered.
let restoreBackends: () => void = () => {};
beforeAll(() => {
  restoreBackends = cpuOnly();
});
afterAll(() => restoreBackends());

describe("binary ops broadcast like NumPy", () => {
  for (const [name, [op, ref]] of Object.entries(BINARY)) {
    it(`${name} matches an index-by-index reference (float64)`, () => {
      fc.assert(
        fc.property(arbPairTensors, ([a, b]) => {
          expectClose(op(a, b), naiveBinary(a, b, ref));
          // the swapped order broadcasts too
          expectClose(op(b, a), naiveBinary(b, a, ref));
        }),
        { numRuns: 60 },
      );
    });
  }

  it("float32 results are the float64 results rounded once", () => {
    fc.assert(
      fc.property(arbPairTensors, ([a, b]) => {
        const a32 = a.cast("float32");
        const b32 = b.cast("float32");
        const ref = naiveBinary(a32, b32, (x, y) => x * y + 0);
        expectClose(mul(a32, b32), { shape: ref.shape, values: ref.values.map(Math.fround) });
        expect(mul(a32, b32).dtype).toBe("float32");
      }),
      { numRuns: 50 },
    );
  });

  it("int32 add, sub, mul stay int32 and wrap like C", () => {
    const a = tensor([2147483647, -5, 7], undefined, "int32");
    const b = tensor([1, 3, -4], undefined, "int32");
    expect(add(a, b).toArray()).toEqual([-2147483648, -2, 3]);
    expect(sub(a, b).toArray()).toEqual([2147483646, -8, 11]);
    expect(mul(a, b).toArray()).toEqual([2147483647, -15, -28]);
    expect(add(a, b).dtype).toBe("int32");
    expect(gt(a, b).toArray()).toEqual([1, 0, 1]);
  });

  it("int32 mul wraps modulo 2³² exactly, also where the true product exceeds 2⁵³", () => {
    // NumPy: np.int32(2147483647) * np.int32(2147483647) == 1, since (2³¹ − 1)² = 2⁶² − 2³² + 1.
    const a = tensor([2147483647, 2147483647, 46341, -2147483648], undefined, "int32");
    const b = tensor([2147483647, -2147483647, 46341, -1], undefined, "int32");
    expect(mul(a, b).toArray()).toEqual([1, -1, -2147479015, -2147483648]);
    // Broadcast against a scalar goes through the same kernel.
    expect(a.mul(2147483647).toArray(1)[0]).toBe(1);
  });

  it("covers the shapes the kernel special-cases", () => {
    const x = filled([6, 7], "float64");
    const row = filled([7], "float64", 2);
    const col = filled([6, 1], "float64", 3);
    const cases: [Tensor, Tensor][] = [
      [x, x],
      [x, scalar(2.5, "float64")],
      [scalar(2.5, "float64"), x],
      [x, row],
      [row, x],
      [x, col],
      [col, row],
      [filled([2, 1, 4, 1], "float64"), filled([3, 1, 5], "float64", 4)],
      [filled([0, 3], "float64"), filled([3], "float64")],
    ];
    for (const [a, b] of cases) {
      for (const [op, ref] of Object.values(BINARY)) expectClose(op(a, b), naiveBinary(a, b, ref));
    }
  });

  it("accepts numbers on either side, taking the tensor's dtype", () => {
    const x = tensor([1, 2, 4]);
    expect(x.add(1).toArray()).toEqual([2, 3, 5]);
    expect(sub(10, x).toArray()).toEqual([9, 8, 6]);
    expect(div(1, x).toArray()).toEqual([1, 0.5, 0.25]);
    expect(pow(x, 2).toArray()).toEqual([1, 4, 16]);
    expect(pow(2, x).toArray()).toEqual([2, 4, 16]);
    const i = tensor([1, 2], undefined, "int32");
    expect(i.mul(3).dtype).toBe("int32");
    expect(add(1, 2).dtype).toBe("float32");
    expect(add(1, 2).item()).toBe(3);
  });

  it("maximum and minimum propagate NaN from either side; comparisons with NaN are 0 except ne", () => {
    const a = tensor([Number.NaN, 1, 2]);
    const b = tensor([0, Number.NaN, 1]);
    expect(maximum(a, b).toArray()).toEqual([Number.NaN, Number.NaN, 2]);
    expect(minimum(a, b).toArray()).toEqual([Number.NaN, Number.NaN, 1]);
    expect(eq(a, a).toArray()).toEqual([0, 1, 1]);
    expect(ne(a, a).toArray()).toEqual([1, 0, 0]);
    expect(gt(a, b).toArray()).toEqual([0, 0, 1]);
  });

  it("methods on Tensor delegate to the functions", () => {
    const a = tensor([[1, 2]]);
    const b = tensor([[3], [4]]);
    expect(a.add(b).toArray()).toEqual([
      [4, 5],
      [5, 6],
    ]);
    expect(a.sub(b).mul(a).div(2).toArray()).toEqual([
      [-1, -1],
      [-1.5, -2],
    ]);
    expect(a.maximum(1.5).minimum(1.8).toArray()).toEqual([[1.5, Math.fround(1.8)]]);
    expect(a.eq(2).toArray()).toEqual([[0, 1]]);
    expect(a.ne(2).toArray()).toEqual([[1, 0]]);
    expect(a.ge(2).toArray()).toEqual([[0, 1]]);
    expect(a.lt(2).toArray()).toEqual([[1, 0]]);
    expect(a.le(1).toArray()).toEqual([[1, 0]]);
    expect(a.pow(3).toArray()).toEqual([[1, 8]]);
  });
});

const UNARY: [string, (x: Tensor) => Tensor, (v: number) => number][] = [
  ["neg", neg, (v) => -v],
  ["abs", abs, Math.abs],
  ["sign", sign, (v) => (v > 0 ? 1 : v < 0 ? -1 : v)],
  ["exp", exp, Math.exp],
  ["log", log, Math.log],
  ["log1p", log1p, Math.log1p],
  ["sqrt", sqrt, Math.sqrt],
  ["square", square, (v) => v * v],
  ["reciprocal", reciprocal, (v) => 1 / v],
  ["floor", floor, Math.floor],
  ["tanh", tanh, Math.tanh],
  ["relu", relu, (v) => (v > 0 ? v : 0)],
  ["sigmoid", sigmoid, (v) => 1 / (1 + Math.exp(-v))],
  ["softplus", softplus, (v) => Math.log(1 + Math.exp(v))],
  ["leakyRelu", (x) => leakyRelu(x), (v) => (v > 0 ? v : 0.3 * v)],
  ["elu", (x) => elu(x), (v) => (v > 0 ? v : Math.exp(v) - 1)],
  ["step", (x) => step(x), (v) => (v > 0 ? 1 : 0)],
];

describe("unary math", () => {
  const values = [-7.5, -2, -1, -0.5, -1e-9, 0, 1e-9, 0.25, 0.5, 1, 2.5, 3, 20];
  const x = tensor(values, undefined, "float64");
  for (const [name, op, ref] of UNARY) {
    it(`${name} matches Math on moderate inputs`, () => {
      const got = op(x);
      expect(got.dtype).toBe("float64");
      expect([...got.shape]).toEqual([values.length]);
      values.forEach((v, i) => {
        const want = ref(v);
        if (Number.isNaN(want)) expect(got.data[i]).toBeNaN();
        else expect(got.data[i]).toBeCloseTo(want, 12);
      });
    });
  }

  it("keeps shape and dtype (float32)", () => {
    const y = filled([2, 3, 4], "float32");
    for (const [, op] of UNARY) {
      const out = op(y);
      expect([...out.shape]).toEqual([2, 3, 4]);
      expect(out.dtype).toBe("float32");
    }
  });

  it("sigmoid, softplus, tanh, elu are finite and right at ±1000", () => {
    const big = tensor([-1000, -100, -40, 0, 40, 100, 1000], undefined, "float64");
    const s = sigmoid(big).toArray(1);
    expect(s[0]).toBe(0);
    expect(s[3]).toBe(0.5);
    expect(s[6]).toBe(1);
    expect(s[2]).toBeCloseTo(Math.exp(-40), 30);
    const sp = softplus(big).toArray(1);
    expect(sp[0]).toBe(0);
    expect(sp[2]).toBeCloseTo(Math.exp(-40), 30);
    expect(sp[3]).toBeCloseTo(Math.LN2, 15);
    expect(sp[5]).toBe(100);
    expect(sp[6]).toBe(1000);
    expect(tanh(big).toArray()).toEqual([-1, -1, -1, 0, 1, 1, 1]);
    expect(elu(big).toArray(1)[0]).toBe(-1);
    for (const t of [sigmoid(big), softplus(big), tanh(big), elu(big)]) {
      for (const v of t.data) expect(Number.isFinite(v)).toBe(true);
    }
    // float32 too: no overflow in the intermediate exp
    const s32 = sigmoid(big.cast("float32"));
    expect(s32.toArray()).toEqual([
      0,
      Math.fround(Math.exp(-100)), // a float32 subnormal, still right
      Math.fround(Math.exp(-40)),
      0.5,
      1,
      1,
      1,
    ]);
    expect(softplus(big.cast("float32")).data[6]).toBe(1000);
  });

  it("sign keeps 0, -0 and NaN", () => {
    const out = sign(tensor([-3, -0, 0, 2, Number.NaN], undefined, "float64")).data;
    expect([...out.subarray(0, 4)]).toEqual([-1, -0, 0, 1]);
    expect(Object.is(out[1], -0)).toBe(true);
    expect(out[4]).toBeNaN();
  });

  it("NaN: relu, leakyRelu, clip, sign and step keep it (step once mapped it to 0)", () => {
    const x = tensor([Number.NaN, -1, 2]);
    expect(relu(x).toArray()).toEqual([Number.NaN, 0, 2]);
    expect(leakyRelu(x, 0.5).toArray()).toEqual([Number.NaN, -0.5, 2]);
    expect(clip(x, 0, 1).toArray()).toEqual([Number.NaN, 0, 1]);
    expect(sign(x).toArray()).toEqual([Number.NaN, -1, 1]);
    expect(step(x).toArray()).toEqual([Number.NaN, 0, 1]);
  });

  it("round sends halves to even, as NumPy", () => {
    const out = round(tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.6, -2.6], undefined, "float64"));
    expect(out.toArray()).toEqual([-2, -2, -0, 0, 2, 2, 3, -3]);
  });

  it("step, leakyRelu and elu take their parameter", () => {
    const x = tensor([-2, 0, 0.5, 1, 2]);
    expect(step(x, 0.5).toArray()).toEqual([0, 0, 0, 1, 1]);
    expect(x.step().toArray()).toEqual([0, 0, 1, 1, 1]);
    expect(leakyRelu(x, 0.01).toArray()).toEqual([Math.fround(-0.02), 0, 0.5, 1, 2]);
    expect(x.leakyRelu().data[0]).toBeCloseTo(-0.6, 6);
    expect(elu(x, 2).data[0]).toBeCloseTo(2 * Math.expm1(-2), 6);
    expect(x.elu().data[0]).toBeCloseTo(Math.expm1(-2), 6);
  });

  it("clip limits to [min, max], including infinite bounds and int32", () => {
    const x = tensor([-5, -1, 0, 1, 5]);
    expect(clip(x, -1, 2).toArray()).toEqual([-1, -1, 0, 1, 2]);
    expect(x.clip(Number.NEGATIVE_INFINITY, 0).toArray()).toEqual([-5, -1, 0, 0, 0]);
    const i = tensor([-5, 0, 1, 2, 3], undefined, "int32");
    // bounds round inward: [0.5, 2.5] holds the integers 1..2
    expect(clip(i, 0.5, 2.5).toArray()).toEqual([1, 1, 1, 2, 2]);
    expect(clip(i, 0.5, 2.5).dtype).toBe("int32");
  });

  it("int32 accepts the ops that keep integers", () => {
    const i = tensor([-2, 0, 3], undefined, "int32");
    expect(neg(i).toArray()).toEqual([2, 0, -3]);
    expect(abs(i).toArray()).toEqual([2, 0, 3]);
    expect(sign(i).toArray()).toEqual([-1, 0, 1]);
    expect(square(i).toArray()).toEqual([4, 0, 9]);
    expect(relu(i).toArray()).toEqual([0, 0, 3]);
    expect(step(i).toArray()).toEqual([0, 0, 1]);
    expect(relu(i).dtype).toBe("int32");
  });

  it("Tensor methods cover every unary op", () => {
    const x = tensor([0.5, 2], undefined, "float64");
    const pairs: [Tensor, Tensor][] = [
      [x.neg(), neg(x)],
      [x.abs(), abs(x)],
      [x.sign(), sign(x)],
      [x.exp(), exp(x)],
      [x.log(), log(x)],
      [x.log1p(), log1p(x)],
      [x.sqrt(), sqrt(x)],
      [x.square(), square(x)],
      [x.reciprocal(), reciprocal(x)],
      [x.sigmoid(), sigmoid(x)],
      [x.tanh(), tanh(x)],
      [x.relu(), relu(x)],
      [x.softplus(), softplus(x)],
    ];
    for (const [m, f] of pairs) expect(m.toArray()).toEqual(f.toArray());
  });
});

describe("cast", () => {
  it("converts between dtypes, truncating floats toward zero for int32", () => {
    const x = tensor([1.7, -1.7, 0.2, -0.2, 3], undefined, "float64");
    const i = cast(x, "int32");
    expect(i.dtype).toBe("int32");
    expect(i.toArray()).toEqual([1, -1, 0, 0, 3]);
    expect(i.cast("float64").toArray()).toEqual([1, -1, 0, 0, 3]);
    expect(x.cast("float32").data[0]).toBe(Math.fround(1.7));
  });

  it("always copies", () => {
    const x = tensor([1, 2]);
    const y = x.cast("float32");
    y.data[0] = 9;
    expect(x.data[0]).toBe(1);
  });
});
