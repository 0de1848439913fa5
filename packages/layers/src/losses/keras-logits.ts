import type { Variable } from "@neurite/autograd";

/**
 * Keras's convention for probability outputs: when a loss that expects
 * probabilities receives the output of a softmax (over the last axis) or a
 * sigmoid, it computes the loss from the logits that activation was applied
 * to. The result is the same loss without the clamping to [ε, 1 − ε], and
 * a gradient that never vanishes when the activation saturates (a softmax
 * output of exactly 0 or 1 would otherwise stop all learning).
 *
 * Activations record here which logits each output came from; the map holds
 * its keys weakly, so nothing outlives the Variables themselves.
 */
const logitsOf = {
  softmax: new WeakMap<Variable, Variable>(),
  sigmoid: new WeakMap<Variable, Variable>(),
};

/** The activations whose outputs carry their logits. */
export type LogitsActivation = keyof typeof logitsOf;

/** Records that `output = activation(logits)`. */
export function rememberLogits(kind: LogitsActivation, output: Variable, logits: Variable): void {
  logitsOf[kind].set(output, logits);
}

/** The logits `output` was computed from by `kind`, if it was. */
export function logitsBehind(kind: LogitsActivation, output: Variable): Variable | undefined {
  return logitsOf[kind].get(output);
}
