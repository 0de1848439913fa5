import * as T from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matmul, Variable } from "../src/index.js";
import { check, expectGradOk, f64, valuesArb } from "./helpers.js";

const dim = fc.integer({ min: 1, max: 4 });
const operands = (sa: number[], sb: number[]) => fc.tuple(valuesArb(sa), valuesArb(sb));

/** Checks both gradients and that the forward value is the tensor product's. */
function checkMatmul([a, b]: [T.Tensor, T.Tensor]): void {
  expectGradOk((x, y) => x.matmul(y), [a, b]);
  expect(matmul(a, b).value.toArray()).toEqual(T.matmul(a, b).toArray());
}

describe("matmul gradients (gradCheck, float64)", () => {
  it("2-D: [m,k]·[k,n]", () => {
    check(
      fc.tuple(dim, dim, dim).chain(([m, k, n]) => operands([m, k], [k, n])),
      checkMatmul,
    );
  });

  it("batched, with broadcast batch dimensions", () => {
    // Batch shapes that broadcast together: each side drops leading axes or has 1s.
    const batch = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 });
    const side = (b: number[]) =>
      fc
        .tuple(
          fc.integer({ min: 0, max: b.length }),
          fc.array(fc.boolean(), { minLength: b.length, maxLength: b.length }),
        )
        .map(([drop, ones]) => b.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)));
    check(
      fc
        .tuple(batch, dim, dim, dim)
        .chain(([bs, m, k, n]) =>
          fc.tuple(side(bs), side(bs)).chain(([ba, bb]) => operands([...ba, m, k], [...bb, k, n])),
        ),
      checkMatmul,
    );
  });

  it("matrix × vector: [m,k]·[k] → [m], also batched", () => {
    check(
      fc
        .tuple(fc.array(dim, { maxLength: 2 }), dim, dim)
        .chain(([batch, m, k]) => operands([...batch, m, k], [k])),
      checkMatmul,
    );
  });

  it("vector × matrix: [k]·[k,n] → [n], also batched", () => {
    check(
      fc
        .tuple(fc.array(dim, { maxLength: 2 }), dim, dim)
        .chain(([batch, k, n]) => operands([k], [...batch, k, n])),
      checkMatmul,
    );
  });

  it("vector · vector → scalar", () => {
    check(
      dim.chain((k) => operands([k], [k])),
      checkMatmul,
    );
  });

  it("hand-computed: dA = dC·Bᵀ, dB = Aᵀ·dC", () => {
    const a = new Variable(
      f64([
        [1, 2],
        [3, 4],
      ]),
      { requiresGrad: true },
    );
    const b = new Variable(
      f64([
        [5, 6],
        [7, 8],
      ]),
      { requiresGrad: true },
    );
    a.matmul(b).backward(
      f64([
        [1, 0],
        [0, 1],
      ]),
    );
    expect(a.grad!.toArray()).toEqual([
      [5, 7],
      [6, 8],
    ]);
    expect(b.grad!.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it("only the operand that requires a gradient gets one", () => {
    const a = new Variable(f64([[1, 2]]), { requiresGrad: true });
    const b = T.tensor([[3], [4]], undefined, "float64");
    matmul(a, b).sum().backward();
    expect(a.grad!.toArray()).toEqual([[3, 4]]);
  });
});
