import type { Axis, Tensor } from "@neurite/tensor";
import * as T from "@neurite/tensor";
import { record, unbroadcast } from "../graph.js";
import { toVariable, type Variable, type VariableLike } from "../variable.js";
import { lift2 } from "./elementwise.js";

/** Differentiable reshape (shares storage with the input's value). */
export function reshape(v: Variable, shape: readonly number[]): Variable {
  const x = toVariable(v);
  return record("reshape", T.reshape(x.value, shape), [x], (g) => [g.reshape(x.shape as number[])]);
}

/** Differentiable transpose; the gradient is transposed back by the inverse permutation. */
export function transpose(v: Variable, perm?: readonly number[]): Variable {
  const x = toVariable(v);
  const p = perm
    ? perm.map((a) => T.normalizeAxis("transpose", a, x.rank, "perm"))
    : [...Array(x.rank).keys()].reverse();
  const out = T.transpose(x.value, perm);
  const inverse = new Array<number>(p.length);
  p.forEach((axis, i) => {
    inverse[axis] = i;
  });
  return record("transpose", out, [x], (g) => [T.transpose(g, inverse)]);
}

/** Differentiable expandDims. */
export function expandDims(v: Variable, axis: number): Variable {
  const x = toVariable(v);
  return record("expandDims", T.expandDims(x.value, axis), [x], (g) => [
    g.reshape(x.shape as number[]),
  ]);
}

/** Differentiable squeeze. */
export function squeeze(v: Variable, axis?: Axis): Variable {
  const x = toVariable(v);
  return record("squeeze", T.squeeze(x.value, axis), [x], (g) => [g.reshape(x.shape as number[])]);
}

/** Differentiable broadcastTo; the gradient is summed over the broadcast axes. */
export function broadcastTo(v: Variable, shape: readonly number[]): Variable {
  const x = toVariable(v);
  return record("broadcastTo", T.broadcastTo(x.value, shape), [x], (g) => [
    unbroadcast(g, x.shape),
  ]);
}

/** Adds `g` into a zero tensor of `shape` at the block starting at `begin`. */
function padInto(g: Tensor, shape: readonly number[], begin: readonly number[]): Tensor {
  const out = T.zeros(shape as number[], g.dtype);
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

/** Differentiable slice; the gradient is zero outside the block. */
export function slice(v: Variable, begin: readonly number[], size?: readonly number[]): Variable {
  const x = toVariable(v);
  const out = T.slice(x.value, begin, size);
  const starts = x.shape.map((d, i) => {
    const b = begin[i] ?? 0;
    return b < 0 ? b + d : b;
  });
  return record("slice", out, [x], (g) => [padInto(g, x.shape, starts)]);
}

/** Differentiable gather (take) along `axis`; repeated indices accumulate their gradients. */
export function gather(v: Variable, indices: Tensor | readonly number[], axis = 0): Variable {
  const x = toVariable(v);
  const out = T.gather(x.value, indices, axis);
  const a = T.normalizeAxis("gather", axis, x.rank);
  const idx = indices instanceof T.Tensor ? indices.data : Int32Array.from(indices);
  return record("gather", out, [x], (g) => {
    const dx = T.zeros(x.shape as number[], g.dtype);
    const dim = x.shape[a]!;
    let outer = 1;
    let inner = 1;
    for (let i = 0; i < a; i++) outer *= x.shape[i]!;
    for (let i = a + 1; i < x.rank; i++) inner *= x.shape[i]!;
    const n = idx.length;
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < n; j++) {
        const k = idx[j]! < 0 ? idx[j]! + dim : idx[j]!;
        const dst = (o * dim + k) * inner;
        const src = (o * n + j) * inner;
        for (let i = 0; i < inner; i++) dx.data[dst + i]! += g.data[src + i]!;
      }
    }
    return [dx];
  });
}

/** Differentiable concat along `axis`; each input receives its slice of the gradient. */
export function concat(vs: readonly VariableLike[], axis = 0): Variable {
  const xs = vs.map((v) => toVariable(v));
  const out = T.concat(
    xs.map((x) => x.value),
    axis,
  );
  const a = T.normalizeAxis("concat", axis, out.rank);
  return record("concat", out, xs, (g) => {
    let offset = 0;
    return xs.map((x) => {
      const begin = x.shape.map((_, i) => (i === a ? offset : 0));
      offset += x.shape[a]!;
      return x.requiresGrad ? T.slice(g, begin, x.shape as number[]) : null;
    });
  });
}

/** Differentiable stack along a new `axis`. */
export function stack(vs: readonly VariableLike[], axis = 0): Variable {
  const xs = vs.map((v) => toVariable(v));
  const rank = xs[0] ? xs[0].rank : 0;
  const a = T.normalizeAxis("stack", axis, rank + 1);
  return concat(
    xs.map((x) => expandDims(x, a)),
    a,
  );
}

/** Differentiable where: the gradient goes to `a` where `condition` holds, else to `b`. */
export function where(condition: Tensor, x: VariableLike, y: VariableLike): Variable {
  const [a, b] = lift2(x, y);
  const out = T.where(condition, a.value, b.value);
  return record("where", out, [a, b], (g) => {
    const zero = T.zerosLike(g);
    return [
      a.requiresGrad ? unbroadcast(T.where(condition, g, zero), a.shape) : null,
      b.requiresGrad ? unbroadcast(T.where(condition, zero, g), b.shape) : null,
    ];
  });
}
