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
  const values = new Float64Array(n);
  const derivatives = new Float64Array(n);
  if (a.elementwise) {
    const x = Float64Array.from(xs);
    a.forward(x, values, [n]);
    a.backward(new Float64Array(n).fill(1), x, values, derivatives, [n]);
    return { values, derivatives };
  }
  // Rows [x, 0] along the last axis (the axis option does not change a single number's value).
  const act = getActivation(a.name);
  const x = new Float64Array(2 * n);
  const g = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = xs[i]!;
    g[2 * i] = 1;
  }
  const y = new Float64Array(2 * n);
  const d = new Float64Array(2 * n);
  act.forward(x, y, [n, 2]);
  act.backward(g, x, y, d, [n, 2]);
  for (let i = 0; i < n; i++) {
    values[i] = y[2 * i]!;
    derivatives[i] = d[2 * i]!;
  }
  return { values, derivatives };
}
