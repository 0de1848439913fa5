import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpuBackend, eye, matmul, Rng, randn, type Tensor, tensor, zeros } from "../src/index.js";
import { cpuOnly, expectClose, filled, naiveMatmul } from "./helpers.js";

const VARIANTS = [
  { transposeA: false, transposeB: false },
  { transposeA: false, transposeB: true },
  { transposeA: true, transposeB: false },
  { transposeA: true, transposeB: true },
];

/** Stored shape of an operand that is read as [rows, cols] (swapped when transposed). */
function stored(batch: number[], rows: number, cols: number, transposed: boolean): number[] {
  return [...batch, ...(transposed ? [cols, rows] : [rows, cols])];
}

function check(
  a: Tensor,
  b: Tensor,
  opts: { transposeA: boolean; transposeB: boolean },
  tol = 1e-12,
) {
  const got = matmul(a, b, opts);
  expectClose(got, naiveMatmul(a, b, opts.transposeA, opts.transposeB), tol);
}

/** Random float64 operands `[...batchA, m, k] × [...batchB, k, n]` checked in every variant. */
function checkVariants(
  rng: Rng,
  batchA: number[],
  batchB: number[],
  m: number,
  k: number,
  n: number,
  tol?: number,
) {
  for (const v of VARIANTS) {
    const a = randn(stored(batchA, m, k, v.transposeA), rng, "float64");
    const b = randn(stored(batchB, k, n, v.transposeB), rng, "float64");
    check(a, b, v, tol);
  }
}

// These tests check the TypeScript reference kernels, whatever else is registered.
let restoreBackends: () => void = () => {};
beforeAll(() => {
  restoreBackends = cpuOnly();
});
afterAll(() => restoreBackends());

