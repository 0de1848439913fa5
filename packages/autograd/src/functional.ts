import { DTypeError, isFloat, Tensor, ValueError, zerosLike } from "@neurite/tensor";
import { runBackward } from "./backward.js";
import { AutogradError, describe } from "./errors.js";
import { enableGrad } from "./mode.js";
import { Variable } from "./variable.js";

/** A function of Variables returning a scalar Variable (a loss). */
export type ScalarFn = (...inputs: Variable[]) => Variable;

/** What {@link valueAndGrad} returns: the value of `f` and one gradient per input. */
export interface ValueAndGrad {
  /** `f(...inputs)` (a one-element tensor). */
  value: Tensor;
  /** `∂f/∂inputs[i]`, same shapes and dtypes as the inputs (zeros where `f` does not depend on one). */
  grads: Tensor[];
}

/** Wraps each input as a leaf requiring gradients, naming the culprit when one cannot. */
export function leaves(op: string, inputs: readonly unknown[]): Variable[] {
  return inputs.map((x, i) => {
    if (!(x instanceof Tensor)) {
      throw new DTypeError(op, `inputs[${i}]`, `expected a Tensor, got ${describe(x)}`);
    }
    if (!isFloat(x.dtype)) {
      throw new DTypeError(
        op,
        `inputs[${i}]`,
        `can only differentiate with respect to float32/float64 tensors, got ${x.dtype} of shape [${x.shape.join(",")}]`,
      );
    }
    return new Variable(x, { requiresGrad: true });
  });
}

function evaluate(
  op: string,
  f: ScalarFn,
  inputs: readonly Tensor[],
): { out: Variable; vars: Variable[] } {
  const vars = leaves(op, inputs);
  const out: unknown = enableGrad(() => f(...vars));
  if (!(out instanceof Variable)) {
    throw new AutogradError(op, "f", `f must return a Variable, got ${describe(out)}`);
  }
  if (out.size !== 1) {
    throw new AutogradError(
      op,
      "f",
      `f must return a scalar (one element), got shape [${out.shape.join(",")}]; reduce it with .sum() or .mean()`,
    );
  }
  if (out.requiresGrad) runBackward(out, undefined, false, new Set(vars));
  return { out, vars };
}

/**
 * Turns a scalar function of Variables into a function of tensors that returns
 * both its value and its gradient with respect to every input (like JAX's
 * `value_and_grad`). Each call records a fresh graph and frees it; only the
 * inputs receive gradients, so Variables `f` captures (parameters) keep their
 * `.grad` untouched.
 *
 * @example
 * ```ts
 * const f = valueAndGrad((x, y) => x.mul(y).sum());
 * const { value, grads } = f(tensor([1, 2]), tensor([3, 4])); // 11, [[3, 4], [1, 2]]
 * ```
 * @throws DTypeError when an input is not a float tensor; AutogradError when `f`
 *   does not return a one-element Variable
 */
export function valueAndGrad(f: ScalarFn): (...inputs: Tensor[]) => ValueAndGrad {
  if (typeof f !== "function") {
    throw new ValueError("valueAndGrad", "f", `expected a function, got ${describe(f)}`);
  }
  return (...inputs) => {
    const { out, vars } = evaluate("valueAndGrad", f, inputs);
    return { value: out.value, grads: vars.map((v) => v.grad ?? zerosLike(v.value)) };
  };
}

/**
 * Turns a scalar function of Variables into a function of tensors returning
 * its gradient with respect to each input (like JAX's `grad`); see
 * {@link valueAndGrad}.
 *
 * @example
 * ```ts
 * const [dx] = grad((x) => x.square().sum())(tensor([1, 2, 3])); // [2, 4, 6]
 * ```
 */
export function grad(f: ScalarFn): (...inputs: Tensor[]) => Tensor[] {
  if (typeof f !== "function") {
    throw new ValueError("grad", "f", `expected a function, got ${describe(f)}`);
  }
  return (...inputs) => evaluate("grad", f, inputs).vars.map((v) => v.grad ?? zerosLike(v.value));
}
