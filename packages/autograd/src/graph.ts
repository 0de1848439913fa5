import { sum, type Tensor } from "@neurite/tensor";
import { isGradEnabled } from "./mode.js";
import { Variable } from "./variable.js";

/**
 * Computes the gradients of one recorded operation: given the gradient of its
 * output, returns one gradient per input (null for inputs that need none).
 */
export type BackwardFn = (gradOutput: Tensor) => readonly (Tensor | null)[];

/** A recorded operation: its inputs and how to push a gradient back into them. */
export interface GraphNode {
  /** The operation's name, for error messages and debugging. */
  readonly op: string;
  /** The operands, in order. */
  inputs: readonly Variable[];
  /** The gradient rule; dropped after backward to free what it captured. */
  backward: BackwardFn | null;
}

/**
 * Wraps the result of an operation as a Variable and, when gradients are
 * enabled and any input requires one, records how to differentiate it.
 * This is how every differentiable op is built, and how users and other
 * packages add fused operations with hand-written gradients.
 *
 * @param op - a name for error messages
 * @param value - the forward result
 * @param inputs - the operands the gradient flows to
 * @param backward - returns the gradient for each input given the output's gradient
 */
export function record(
  op: string,
  value: Tensor,
  inputs: readonly Variable[],
  backward: BackwardFn,
): Variable {
  let needs = false;
  if (isGradEnabled()) {
    for (const x of inputs) {
      if (x.requiresGrad) {
        needs = true;
        break;
      }
    }
  }
  const out = new Variable(value, { requiresGrad: needs });
  if (needs) out.node = { op, inputs, backward };
  return out;
}

/** Sums a broadcast gradient back down to `shape` (the operand's shape before broadcasting). */
export function unbroadcast(grad: Tensor, shape: readonly number[]): Tensor {
  if (grad.shape.length === shape.length && grad.shape.every((d, i) => d === shape[i])) return grad;
  const lead = grad.shape.length - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < grad.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) axes.push(i);
  }
  const reduced = axes.length > 0 ? sum(grad, axes, true) : grad;
  return reduced.reshape(shape as number[]);
}
