import type { Axis, Tensor } from "@neurite/tensor";
import * as T from "@neurite/tensor";
import { describe } from "../errors.js";
import { record, SAVES_NOTHING, unbroadcast } from "../graph.js";
import { lift, Variable, type VariableLike } from "../variable.js";
import { lift2 } from "./elementwise.js";

/** Differentiable reshape (one dimension may be -1); shares storage with the input's value. */
export function reshape(v: Variable, shape: readonly number[]): Variable {
  const x = lift("reshape", "x", v);
  const from = x.shape;
  return record("reshape", T.reshape(x.value, shape), [x], (g) => [g.reshape(from)], SAVES_NOTHING);
}

/**
 * Differentiable transpose: permutes the axes by `perm` (reverses them when
 * omitted); the gradient is transposed back by the inverse permutation.
 */
export function transpose(v: Variable, perm?: readonly number[]): Variable {
  const x = lift("transpose", "x", v);
  const out = T.transpose(x.value, perm);
  const rank = x.rank;
  return record("transpose", out, [x], (g) => {
    const inverse = new Array<number>(rank);
    for (let i = 0; i < rank; i++) {
      const axis = perm ? T.normalizeAxis("transpose", perm[i]!, rank, "perm") : rank - 1 - i;
      inverse[axis] = i;
    }
    return [T.transpose(g, inverse)];
  });
}

/** Differentiable expandDims: inserts a size-1 axis at `axis`; shares storage. */
export function expandDims(v: Variable, axis: number): Variable {
  const x = lift("expandDims", "x", v);
  const from = x.shape;
  return record(
    "expandDims",
    T.expandDims(x.value, axis),
    [x],
    (g) => [g.reshape(from)],
    SAVES_NOTHING,
  );
}

/** Differentiable squeeze: removes size-1 axes (all, or those in `axis`); shares storage. */
export function squeeze(v: Variable, axis?: Axis): Variable {
  const x = lift("squeeze", "x", v);
  const from = x.shape;
  return record("squeeze", T.squeeze(x.value, axis), [x], (g) => [g.reshape(from)], SAVES_NOTHING);
}

/** Differentiable broadcastTo; the gradient is summed back over the broadcast axes. */
export function broadcastTo(v: Variable, shape: readonly number[]): Variable {
  const x = lift("broadcastTo", "x", v);
  const from = x.shape;
  return record(
    "broadcastTo",
    T.broadcastTo(x.value, shape),
    [x],
    (g) => [unbroadcast(g, from)],
    SAVES_NOTHING,
  );
}

