import {
  checkOptions,
  DTypeError,
  optionNames,
  Rng,
  randn,
  Tensor,
  ValueError,
} from "@neurite/tensor";
import { runBackward } from "./backward.js";
import { AutogradError, describe } from "./errors.js";
import { enableGrad, noGrad } from "./mode.js";
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

const GRAD_CHECK_OPTIONS = optionNames<GradCheckOptions>({
  eps: true,
  atol: true,
  rtol: true,
  seed: true,
});

/** The element where analytic and numeric gradients disagree most. */
export interface GradCheckWorst {
  /** Which input (position in `inputs`). */
  input: number;
  /** Flat (row-major) index of the element within that input. */
  index: number;
  /** Gradient from backward. */
  analytic: number;
  /** Central-difference estimate. */
  numeric: number;
}

/** What {@link gradCheck} found. */
export interface GradCheckResult {
  /** True when every element is within `atol + rtol·|numeric|` (and nothing is NaN). */
  ok: boolean;
  /** Largest `|analytic − numeric|`. */
  maxAbsError: number;
  /** Largest `|analytic − numeric| / max(|numeric|, 1e-12)` among elements whose error exceeds `atol`. */
  maxRelError: number;
  /** The worst element: the largest excess of error over its tolerance (a NaN counts as worst). Null only when the inputs have no elements. */
  worst: GradCheckWorst | null;
}

/**
 * Compares the gradients computed by backward with central finite differences
 * `(f(x + eps) − f(x − eps)) / 2eps`, in float64: the inputs are copied to
 * float64 and `f` is evaluated twice per input element. A non-scalar output
 * `y` is reduced to `Σ y·w` with fixed random weights `w`, so every output
 * element counts. Only the inputs receive gradients: Variables captured by `f`
 * keep their `.grad`.
 *
 * Keep the inputs away from points where `f` is not differentiable (ReLU or
 * abs at 0, ties of max, clip bounds): there the two estimates legitimately
 * differ.
 *
 * @param f - the function to check; build it from Variable ops (constants it uses should be float64)
 * @param inputs - the point to check at, one tensor per argument of `f`
 * @returns whether it passed, the largest errors and the worst element
 * @example
 * ```ts
 * const r = gradCheck((a, b) => a.matmul(b).tanh().sum(), [randn([3, 4], 1), randn([4, 2], 2)]);
 * if (!r.ok) console.log(r.worst); // { input, index, analytic, numeric }
 * ```
 */
export function gradCheck(
  f: (...inputs: Variable[]) => Variable,
  inputs: readonly Tensor[],
  options: GradCheckOptions = {},
): GradCheckResult {
  checkOptions("gradCheck", options, GRAD_CHECK_OPTIONS);
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-6;
  const rtol = options.rtol ?? 1e-4;
  if (typeof f !== "function") {
    throw new ValueError("gradCheck", "f", `expected a function, got ${describe(f)}`);
  }
  if (typeof eps !== "number" || !(eps > 0) || !Number.isFinite(eps)) {
    throw new ValueError(
      "gradCheck",
      "eps",
      `expected a finite positive step, got ${describe(eps)}`,
    );
  }
  for (const [arg, tol] of [
    ["atol", atol],
    ["rtol", rtol],
  ] as const)
    if (typeof tol !== "number" || !(tol >= 0))
      throw new ValueError("gradCheck", arg, `expected a tolerance >= 0, got ${describe(tol)}`);
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new ValueError(
      "gradCheck",
      "inputs",
      `expected a non-empty array of tensors, got ${describe(inputs)}`,
    );
  }
  inputs.forEach((x: unknown, i) => {
    if (!(x instanceof Tensor)) {
      throw new DTypeError("gradCheck", `inputs[${i}]`, `expected a Tensor, got ${describe(x)}`);
    }
  });
  const xs = inputs.map((x) => x.cast("float64"));
  const vars = xs.map((x) => new Variable(x, { requiresGrad: true }));
  const out: unknown = enableGrad(() => f(...vars));
  if (!(out instanceof Variable)) {
    throw new AutogradError("gradCheck", "f", `f must return a Variable, got ${describe(out)}`);
  }
  if (out.dtype !== "float64") {
    throw new AutogradError(
      "gradCheck",
      "f",
      `f must return a float64 Variable (it gets float64 inputs), got ${out.dtype}; create its constants as float64`,
    );
  }
  const weights = randn(out.shape, new Rng(options.seed ?? 0), "float64");
  if (out.size === 1) weights.data[0] = 1;
  const project = (y: unknown): number => {
    if (!(y instanceof Variable) || y.size !== out.size) {
      throw new AutogradError("gradCheck", "f", "f must return the same shape on every call");
    }
    const yd = y.value.data;
    const wd = weights.data;
    let s = 0;
    for (let i = 0; i < yd.length; i++) s += yd[i]! * wd[i]!;
    return s;
  };
  if (out.requiresGrad) runBackward(out, weights, false, new Set(vars));
  let maxAbs = 0;
  let maxRel = 0;
  let worst: GradCheckWorst | null = null;
  let worstExcess = -Infinity;
  const evalAt = () => noGrad(() => project(f(...xs.map((t) => new Variable(t)))));
  xs.forEach((x, input) => {
    const analytic = vars[input]!.grad;
    for (let index = 0; index < x.size; index++) {
      const orig = x.data[index]!;
      x.data[index] = orig + eps;
      const plus = evalAt();
      x.data[index] = orig - eps;
      const minus = evalAt();
      x.data[index] = orig;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic ? analytic.data[index]! : 0;
      const err = Math.abs(a - numeric);
      const excess = Number.isNaN(err) ? Infinity : err - (atol + rtol * Math.abs(numeric));
      if (err > maxAbs) maxAbs = err;
      if (err > atol) maxRel = Math.max(maxRel, err / Math.max(Math.abs(numeric), 1e-12));
      if (excess > worstExcess || worst === null) {
        worstExcess = excess;
        worst = { input, index, analytic: a, numeric };
      }
    }
  });
  return {
    ok: worst === null || worstExcess <= 0,
    maxAbsError: maxAbs,
    maxRelError: maxRel,
    worst,
  };
}
