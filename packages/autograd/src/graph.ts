import { isFloat, ShapeError, sum, Tensor } from "@neurite/tensor";
import { AutogradError, describe } from "./errors.js";
import { isGradEnabled } from "./mode.js";
import { Variable } from "./variable.js";

/**
 * Computes the gradients of one recorded operation: given the gradient of its
 * output (same shape and dtype as the output), returns one gradient per input,
 * in the order of the inputs, each with that input's shape and dtype. Return
 * `null` for an input that gets no gradient (a constant, or an input whose
 * `requiresGrad` is false: computing its gradient would be wasted work).
 *
 * Rules are written with `@neurite/tensor` operations on plain tensors, so they
 * are not themselves recorded: there are no higher-order gradients.
 */
export type BackwardFn = (gradOutput: Tensor) => readonly (Tensor | null)[];

/** A recorded operation: its inputs and how to push a gradient back into them. */
export interface GraphNode {
  /** The operation's name, for error messages and debugging. */
  readonly op: string;
  /** The operands, in order. Emptied after backward (unless `retainGraph`) to free them. */
  inputs: readonly Variable[];
  /** The gradient rule; set to null after backward (unless `retainGraph`) to free what it captured. */
  backward: BackwardFn | null;
  /**
   * The tensors the rule reads (see {@link record}), each followed by its
   * {@link Tensor.version} when the op ran: `[t0, v0, t1, v1, ...]` (one array
   * per node, not two: nodes are made on every op). Backward refuses to run
   * the rule if a version changed. Emptied with `inputs`.
   */
  saved: readonly (Tensor | number)[];
}

const NOTHING_SAVED: readonly Tensor[] = Object.freeze([]);

/**
 * Passed as `record`'s `saved` by ops whose gradient rule reads no tensor
 * (add, sub, neg, sum, reshape, ...): an in-place change of their operands
 * cannot make their gradient wrong.
 */
export const SAVES_NOTHING = NOTHING_SAVED;

/**
 * Wraps the result of an operation as a Variable and, when gradients are
 * enabled and any input requires one, records how to differentiate it.
 * This is how every differentiable op is built, and how users and other
 * packages add fused operations with hand-written gradients.
 *
 * Nothing is recorded inside {@link noGrad}, when no input requires a
 * gradient, or when `value` is not a float tensor (an int32 result such as an
 * index has no gradient).
 *
 * When recorded, the {@link Tensor.version} of each tensor the rule reads is
 * noted: if one of them is changed in place before `backward()` (an
 * optimizer step, `loadStateDict`, `markModified`), backward throws instead of
 * computing a gradient from the new values. By default these are the inputs'
 * values and the output; pass `saved` to name them exactly.
 *
 * @param op - a name for error messages
 * @param value - the forward result
 * @param inputs - the operands the gradient flows to
 * @param backward - returns the gradient for each input given the output's gradient
 * @param saved - the tensors `backward` reads (default: every input's value and `value`)
 * @returns `value` wrapped as a Variable, with `requiresGrad` set when recorded
 * @throws AutogradError when `value` is not a Tensor, `backward` is not a function, an input is not a Variable or `saved` is not an array of Tensors
 * @example
 * ```ts
 * // A fused "x·2 + 1" with its own gradient rule.
 * const affine = (x: Variable) =>
 *   record("affine", x.value.mul(2).add(1), [x], (g) => [g.mul(2)]);
 * ```
 */
export function record(
  op: string,
  value: Tensor,
  inputs: readonly Variable[],
  backward: BackwardFn,
  saved?: readonly Tensor[],
): Variable {
  if (typeof backward !== "function") {
    throw new AutogradError(
      op,
      "backward",
      `expected a gradient rule function, got ${describe(backward)}`,
    );
  }
  if (!(value instanceof Tensor)) {
    throw new AutogradError(
      op,
      "value",
      `expected the forward result as a Tensor, got ${describe(value)}`,
    );
  }
  let needs = false;
  if (isGradEnabled()) {
    for (let i = 0; i < inputs.length; i++) {
      const x: unknown = inputs[i];
      if (!(x instanceof Variable)) {
        throw new AutogradError(
          op,
          `inputs[${i}]`,
          `expected a Variable, got ${describe(x)}${x instanceof Tensor ? " (wrap it with new Variable())" : ""}`,
        );
      }
      if ((x as Variable).requiresGrad) needs = true;
    }
  }
  const out = new Variable(value);
  if (needs && isFloat(value.dtype)) {
    out.requiresGrad = true;
    const pairs = saved === undefined ? defaultSaved(inputs, value) : savedPairs(op, saved);
    out.node = { op, inputs, backward, saved: pairs };
  }
  return out;
}

/** Every input's value and the output (what a rule may read when it does not say), with their versions. */
function defaultSaved(inputs: readonly Variable[], value: Tensor): (Tensor | number)[] {
  const n = inputs.length;
  const out = new Array<Tensor | number>(2 * n + 2);
  for (let i = 0; i < n; i++) {
    const t = inputs[i]!.value;
    out[2 * i] = t;
    out[2 * i + 1] = t.version;
  }
  out[2 * n] = value;
  out[2 * n + 1] = value.version;
  return out;
}

/** `saved` checked, as `[tensor, version, ...]` pairs. */
function savedPairs(op: string, saved: unknown): readonly (Tensor | number)[] {
  if (!Array.isArray(saved))
    throw new AutogradError(op, "saved", `expected an array of Tensors, got ${describe(saved)}`);
  if (saved.length === 0) return NOTHING_SAVED;
  const out = new Array<Tensor | number>(2 * saved.length);
  for (let i = 0; i < saved.length; i++) {
    const t: unknown = saved[i];
    if (!(t instanceof Tensor))
      throw new AutogradError(op, `saved[${i}]`, `expected a Tensor, got ${describe(t)}`);
    out[2 * i] = t;
    out[2 * i + 1] = t.version;
  }
  return out;
}

/**
 * Sums a broadcast gradient back down to `shape` (the operand's shape before
 * broadcasting): over the leading axes the operand did not have, and over the
 * axes where it had size 1. Returns `grad` itself when the shapes already match.
 *
 * @param grad - a gradient with the broadcast (output) shape
 * @param shape - the operand's shape; must broadcast to `grad.shape`
 * @throws ShapeError when `shape` does not broadcast to `grad.shape`
 */
export function unbroadcast(grad: Tensor, shape: readonly number[]): Tensor {
  const rank = grad.shape.length;
  const lead = rank - shape.length;
  if (lead < 0) {
    throw new ShapeError(
      "unbroadcast",
      "shape",
      `a gradient of shape [${grad.shape.join(",")}] cannot be reduced to the larger rank of [${shape.join(",")}]`,
    );
  }
  if (lead === 0) {
    let same = true;
    for (let i = 0; i < rank; i++) {
      if (grad.shape[i] !== shape[i]) {
        same = false;
        break;
      }
    }
    if (same) return grad;
  }
  const axes: number[] = [];
  for (let i = 0; i < rank; i++) {
    if (i < lead) {
      axes.push(i);
      continue;
    }
    const d = shape[i - lead];
    if (d === 1 && grad.shape[i] !== 1) axes.push(i);
    else if (d !== grad.shape[i]) {
      throw new ShapeError(
        "unbroadcast",
        "shape",
        `shape [${shape.join(",")}] does not broadcast to the gradient's shape [${grad.shape.join(",")}]`,
      );
    }
  }
  const reduced = axes.length > 0 ? sum(grad, axes, true) : grad;
  return reduced.reshape(shape);
}
