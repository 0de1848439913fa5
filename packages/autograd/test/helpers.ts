import { Tensor, type TensorInput, tensor } from "@neurite/tensor";
import fc from "fast-check";
import { expect } from "vitest";
import { type GradCheckOptions, gradCheck, type Variable } from "../src/index.js";

/** Fixed seed: property tests explore many cases but give the same ones on every run. */
const SEED = 20_260_707;

/** Runs a fast-check property with the suite's fixed seed. */
export function check<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => void, numRuns = 20): void {
  fc.assert(fc.property(arb, predicate), { seed: SEED, numRuns });
}

/** Asserts that `f`'s gradients at `inputs` match finite differences, showing the worst element on failure. */
export function expectGradOk(
  f: (...xs: Variable[]) => Variable,
  inputs: readonly Tensor[],
  options?: GradCheckOptions,
): void {
  const r = gradCheck(f, inputs, options);
  expect(r.ok, `gradCheck failed: ${JSON.stringify(r)}`).toBe(true);
}

const dim = fc.integer({ min: 1, max: 4 });

/** A shape of rank in [minRank, maxRank] with dimensions 1..4. */
export const shapeArb = (minRank = 0, maxRank = 3): fc.Arbitrary<number[]> =>
  fc.array(dim, { minLength: minRank, maxLength: maxRank });

/** An operand shape that broadcasts to `out`: some leading axes dropped, some axes set to 1. */
function broadcastOperand(out: readonly number[]): fc.Arbitrary<number[]> {
  return fc
    .tuple(
      fc.integer({ min: 0, max: out.length }),
      fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    )
    .map(([drop, ones]) => out.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)));
}

/** Two shapes that broadcast together (NumPy rules), including equal shapes and scalars. */
export const broadcastPairArb: fc.Arbitrary<[number[], number[]]> = shapeArb(0, 3).chain((out) =>
  fc.tuple(broadcastOperand(out), broadcastOperand(out)),
);

const sizeOf = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);

/** Float64 values in [min, max] for `shape`, passed through `map` (e.g. to stay off kinks). */
export function valuesArb(
  shape: readonly number[],
  min = -2,
  max = 2,
  map: (v: number) => number = (v) => v,
): fc.Arbitrary<Tensor> {
  const n = sizeOf(shape);
  return fc
    .array(fc.double({ min, max, noNaN: true }), { minLength: n, maxLength: n })
    .map((vs) => new Tensor(Float64Array.from(vs, map), shape));
}

/** A float64 tensor of a random shape with values from `valuesArb`. */
export function tensorArb(
  minRank = 0,
  maxRank = 3,
  min = -2,
  max = 2,
  map?: (v: number) => number,
): fc.Arbitrary<Tensor> {
  return shapeArb(minRank, maxRank).chain((s) => valuesArb(s, min, max, map));
}

/** Moves `v` at least `margin` away from each of `points` (keeps inputs off non-differentiable points). */
export const awayFrom =
  (points: readonly number[], margin = 0.1) =>
  (v: number): number => {
    let x = v;
    for (const p of points) if (Math.abs(x - p) < margin) x = x >= p ? p + margin : p - margin;
    return x;
  };

/**
 * Values on two interleaved grids so that an "a" value and a "b" value are
 * never within 0.15 of each other: elementwise max/min never tie.
 */
export const gridA = (v: number): number =>
  Math.round(v * 2) / 2 + 0.25 + (v * 2 - Math.round(v * 2)) * 0.1;
/** The partner grid of {@link gridA}. */
export const gridB = (v: number): number =>
  Math.round(v * 2) / 2 + (v * 2 - Math.round(v * 2)) * 0.1;

/** A float64 tensor of a random shape whose values are pairwise at least 0.1 apart (no ties in max/min). */
export function distinctTensorArb(minRank = 1, maxRank = 3): fc.Arbitrary<Tensor> {
  return shapeArb(minRank, maxRank).chain((shape) => {
    const n = sizeOf(shape);
    return fc.uniqueArray(fc.integer({ min: -40, max: 40 }), { minLength: n, maxLength: n }).map(
      (vs) =>
        new Tensor(
          Float64Array.from(vs, (v) => v / 10),
          shape,
        ),
    );
  });
}

/** A random subset of the axes of a rank-`rank` tensor, in random order, some given as negatives. */
export function axesArb(rank: number): fc.Arbitrary<number[]> {
  if (rank === 0) return fc.constant([]);
  return fc
    .subarray(
      Array.from({ length: rank }, (_, i) => i),
      { minLength: 1 },
    )
    .chain((axes) =>
      fc
        .array(fc.boolean(), { minLength: axes.length, maxLength: axes.length })
        .map((neg) => axes.map((a, i) => (neg[i] ? a - rank : a))),
    );
}

/** A float64 tensor from nested arrays. */
export const f64 = (values: TensorInput): Tensor => tensor(values, undefined, "float64");