/** Adds `g` into a zero tensor of `shape` at the block starting at `begin`. */
function padInto(g: Tensor, shape: readonly number[], begin: readonly number[]): Tensor {
  const out = T.zeros(shape, g.dtype);
  const rank = shape.length;
  if (g.size === 0) return out;
  const strides = T.stridesOf(shape);
  const rowLen = rank === 0 ? 1 : g.shape[rank - 1]!;
  const rows = g.size / rowLen;
  const idx = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  for (let r = 0; r < rows; r++) {
    let dst = 0;
    for (let d = 0; d < rank; d++) dst += (begin[d]! + (d < rank - 1 ? idx[d]! : 0)) * strides[d]!;
    out.data.set(g.data.subarray(r * rowLen, (r + 1) * rowLen), dst);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]!++;
      if (idx[d]! < g.shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Differentiable slice: along axis i, `size[i]` entries from `begin[i]`
 * (negative counts from the end; size -1 or omitted: to the end). The gradient
 * is the output gradient placed in the block, zero elsewhere.
 */
export function slice(v: Variable, begin: readonly number[], size?: readonly number[]): Variable {
  const x = lift("slice", "x", v);
  const from = x.shape;
  const out = T.slice(x.value, begin, size);
  const starts = from.map((d, i) => {
    const b = begin[i] ?? 0;
    return b < 0 ? b + d : b;
  });
  return record("slice", out, [x], (g) => [padInto(g, from, starts)], SAVES_NOTHING);
}

/**
 * Differentiable gather (NumPy `take`) along `axis`: the result has `x`'s
 * shape with that axis replaced by the indices' shape. Repeated indices
 * accumulate their gradients; entries never picked get 0.
 */
export function gather(v: Variable, indices: Tensor | readonly number[], axis = 0): Variable {
  const x = lift("gather", "x", v);
  const shape = x.shape;
  const out = T.gather(x.value, indices, axis);
  const [outer, dim, inner] = T.aroundAxis("gather", shape, axis);
  // A private copy, with negative indices counted from the end (the caller may
  // reuse its index buffer before backward).
  const fromEnd = (k: number) => (k < 0 ? k + dim : k);
  const idx = Int32Array.from(indices instanceof T.Tensor ? indices.data : indices, fromEnd);
  return record("gather", out, [x], (g) => {
    const dx = T.zeros(shape, g.dtype);
    T.kernels().scatterAdd(g.data, idx, dx.data, outer, dim, inner);
    return [dx];
  });
}

/** Lifts a list of operands for concat/stack, checking it is a non-empty array of one dtype. */
function liftList(op: string, vs: readonly VariableLike[]): Variable[] {
  if (!Array.isArray(vs) || vs.length === 0) {
    throw new T.ShapeError(
      op,
      "tensors",
      `expected a non-empty array of Variables or Tensors, got ${describe(vs)}`,
    );
  }
  const first = vs.find((x) => typeof x !== "number") as Variable | T.Tensor | undefined;
  const dtype = first?.dtype ?? "float32";
  return vs.map((x, i) => {
    const lifted = lift(op, `tensors[${i}]`, x, dtype);
    if (lifted.dtype !== dtype) {
      throw new T.DTypeError(
        op,
        `tensors[${i}]`,
        `dtype ${lifted.dtype} differs from ${dtype} (the first operand's); cast one with .cast()`,
      );
    }
    return lifted;
  });
}

/** Differentiable concat along `axis`; each input receives its slice of the gradient. */
export function concat(vs: readonly VariableLike[], axis = 0): Variable {
  const xs = liftList("concat", vs);
  const shapes = xs.map((x) => x.shape);
  const out = T.concat(
    xs.map((x) => x.value),
    axis,
  );
  const a = T.normalizeAxis("concat", axis, out.rank);
  return record("concat", out, xs, (g) => {
    let offset = 0;
    return xs.map((x, k) => {
      const shape = shapes[k]!;
      const start = offset;
      offset += shape[a]!;
      if (!x.requiresGrad) return null;
      const begin = shape.map((_, i) => (i === a ? start : 0));
      return T.slice(g, begin, shape);
    });
  });
}

/** Differentiable stack along a new `axis`; each input receives its slice of the gradient. */
export function stack(vs: readonly VariableLike[], axis = 0): Variable {
  const xs = liftList("stack", vs);
  const shape = xs[0]!.shape;
  const out = T.stack(
    xs.map((x) => x.value),
    axis,
  );
  const a = T.normalizeAxis("stack", axis, out.rank);
  return record("stack", out, xs, (g) => {
    const size = g.shape.slice();
    size[a] = 1;
    return xs.map((x, k) => {
      if (!x.requiresGrad) return null;
      const begin = size.map((_, i) => (i === a ? k : 0));
      return T.slice(g, begin, size).reshape(shape);
    });
  });
}

/**
 * Differentiable where: `x` where `condition` is non-zero, else `y`; all three
 * broadcast together. The gradient goes to `x` where the condition holds and to
 * `y` elsewhere. The condition gets no gradient (a Variable is read by value).
 */
export function where(condition: Tensor | Variable, x: VariableLike, y: VariableLike): Variable {
  const c = condition instanceof Variable ? condition.value : condition;
  const ab = lift2("where", x, y);
  const a = ab[0];
  const b = ab[1];
  const aShape = a.shape;
  const bShape = b.shape;
  const out = T.where(c, a.value, b.value);
  return record("where", out, ab, (g) => [
    a.requiresGrad ? unbroadcast(T.where(c, g, 0), aShape) : null,
    b.requiresGrad ? unbroadcast(T.where(c, 0, g), bShape) : null,
  ]);
}
