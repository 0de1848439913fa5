import { Rng, randn, type Tensor, tensor, ValueError } from "@neurite/tensor";
import { AutogradError } from "./errors.js";
import { noGrad } from "./mode.js";
import { Variable } from "./variable.js";

/** Options of {@link gradCheck}. */
export interface GradCheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** Relative tolerance (default 1e-4). */
  rtol?: number;
  /** Seed of the random projection used for non-scalar outputs (default 0). */
  seed?: number;
}

/** The element where analytic and numeric gradients disagree most. */
export interface GradCheckWorst {
  /** Which input (position in `inputs`). */
  input: number;
  /** Flat index of the element within that input. */
  index: number;
  /** Gradient from backward. */
  analytic: number;
  /** Central-difference estimate. */
  numeric: number;
}

/** What {@link gradCheck} found. */
export interface GradCheckResult {
  /** True when every element is within `atol + rtol·|numeric|`. */
  ok: boolean;
  /** Largest `|analytic − numeric|`. */
  maxAbsError: number;
  /** Largest `|analytic − numeric| / max(|numeric|, 1e-12)` among elements above `atol`. */
  maxRelError: number;
  /** The worst element (by excess over tolerance). */
  worst: GradCheckWorst | null;
}

/**
 * Compares the gradients computed by backward with central finite differences,
 * in float64. Inputs are cast to float64 and the function is evaluated at
 * `x ± eps` for every element. A non-scalar output `y` is reduced to
 * `sum(y · w)` with fixed random weights `w`, so every output element counts.
 *
 * @example
 * ```ts
 * const r = gradCheck((a, b) => a.matmul(b).tanh().sum(), [randn([3, 4], 1), randn([4, 2], 2)]);
 * if (!r.ok) console.log(r.worst);
 * ```
 */
export function gradCheck(
  f: (...inputs: Variable[]) => Variable,
  inputs: readonly Tensor[],
  options: GradCheckOptions = {},
): GradCheckResult {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-6;
  const rtol = options.rtol ?? 1e-4;
  if (!(eps > 0)) throw new ValueError("gradCheck", "eps", `expected a positive step, got ${eps}`);
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw new ValueError("gradCheck", "inputs", "expected a non-empty array of tensors");
  const xs = inputs.map((x) => x.cast("float64"));
  const vars = xs.map((x) => new Variable(x, { requiresGrad: true }));
  const out = f(...vars);
  if (!(out instanceof Variable))
    throw new AutogradError("gradCheck", "f", "f must return a Variable");
  const weights =
    out.size === 1
      ? tensor(1, undefined, "float64").reshape(out.shape as number[])
      : randn(out.shape, new Rng(options.seed ?? 0), "float64");
  const project = (y: Variable): number => {
    let s = 0;
    for (let i = 0; i < y.size; i++) s += y.value.data[i]! * weights.data[i]!;
    return s;
  };
  if (out.requiresGrad) out.backward(weights);
  let maxAbs = 0;
  let maxRel = 0;
  let worst: GradCheckWorst | null = null;
  let worstExcess = -Infinity;
  xs.forEach((x, input) => {
    const analytic = vars[input]!.grad;
    for (let index = 0; index < x.size; index++) {
      const orig = x.data[index]!;
      x.data[index] = orig + eps;
      const plus = noGrad(() => project(f(...xs.map((t) => new Variable(t)))));
      x.data[index] = orig - eps;
      const minus = noGrad(() => project(f(...xs.map((t) => new Variable(t)))));
      x.data[index] = orig;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic ? analytic.data[index]! : 0;
      const err = Math.abs(a - numeric);
      const excess = err - (atol + rtol * Math.abs(numeric));
      if (err > maxAbs) maxAbs = err;
      if (err > atol) maxRel = Math.max(maxRel, err / Math.max(Math.abs(numeric), 1e-12));
      if (excess > worstExcess || Number.isNaN(err)) {
        worstExcess = Number.isNaN(err) ? Infinity : excess;
        worst = { input, index, analytic: a, numeric };
      }
    }
  });
  return { ok: worstExcess <= 0, maxAbsError: maxAbs, maxRelError: maxRel, worst };
}
