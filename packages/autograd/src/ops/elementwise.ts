import type { Tensor } from "@neurite/tensor";
import * as T from "@neurite/tensor";
import { record, unbroadcast } from "../graph.js";
import { toVariable, type Variable, type VariableLike } from "../variable.js";

/** Lifts both operands to Variables; numbers take the dtype of the other operand. */
export function lift2(a: VariableLike, b: VariableLike): [Variable, Variable] {
  const dtype =
    typeof a === "number"
      ? typeof b === "number"
        ? "float32"
        : (b as { dtype: T.DType }).dtype
      : a.dtype;
  return [toVariable(a, dtype), toVariable(b, dtype)];
}

type BinaryRule = (g: Tensor, a: Tensor, b: Tensor, out: Tensor) => [Tensor | null, Tensor | null];

function binary(op: string, forward: (a: Tensor, b: Tensor) => Tensor, rule: BinaryRule) {
  return (x: VariableLike, y: VariableLike): Variable => {
    const [a, b] = lift2(x, y);
    const out = forward(a.value, b.value);
    return record(op, out, [a, b], (g) => {
      const [ga, gb] = rule(g, a.value, b.value, out);
      return [
        a.requiresGrad && ga ? unbroadcast(ga, a.shape) : null,
        b.requiresGrad && gb ? unbroadcast(gb, b.shape) : null,
      ];
    });
  };
}

/** Differentiable `a + b` with broadcasting. */
export const add = binary("add", T.add, (g) => [g, g]);
/** Differentiable `a - b` with broadcasting. */
export const sub = binary("sub", T.sub, (g) => [g, T.neg(g)]);
/** Differentiable `a * b` with broadcasting. */
export const mul = binary("mul", T.mul, (g, a, b) => [T.mul(g, b), T.mul(g, a)]);
/** Differentiable `a / b` with broadcasting. */
export const div = binary("div", T.div, (g, _a, b, out) => [
  T.div(g, b),
  T.neg(T.div(T.mul(g, out), b)),
]);
/**
 * Differentiable `a ** b`. The gradient for the exponent uses `log(a)`, taken as
 * 0 where `a <= 0` (where the power is not differentiable in b).
 */
export const pow = binary("pow", T.pow, (g, a, b, out) => {
  const ga = T.mul(g, T.mul(b, T.pow(a, T.sub(b, 1))));
  const logA = T.where(T.gt(a, 0), T.log(T.maximum(a, Number.MIN_VALUE)), 0);
  const gb = T.mul(g, T.mul(out, logA));
  return [ga, gb];
});

function tieSplit(
  g: Tensor,
  a: Tensor,
  b: Tensor,
  pick: (x: Tensor, y: Tensor) => Tensor,
): [Tensor, Tensor] {
  // 1 where `a` wins, 0 where `b` wins, 0.5 on ties (the gradient is shared).
  const wins = pick(a, b);
  const ties = T.eq(a, b);
  const wa = T.add(wins, T.mul(ties, 0.5));
  const wb = T.sub(1, wa);
  return [T.mul(g, wa), T.mul(g, wb)];
}

/** Differentiable elementwise maximum; on ties each side gets half the gradient. */
export const maximum = binary("maximum", T.maximum, (g, a, b) => tieSplit(g, a, b, T.gt));
/** Differentiable elementwise minimum; on ties each side gets half the gradient. */
export const minimum = binary("minimum", T.minimum, (g, a, b) => tieSplit(g, a, b, T.lt));

type UnaryRule = (g: Tensor, x: Tensor, out: Tensor) => Tensor;

/** Builds a differentiable unary op from its forward kernel and gradient rule. */
export function unary(op: string, forward: (x: Tensor) => Tensor, rule: UnaryRule) {
  return (v: Variable): Variable => {
    const x = toVariable(v);
    const out = forward(x.value);
    return record(op, out, [x], (g) => [rule(g, x.value, out)]);
  };
}

/** Differentiable `-x`. */
export const neg = unary("neg", T.neg, (g) => T.neg(g));
/** Differentiable `|x|`; the gradient at 0 is 0. */
export const abs = unary("abs", T.abs, (g, x) => T.mul(g, T.sign(x)));
/** Differentiable `e^x`. */
export const exp = unary("exp", T.exp, (g, _x, out) => T.mul(g, out));
/** Differentiable natural logarithm. */
export const log = unary("log", T.log, (g, x) => T.div(g, x));
/** Differentiable `log(1 + x)`. */
export const log1p = unary("log1p", T.log1p, (g, x) => T.div(g, T.add(x, 1)));
/** Differentiable square root. */
export const sqrt = unary("sqrt", T.sqrt, (g, _x, out) => T.div(g, T.mul(out, 2)));
/** Differentiable `x²`. */
export const square = unary("square", T.square, (g, x) => T.mul(g, T.mul(x, 2)));
/** Differentiable `1 / x`. */
export const reciprocal = unary("reciprocal", T.reciprocal, (g, _x, out) =>
  T.neg(T.mul(g, T.square(out))),
);

/** Differentiable clip: the gradient passes where `min <= x <= max`, else 0. */
export function clip(v: Variable, min: number, max: number): Variable {
  const x = toVariable(v);
  const out = T.clip(x.value, min, max);
  return record("clip", out, [x], (g) => [T.mul(g, T.mul(T.ge(x.value, min), T.le(x.value, max)))]);
}
