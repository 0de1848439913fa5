import { getActivation } from "./registry.js";
import type { ActivationFunction } from "./types.js";

/** An activation's values and derivatives at a list of points. */
export interface ActivationCurve {
  /** `f(x)` at each point. */
  values: Float64Array;
  /** `f′(x)` at each point. */
  derivatives: Float64Array;
}

/**
 * Evaluates an activation and its derivative at many points with one forward
 * and one backward kernel call (float64), for charts and tables: the numbers a
 * network computes, without a scalar call per point. Softmax and logSoftmax
 * are taken, as `fn` defines them for one number, on the pairs `[x, 0]`
 * (first output; derivative: the Jacobian's diagonal entry).
 *
 * @example
 * ```ts
 * const { values, derivatives } = activations.curve(activations.get("tanh"), [-1, 0, 1]);
 * ```
 */
export function activationCurve(a: ActivationFunction, xs: ArrayLike<number>): ActivationCurve {
  const n = xs.length;
  if (a.elementwise) {
    const values = new Float64Array(n);
    const derivatives = new Float64Array(n);
    const x = Float64Array.from(xs);
    a.forward(x, values, [n]);
    a.backward(new Float64Array(n).fill(1), x, values, derivatives, [n]);
    return { values, derivatives };
  }
  // Along axis 0 of [[x…], [0…]]: the first row is the first output of each softmax([x, 0]).
  const act = getActivation(a.name, { axis: 0 });
  const x = new Float64Array(2 * n);
  x.set(xs);
  const g = new Float64Array(2 * n).fill(1, 0, n);
  const y = new Float64Array(2 * n);
  const d = new Float64Array(2 * n);
  act.forward(x, y, [2, n]);
  act.backward(g, x, y, d, [2, n]);
  return { values: y.slice(0, n), derivatives: d.slice(0, n) };
}