describe("matmul matches a naive triple loop (float64)", () => {
  it("every transpose variant, random m, k, n (including 1 and non-multiples of 4)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 0, max: 1e6 }),
        (m, k, n, seed) => {
          const rng = new Rng(seed);
          checkVariants(rng, [], [], m, k, n);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("k > 256 exercises the k-blocking, in every variant", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 13 }),
        fc.integer({ min: 257, max: 700 }),
        fc.integer({ min: 2, max: 11 }),
        fc.integer({ min: 0, max: 1e6 }),
        (m, k, n, seed) => {
          const rng = new Rng(seed);
          checkVariants(rng, [], [], m, k, n, 1e-11);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("batched, with batch dims that broadcast, in every variant", () => {
    const arbBatch = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 });
    fc.assert(
      fc.property(
        arbBatch,
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.tuple(
          fc.integer({ min: 1, max: 9 }),
          fc.integer({ min: 1, max: 9 }),
          fc.integer({ min: 1, max: 9 }),
        ),
        fc.integer({ min: 0, max: 1e6 }),
        (batch, onesA, onesB, dropA, dropB, [m, k, n], seed) => {
          const rng = new Rng(seed);
          const ba = batch.slice(Math.min(dropA, batch.length)).map((d, i) => (onesA[i] ? 1 : d));
          const bb = batch.slice(Math.min(dropB, batch.length)).map((d, i) => (onesB[i] ? 1 : d));
          checkVariants(rng, ba, bb, m, k, n);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("matrix × vector, vector × matrix and vector · vector (transposes apply to the matrix)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 1e6 }),
        (m, k, batch, seed) => {
          const rng = new Rng(seed);
          const bdims = batch ? [batch] : [];
          const vec = randn([k], rng, "float64");
          for (const t of [false, true]) {
            const mat = randn(stored(bdims, m, k, t), rng, "float64");
            check(mat, vec, { transposeA: t, transposeB: false });
            check(mat, vec, { transposeA: t, transposeB: true }); // flag on a vector is ignored
            const matB = randn(stored(bdims, k, m, t), rng, "float64");
            check(vec, matB, { transposeA: false, transposeB: t });
          }
          const dot = matmul(vec, vec);
          expect([...dot.shape]).toEqual([]);
          expect(dot.item()).toBeCloseTo(
            [...vec.data].reduce((s, x) => s + x * x, 0),
            9,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it("the shapes Neurite's layers use: batch 5 × 13×20 and 64×784×128", () => {
    const rng = new Rng(7);
    const x = randn([5, 13], rng, "float64");
    const w = randn([13, 20], rng, "float64");
    check(x, w, VARIANTS[0]!);
    const xb = randn([5, 13, 20], rng, "float64");
    const wb = randn([20, 6], rng, "float64");
    check(xb, wb, VARIANTS[0]!);
    check(xb, randn([6, 20], rng, "float64"), VARIANTS[1]!); // folded batch with transposeB
    const big = randn([64, 784], rng, "float64");
    const wbig = randn([784, 128], rng, "float64");
    check(big, wbig, VARIANTS[0]!, 1e-11);
    // the backward products: dX = dY·Wᵀ and dW = Xᵀ·dY
    const dy = randn([64, 128], rng, "float64");
    check(dy, wbig, { transposeA: false, transposeB: true }, 1e-11);
    check(big, dy, { transposeA: true, transposeB: false }, 1e-11);
  });
});

describe("matmul dtypes and edge cases", () => {
  it("float32 accumulates in float64 and rounds once", () => {
    const a = filled([7, 300], "float32");
    const b = filled([300, 5], "float32", 2);
    const got = matmul(a, b);
    expect(got.dtype).toBe("float32");
    const want = naiveMatmul(a, b);
    expectClose(got, { shape: want.shape, values: want.values.map(Math.fround) }, 1e-6);
  });

  it("int32 products are exact", () => {
    const a = filled([5, 9], "int32");
    const b = filled([9, 6], "int32", 3);
    const got = matmul(a, b, {});
    expect(got.dtype).toBe("int32");
    expectClose(got, naiveMatmul(a, b));
  });

  it("identity, k = 0 and empty results", () => {
    const x = filled([3, 4], "float64");
    expect(matmul(eye(3, 3, "float64"), x).toArray()).toEqual(x.toArray());
    expect(matmul(zeros([2, 0]), zeros([0, 3])).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect([...matmul(zeros([0, 4]), zeros([4, 3])).shape]).toEqual([0, 3]);
    expect([...matmul(zeros([2, 0, 4]), zeros([4, 3])).shape]).toEqual([2, 0, 3]);
  });

  it("works the same after a large call has grown the scratch buffers", () => {
    const rng = new Rng(3);
    matmul(randn([100, 300], rng, "float64"), randn([300, 90], rng, "float64"));
    const a = randn([5, 6], rng, "float64");
    const b = randn([6, 7], rng, "float64");
    check(a, b, VARIANTS[0]!);
  });

  it("the method takes options too", () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(a.matmul(a).toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
    expect(a.matmul(a, { transposeA: true }).toArray()).toEqual([
      [10, 14],
      [14, 20],
    ]);
  });
});

describe("the reference's small-product path (no packing) and its packed path", () => {
  /** op(A)·op(B) with float64 sums in k order, rounded once into float32: what both paths compute. */
  function orderedSums(
    a: Float32Array,
    b: Float32Array,
    m: number,
    k: number,
    n: number,
    tA: boolean,
    tB: boolean,
  ) {
    const out = new Float32Array(m * n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++)
          s += a[tA ? p * m + i : i * k + p]! * b[tB ? j * k + p : p * n + j]!;
        out[i * n + j] = s;
      }
    return out;
  }
  // 5x13x20 and 13x5x20 are the book's layers (direct); 24x40x30 is packed. k stays within one block.
  for (const [m, k, n] of [
    [5, 13, 20],
    [13, 5, 20],
    [3, 7, 2],
    [24, 40, 30],
  ] as const) {
    for (const { transposeA, transposeB } of VARIANTS) {
      it(`${m}x${k}x${n}${transposeA ? " Aᵀ" : ""}${transposeB ? " Bᵀ" : ""}: the same bits as ordered float64 sums`, () => {
        const rng = new Rng(m * 100 + k + n);
        const a = Float32Array.from({ length: m * k }, () => rng.normal());
        const b = Float32Array.from({ length: k * n }, () => rng.normal());
        const out = new Float32Array(m * n);
        cpuBackend.kernels.matmul(a, 0, b, 0, out, 0, m, k, n, transposeA, transposeB);
        expect(Array.from(out)).toEqual(
          Array.from(orderedSums(a, b, m, k, n, transposeA, transposeB)),
        );
      });
    }
  }
});
