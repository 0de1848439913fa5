import type { Variable } from "@neurite/autograd";
import { type DType, DTypeError, ShapeError, type Tensor } from "@neurite/tensor";
import { getActivation } from "../activations/registry.js";
import type { ActivationFunction, ActivationName } from "../activations/types.js";
import { asVariable, fmt, requireFloat } from "../internal.js";
import type { SymbolicShape } from "../module.js";

/**
 * What a layer's `activation` option accepts: a name (camelCase or
 * snake_case), an {@link ActivationFunction} from `activations.get` (to pass
 * options such as `alpha`), or any function of a Variable (applied after the
 * fused op; such a layer cannot be saved as an architecture).
 */
export type ActivationLike =
  | ActivationName
  | (string & {})
  | ActivationFunction
  | ((x: Variable) => Variable);

/** A resolved activation: a built-in (fusable, serializable) or a custom function. */
export type ResolvedActivation =
  | { kind: "builtin"; fn: ActivationFunction }
  | { kind: "custom"; fn: (x: Variable) => Variable }
  | null;

/** Resolves an `activation` option. */
export function resolveActivation(value: ActivationLike | null | undefined): ResolvedActivation {
  if (value === undefined || value === null) return null;
  if (typeof value === "function") return { kind: "custom", fn: value };
  const fn = getActivation(value);
  return fn.name === "identity" ? null : { kind: "builtin", fn };
}

/** The serializable form of an activation: `{ name, config }` or null. */
export function activationToJSON(
  op: string,
  a: ResolvedActivation,
): { name: ActivationName; config: Record<string, unknown> } | null {
  if (a === null) return null;
  if (a.kind === "custom")
    throw new DTypeError(
      op,
      "activation",
      "a custom activation function cannot be saved as an architecture; use a built-in name or activations.get(...)",
    );
  return { name: a.fn.name, config: { ...a.fn.config } };
}

/** Converts and checks a layer input: a float Variable of rank >= 1. */
export function layerInput(op: string, x: Variable | Tensor): Variable {
  const v = asVariable(op, "x", x);
  requireFloat(op, "x", v.dtype);
  if (v.rank === 0)
    throw new ShapeError(op, "x", "expected at least one axis (features), got a scalar");
  return v;
}

/** Checks that the input's dtype matches the layer's parameters, with a hint for fixing it. */
export function checkDType(op: string, x: Variable, dtype: DType | undefined): void {
  if (dtype !== undefined && x.dtype !== dtype)
    throw new DTypeError(
      op,
      "x",
      `the layer's parameters are ${dtype} but the input is ${x.dtype}; cast the input (x.cast("${dtype}")) or convert the model (model.to("${x.dtype}"))`,
    );
}

/** The known size of the last axis of a symbolic shape, or an error. */
export function lastDim(op: string, shape: SymbolicShape): number {
  const d = shape[shape.length - 1];
  if (shape.length === 0 || d === null || d === undefined || !Number.isInteger(d) || d <= 0)
    throw new ShapeError(
      op,
      "inputShape",
      `the last axis (features) must be a known positive size, got ${fmt(shape)}`,
    );
  return d;
}
