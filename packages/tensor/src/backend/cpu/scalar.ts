// Scalar special functions of the reference kernels (and of the scalar
// activation helpers other packages re-export): one definition each.

/** 2/√π, the factor in front of the error function's integral. */
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_PI = 0.5641895835477563;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_HALF = Math.SQRT1_2;

/** The constant √(2/π) of GELU's tanh approximation. */
const GELU_C = Math.sqrt(2 / Math.PI);
/** The cubic coefficient of GELU's tanh approximation. */
const GELU_K = 0.044715;
/** SELU's α (Klambauer et al. 2017), to double precision. */
export const SELU_ALPHA = 1.6732632423543772;
/** SELU's scale λ (Klambauer et al. 2017), to double precision. */
export const SELU_SCALE = 1.0507009873554805;

/**
 * erf(x) for |x| < 2.5 from the everywhere-convergent series
 * `erf(x) = 2/√π · e^(−x²) · Σ 2ⁿx^(2n+1) / (1·3·…·(2n+1))`, whose terms are
 * all positive, so there is no cancellation.
 */
function erfSeries(ax: number): number {
  const x2 = ax * ax;
  let term = ax;
  let sum = ax;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term <= sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * erfc(x) for x ≥ 2.5 from Laplace's continued fraction
 * `erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …))))`,
 * evaluated from the tail; accurate to rounding there.
 */
function erfcFraction(x: number): number {
  let t = x;
  for (let k = 80; k >= 1; k--) t = x + k / 2 / t;
  return (INV_SQRT_PI * Math.exp(-x * x)) / t;
}

/**
 * The error function of one number, accurate to about 1e-15 everywhere; NaN for NaN.
 *
 * @example
 * ```ts
 * erf(1); // 0.8427007929497149
 * ```
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  const r = ax < 2.5 ? erfSeries(ax) : 1 - erfcFraction(ax);
  return x < 0 ? -r : r;
}

/** The complementary error function `1 − erf(x)` of one number, accurate in its tail (large x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 2.5) return erfcFraction(x);
  return 1 - erf(x);
}

/** Standard normal cumulative distribution Φ(x) of one number, accurate for large negative x too. */
export function normalCdf(x: number): number {
  return x >= 0 ? 1 - 0.5 * erfc(x * SQRT_HALF) : 0.5 * erfc(-x * SQRT_HALF);
}

/** Standard normal density φ(x). */
function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** The logistic function `1 / (1 + e^−x)` of one number, never computing exp of a large positive number. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Numerically stable `log(1 + e^x)`. */
export function softplusScalar(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** GELU with the exact Gaussian CDF: `x·Φ(x)`. */
export function geluExact(x: number): number {
  return x * normalCdf(x);
}

/** Derivative of exact GELU: `Φ(x) + x·φ(x)`. */
export function geluExactDerivative(x: number): number {
  return normalCdf(x) + x * normalPdf(x);
}

/** GELU's tanh approximation: `½x(1 + tanh(√(2/π)(x + 0.044715x³)))`. */
export function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_K * x * x * x)));
}

/** Derivative of GELU's tanh approximation. */
export function geluTanhDerivative(x: number): number {
  const t = Math.tanh(GELU_C * (x + GELU_K * x * x * x));
  return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * x * x);
}
