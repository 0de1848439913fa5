import { Variable } from "@neurite/autograd";
import { checkOptions, kernels, optionNames, type TypedArray, ValueError } from "@neurite/tensor";
import { describe } from "./internal/describe.js";

/** Options of {@link clipGradNorm}. */
export interface ClipGradNormOptions {
  /** Which p-norm: a number `> 0`, or `Infinity` for the largest absolute value. Default `2`. */
  normType?: number;
  /** Throw when the total norm is NaN or infinite instead of scaling by it. Default `false` (as PyTorch). */
  errorIfNonfinite?: boolean;
}

const CLIP_GRAD_NORM_OPTIONS = optionNames<ClipGradNormOptions>({
  normType: true,
  errorIfNonfinite: true,
});

function gradients(op: string, params: unknown): TypedArray[] {
  if (
    params === null ||
    typeof params !== "object" ||
    typeof (params as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function"
  ) {
    throw new ValueError(op, "params", `expected an array of Variables, got ${describe(params)}`);
  }
  const out: TypedArray[] = [];
  let i = 0;
  for (const p of params as Iterable<unknown>) {
    if (!(p instanceof Variable)) {
      throw new ValueError(
        op,
        "params",
        `element ${i} is ${describe(p)}, not an autograd Variable`,
      );
    }
    const g = typeof p.peekGrad === "function" ? p.peekGrad() : p.grad;
    if (g !== null) out.push(g.data);
    i++;
  }
  return out;
}

/**
 * Scales the gradients of `params` in place so that their global norm (all
 * gradients taken as one vector) is at most `maxNorm`, as PyTorch's
 * `clip_grad_norm_`:
 *
 * ```text
 * total = (Σ over all gradient elements |g|^p)^(1/p)     (max |g| for p = Infinity)
 * if maxNorm / (total + 1e-6) < 1:  g ← g · maxNorm / (total + 1e-6)
 * ```
 *
 * Call it between `backward()` and `optimizer.step()`. Parameters whose
 * `.grad` is null are skipped. A gradient tensor shared by several
 * parameters counts once per parameter in the norm and is scaled once.
 * Sums are accumulated in float64.
 *
 * @param params - the parameters whose gradients to clip
 * @param maxNorm - the largest allowed norm, `>= 0` (`Infinity` only measures)
 * @param options - `normType` (2) and `errorIfNonfinite` (false)
 * @returns the total norm before clipping
 * @throws ValueError for a non-Variable, a negative or NaN maxNorm, a normType <= 0, or (if asked) a non-finite norm
 */
export function clipGradNorm(
  params: Iterable<Variable>,
  maxNorm: number,
  options: ClipGradNormOptions = {},
): number {
  const op = "clipGradNorm";
  checkOptions(op, options, CLIP_GRAD_NORM_OPTIONS);
  if (typeof maxNorm !== "number" || !(maxNorm >= 0)) {
    throw new ValueError(op, "maxNorm", `expected a number >= 0, got ${describe(maxNorm)}`);
  }
  const normType = options.normType ?? 2;
  if (typeof normType !== "number" || !(normType > 0)) {
    throw new ValueError(
      op,
      "normType",
      `expected a number > 0 or Infinity, got ${describe(normType)}`,
    );
  }
  const grads = gradients(op, params);
  // One float64 accumulator carried across the gradients, in order.
  const acc = new Float64Array(1);
  const k = kernels();
  for (const g of grads) k.gradNormAccumulate(g, normType, acc);
  const sum = acc[0]!;
  const total =
    normType === Infinity ? sum : normType === 2 ? Math.sqrt(sum) : sum ** (1 / normType);
  if (!Number.isFinite(total) && options.errorIfNonfinite) {
    throw new ValueError(
      op,
      "params",
      `the total gradient norm is ${total}: some gradient holds NaN or Infinity`,
    );
  }
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1 || Number.isNaN(coef)) {
    const done = new Set<TypedArray>();
    for (const g of grads) {
      if (done.has(g)) continue;
      done.add(g);
      k.scaleInPlace(g, coef);
    }
  }
  return total;
}

/**
 * Limits every gradient element of `params` to `[-clipValue, clipValue]`,
 * in place, as PyTorch's `clip_grad_value_`. Parameters whose `.grad` is
 * null are skipped.
 * @param params - the parameters whose gradients to clip
 * @param clipValue - the largest allowed absolute value, `>= 0`
 * @throws ValueError for a non-Variable or a negative or NaN clipValue
 */
export function clipGradValue(params: Iterable<Variable>, clipValue: number): void {
  const op = "clipGradValue";
  if (typeof clipValue !== "number" || !(clipValue >= 0)) {
    throw new ValueError(op, "clipValue", `expected a number >= 0, got ${describe(clipValue)}`);
  }
  // The unary kernel's clip, in place: NaN passes through, as before.
  const k = kernels();
  for (const g of gradients(op, params)) k.unary("clip", g, g, -clipValue, clipValue);
}
