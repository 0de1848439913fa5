import { type Tensor, ValueError, zerosLike } from "@neurite/tensor";
import { AutogradError } from "./errors.js";
import { enableGrad } from "./mode.js";
import { Variable } from "./variable.js";

/** A function of Variables returning a scalar Variable (a loss). */
export type ScalarFn = (...inputs: Variable[]) => Variable;

/** What {@link valueAndGrad} returns: the value of `f` and one gradient per input. */
export interface ValueAndGrad {
  /** `f(...inputs)` (a one-element tensor). */
  value: Tensor;
  /** `∂f/∂inputs[i]`, same shapes as the inputs. */
  grads: Tensor[];
}

function evaluate(
  op: string,
  f: ScalarFn,
  inputs: readonly Tensor[],
): { out: Variable; vars: Variable[] } {
  if (typeof f !== "function")
    throw new ValueError(op, "f", `expected a function, got ${typeof f}`);
  const vars = inputs.map((x) => new Variable(x, { requiresGrad: true }));
  const out = enableGrad(() => f(...vars));
  if (!(out instanceof Variable))
    throw new AutogradError(
      op,
      "f",
      `f must return a Variable, got ${out === null ? "null" : typeof out}`,
    );
  if (out.size !== 1)
    throw new AutogradError(
      op,
      "f",
      `f must return a scalar (one element), got shape [${out.shape.join(",")}]`,
    );
  if (out.requiresGrad) out.backward();
  return { out, vars };
}

/**
 * Returns a function computing `f`'s value and its gradients with respect to
 * every input, for tensors given positionally (like JAX's `value_and_grad`).
 */
export function valueAndGrad(f: ScalarFn): (...inputs: Tensor[]) => ValueAndGrad {
  return (...inputs) => {
    const { out, vars } = evaluate("valueAndGrad", f, inputs);
    return { value: out.value, grads: vars.map((v) => v.grad ?? zerosLike(v.value)) };
  };
}

/** Returns a function computing the gradients of scalar-valued `f` with respect to each input. */
export function grad(f: ScalarFn): (...inputs: Tensor[]) => Tensor[] {
  const vg = valueAndGrad(f);
  return (...inputs) => vg(...inputs).grads;
}
