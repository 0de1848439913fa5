import * as T from "@neurite/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  broadcastTo,
  concat,
  expandDims,
  gather,
  reshape,
  slice,
  squeeze,
  stack,
  transpose,
  Variable,
  where,
} from "../src/index.js";
import { check, expectGradOk, f64, shapeArb, tensorArb, valuesArb } from "./helpers.js";

const x64 = tensorArb(0, 3);

describe("shape ops: gradients (gradCheck, float64)", () => {
  it("reshape (with -1)", () => {
    check(
      tensorArb(1, 3).chain((x) => fc.tuple(fc.constant(x), fc.boolean())),
      ([x, infer]) => {
        const target = infer ? [-1] : [x.size, 1];
        expectGradOk((v) => v.reshape(target), [x]);
        expect(reshape(new Variable(x), target).shape).toEqual(x.reshape(target).shape);
      },
    );
  });

  it("transpose (random permutation, or reversed)", () => {
    check(
      tensorArb(0, 3).chain((x) =>
        fc.tuple(
          fc.constant(x),
          fc.option(fc.shuffledSubarray([...Array(x.rank).keys()], { minLength: x.rank }), {
            nil: undefined,
          }),
        ),
      ),
      ([x, perm]) => {
        expectGradOk((v) => v.transpose(perm), [x]);
        expect(transpose(new Variable(x), perm).toArray()).toEqual(x.transpose(perm).toArray());
      },
    );
  });

  it("expandDims and squeeze", () => {
    check(
      x64.chain((x) => fc.tuple(fc.constant(x), fc.integer({ min: -x.rank - 1, max: x.rank }))),
      ([x, axis]) => {
        expectGradOk((v) => v.expandDims(axis), [x]);
        expectGradOk((v) => v.expandDims(axis).squeeze(axis), [x]);
        expectGradOk((v) => v.squeeze(), [x]);
        expect(expandDims(new Variable(x), axis).shape).toEqual(x.expandDims(axis).shape);
        expect(squeeze(new Variable(x)).shape).toEqual(x.squeeze().shape);
      },
    );
  });

  it("broadcastTo sums the gradient back over the broadcast axes", () => {
    check(
      shapeArb(0, 3).chain((target) =>
        fc
          .tuple(
            fc.integer({ min: 0, max: target.length }),
            fc.array(fc.boolean(), { minLength: target.length, maxLength: target.length }),
          )
          .chain(([drop, ones]) =>
            fc.tuple(
              valuesArb(target.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d))),
              fc.constant(target),
            ),
          ),
      ),
      ([x, target]) => {
        expectGradOk((v) => v.broadcastTo(target), [x]);
        expect(broadcastTo(new Variable(x), target).toArray()).toEqual(
          x.broadcastTo(target).toArray(),
        );
      },
    );
  });

  it("slice (random block, negative starts, size -1)", () => {
    const sliceCase = tensorArb(1, 3).chain((x) => {
      const per = x.shape.map((d) =>
        fc.integer({ min: 0, max: d - 1 }).chain((b) =>
          fc.tuple(
            fc.constantFrom(b, b - d), // the same start, counted from either end
            fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: d - b })),
          ),
        ),
      );
      return fc.tuple(fc.constant(x), fc.tuple(...per));
    });
    check(sliceCase, ([x, spec]) => {
      const begin = spec.map(([b]) => b);
      const size = spec.map(([, s]) => s);
      expectGradOk((v) => v.slice(begin, size), [x]);
      expect(slice(new Variable(x), begin, size).toArray()).toEqual(x.slice(begin, size).toArray());
    });
  });

  it("gather with repeated and negative indices, along any axis", () => {
    const gatherCase = tensorArb(1, 3).chain((x) =>
      fc.integer({ min: 0, max: x.rank - 1 }).chain((axis) => {
        const d = x.shape[axis]!;
        return fc.tuple(
          fc.constant(x),
          fc.constant(axis),
          fc.array(fc.integer({ min: -d, max: d - 1 }), { minLength: 1, maxLength: 6 }),
          fc.boolean(),
        );
      }),
    );
    check(gatherCase, ([x, axis, indices, asTensor]) => {
      const idx = asTensor ? T.tensor(indices, [indices.length], "int32") : indices;
      expectGradOk((v) => v.gather(idx, axis), [x]);
      expect(gather(new Variable(x), idx, axis).toArray()).toEqual(x.gather(idx, axis).toArray());
    });
  });

  it("gather: repeated indices accumulate, indices of any shape", () => {
    const x = new Variable(f64([10, 20, 30]), { requiresGrad: true });
    x.gather(
      T.tensor(
        [
          [0, 2],
          [2, 2],
        ],
        undefined,
        "int32",
      ),
    )
      .sum()
      .backward();
    expect(x.grad!.toArray()).toEqual([1, 0, 3]);
  });

  it("gather keeps its own copy of the indices", () => {
    const x = new Variable(f64([1, 2, 3]), { requiresGrad: true });
    const idx = T.tensor([0, 1], undefined, "int32");
    const y = x.gather(idx);
    idx.data[0] = 2; // reusing the buffer before backward must not change the gradient
    y.sum().backward();
    expect(x.grad!.toArray()).toEqual([1, 1, 0]);
  });

  it("concat along any axis, mixing Variables and constants", () => {
    const concatCase = shapeArb(1, 3).chain((shape) =>
      fc.integer({ min: -shape.length, max: shape.length - 1 }).chain((axis) => {
        const a = axis < 0 ? axis + shape.length : axis;
        const part = fc
          .integer({ min: 1, max: 3 })
          .chain((n) => valuesArb(shape.map((d, i) => (i === a ? n : d))));
        return fc.tuple(fc.array(part, { minLength: 1, maxLength: 3 }), fc.constant(axis));
      }),
    );
    check(concatCase, ([parts, axis]) => {
      expectGradOk((...vs) => concat(vs, axis), parts);
      expect(concat(parts, axis).toArray()).toEqual(T.concat(parts, axis).toArray());
      // A constant in the list gets no gradient; the others still do.
      const v = new Variable(parts[0]!, { requiresGrad: true });
      concat([v, ...parts.slice(1)], axis)
        .sum()
        .backward();
      expect(v.grad!.toArray()).toEqual(T.onesLike(parts[0]!).toArray());
    });
  });

  it("stack along any new axis", () => {
    const stackCase = shapeArb(0, 2).chain((shape) =>
      fc.tuple(
        fc.array(valuesArb(shape), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: -shape.length - 1, max: shape.length }),
      ),
    );
    check(stackCase, ([parts, axis]) => {
      expectGradOk((...vs) => stack(vs, axis), parts);
      expect(stack(parts, axis).toArray()).toEqual(T.stack(parts, axis).toArray());
    });
  });

  it("where: the gradient goes to the chosen side, condition broadcast", () => {
    const whereCase = fc
      .tuple(shapeArb(0, 3), fc.integer({ min: 0, max: 3 }))
      .chain(([shape, drop]) =>
        fc.tuple(
          valuesArb(shape),
          valuesArb(shape.slice(Math.min(drop, shape.length))),
          valuesArb(shape.map((d, i) => (i === 0 ? 1 : d))),
        ),
      );
    check(whereCase, ([cond, a, b]) => {
      const c = T.gt(cond, 0);
      expectGradOk((x, y) => where(c, x, y), [a, b]);
      expect(where(c, a, b).toArray()).toEqual(T.where(c, a, b).toArray());
    });
    const a = new Variable(f64([1, 2, 3]), { requiresGrad: true });
    const b = new Variable(f64([4]), { requiresGrad: true });
    where(new Variable(f64([1, 0, 1])), a, b)
      .sum()
      .backward();
    expect(a.grad!.toArray()).toEqual([1, 0, 1]);
    expect(b.grad!.toArray()).toEqual([1]);
  });
});
