import type { Tensor } from "@neurite/tensor";
import * as T from "@neurite/tensor";
import { record, SAVES_NOTHING, unbroadcast } from "../graph.js";
import { lift, type Variable, type VariableLike } from "../variable.js";

/**
 * Lifts both operands to Variables; a number takes the dtype of the other
 * operand (float32 when both are numbers).
 * @internal
 */
export function lift2(op: string, a: VariableLike, b: VariableLike): [Variable, Variable] {
  const dtype =
    typeof a === "number"
      ? typeof b === "number"
        ? "float32"
        : ((b as { dtype?: T.DType }).dtype ?? "float32")
      : ((a as { dtype?: T.DType }).dtype ?? "float32");
  return [lift(op, "a", a, dtype), lift(op, "b", b, dtype)];
}

/**
 * A binary gradient rule: given the output gradient `g` (broadcast shape), the
 * operand values and the output, returns the gradients of `a` and `b` in the
 * broadcast shape; `needA`/`needB` say which ones are wanted (null otherwise).
 */
type BinaryRule = (
  g: Tensor,
  a: Tensor,
  b: Tensor,
  out: Tensor,
  needA: boolean,
  needB: boolean,
) => [Tensor | null, Tensor | null];

/** `readsValues: false` for rules that use only `g` (add, sub): nothing to guard against in-place changes. */
function binary(
  op: string,
  forward: (a: Tensor, b: Tensor) => Tensor,
  rule: BinaryRule,
  readsValues = true,
) {
  return (x: VariableLike, y: VariableLike): Variable => {
    const ab = lift2(op, x, y);
    const a = ab[0];
    const b = ab[1];
    // Rules use the values recorded now, even if a Variable's value is replaced later.
    const av = a.value;
    const bv = b.value;
    const out = forward(av, bv);
    return record(
      op,
      out,
      ab,
      (g) => {
        const [ga, gb] = rule(g, av, bv, out, a.requiresGrad, b.requiresGrad);
        return [ga && unbroadcast(ga, av.shape), gb && unbroadcast(gb, bv.shape)];
      },
      readsValues ? undefined : SAVES_NOTHING,
    );
  };
}

/** Differentiable `a + b` with NumPy broadcasting; each gradient is summed back to its operand's shape. */
export const add = binary(
  "add",
  T.add,
  (g, _a, _b, _o, needA, needB) => [needA ? g : null, needB ? g : null],
  false,
);
/** Differentiable `a - b` with broadcasting. */
export const sub = binary(
  "sub",
  T.sub,
  (g, _a, _b, _o, needA, needB) => [needA ? g : null, needB ? T.neg(g) : null],
  false,
);
/** Differentiable `a * b` with broadcasting: `∂/∂a = g·b`, `∂/∂b = g·a`. */
export const mul = binary("mul", T.mul, (g, a, b, _o, needA, needB) => [
  needA ? T.mul(g, b) : null,
  needB ? T.mul(g, a) : null,
]);
/** Differentiable `a / b` with broadcasting: `∂/∂a = g/b`, `∂/∂b = −g·(a/b)/b`. */
export const div = binary("div", T.div, (g, _a, b, out, needA, needB) => {
  const gOverB = T.div(g, b);
  return [needA ? gOverB : null, needB ? T.neg(T.mul(gOverB, out)) : null];
});
/**
 * Differentiable `a ** b` with broadcasting: `∂/∂a = g·b·a^(b−1)`,
 * `∂/∂b = g·a^b·log(a)`. The exponent's gradient takes `log(a)` as 0 where
 * `a <= 0`, where the power is not differentiable in `b`.
 */
export const pow = binary("pow", T.pow, (g, a, b, out, needA, needB) => {
  const ga = needA ? T.mul(g, T.mul(b, T.pow(a, T.sub(b, 1)))) : null;
  let gb: Tensor | null = null;
  if (needB) {
    const positive = T.gt(a, 0);
    const logA = T.where(positive, T.log(T.where(positive, a, 1)), 0);
    gb = T.mul(g, T.mul(out, logA));
  }
  return [ga, gb];
});

/** Splits `g` between the winners: 1 where `a` wins, 0 where `b` wins, ½ each on ties. */
function tieSplit(
  g: Tensor,
  a: Tensor,
  b: Tensor,
  aWins: (x: Tensor, y: Tensor) => Tensor,
  needA: boolean,
  needB: boolean,
): [Tensor | null, Tensor | null] {
  const wa = T.add(aWins(a, b), T.mul(T.eq(a, b), 0.5));
  return [needA ? T.mul(g, wa) : null, needB ? T.mul(g, T.sub(1, wa)) : null];
}

/**
 * Differentiable elementwise maximum with broadcasting; the larger operand gets
 * the gradient, and on ties each side gets half of it (so the total is kept).
 */
export const maximum = binary("maximum", T.maximum, (g, a, b, _o, needA, needB) =>
  tieSplit(g, a, b, T.gt, needA, needB),
);
/** Differentiable elementwise minimum with broadcasting; ties split the gradient evenly. */
export const minimum = binary("minimum", T.minimum, (g, a, b, _o, needA, needB) =>
  tieSplit(g, a, b, T.lt, needA, needB),
);

/** A unary gradient rule: `g` times the derivative, from the input `x` and/or the output. */
type UnaryRule = (g: Tensor, x: Tensor, out: Tensor) => Tensor;

/**
 * Builds a differentiable unary op from its forward kernel and gradient rule.
 * @internal
 */
export function unary(op: string, forward: (x: Tensor) => Tensor, rule: UnaryRule) {
  return (v: Variable): Variable => {
    const x = lift(op, "x", v);
    const xv = x.value;
    const out = forward(xv);
    return record(op, out, [x], (g) => [rule(g, xv, out)]);
  };
}

/** Differentiable `-x`. */
export const neg = unary("neg", T.neg, (g) => T.neg(g));
/** Differentiable `|x|`: gradient `sign(x)`, taken as 0 at 0. */
export const abs = unary("abs", T.abs, (g, x) => T.mul(g, T.sign(x)));
/** Differentiable `e^x`: gradient `e^x`. */
export const exp = unary("exp", T.exp, (g, _x, out) => T.mul(g, out));
/** Differentiable natural logarithm: gradient `1/x`. */
export const log = unary("log", T.log, (g, x) => T.div(g, x));
/** Differentiable `log(1 + x)`: gradient `1/(1 + x)`. */
export const log1p = unary("log1p", T.log1p, (g, x) => T.div(g, T.add(x, 1)));
/** Differentiable square root: gradient `1/(2√x)`. */
export const sqrt = unary("sqrt", T.sqrt, (g, _x, out) => T.div(g, T.mul(out, 2)));
/** Differentiable `x²`: gradient `2x`. */
export const square = unary("square", T.square, (g, x) => T.mul(g, T.mul(x, 2)));
/** Differentiable `1 / x`: gradient `−1/x²`. */
export const reciprocal = unary("reciprocal", T.reciprocal, (g, _x, out) =>
  T.neg(T.mul(g, T.square(out))),
);

/**
 * Differentiable clip to `[min, max]`: the gradient passes where
 * `min <= x <= max` (bounds included) and is 0 outside.
 */
export function clip(v: Variable, min: number, max: number): Variable {
  const x = lift("clip", "x", v);
  const xv = x.value;
  const out = T.clip(xv, min, max);
  // Inside the bounds the output equals the input; outside it does not.
  return record("clip", out, [x], (g) => [T.mul(g, T.eq(out, xv))]);
}
