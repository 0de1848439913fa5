import type { TypedArray } from "../../dtype.js";
import type { KernelResult } from "../kernels.js";

/**
 * Batch normalization over the last axis of `x` viewed as `[rows, features]`
 * (every other axis is a batch axis). Part of {@link Kernels}.
 *
 * Shared conventions: `x`, `y`, `dy`, `dx`, `gamma`, `beta`, `dgamma` and
 * `dbeta` share one float dtype (float32 or float64); `gamma`/`beta` (and
 * their gradients) have `features` values and `null` means "absent" (gamma 1,
 * beta 0; no gradient written). No output aliases an input. Everything is
 * computed in float64 and rounded once when stored. `invStd = 1/√(variance + epsilon)`.
 * NaN and ±Inf propagate: a non-finite value makes its feature's statistics,
 * and so every output of that feature, NaN (or ±Inf where the formula gives it).
 */
export interface NormalizationKernels {
  /**
   * Training-mode forward: the batch's per-feature mean and biased variance
   * (divided by `rows`) into `mean` and `variance` (float64, `[features]`), then
   * `y = gamma·(x − mean)·invStd + beta`. Two passes over `x`: shifted sums
   * (shifted by each feature's first value, so the variance keeps its digits
   * when the mean is large) then the output. `rows ≥ 1`.
   */
  batchNormTraining(
    x: TypedArray,
    gamma: TypedArray | null,
    beta: TypedArray | null,
    y: TypedArray,
    mean: Float64Array,
    variance: Float64Array,
    rows: number,
    features: number,
    epsilon: number,
  ): KernelResult;
  /**
   * Inference-mode forward with given statistics (`mean`, `variance`:
   * `[features]`, x's dtype or float64): `y = gamma·(x − mean)·invStd + beta`,
   * evaluated as `(gamma·(x − mean))·invStd + beta`. One pass over `x`.
   */
  batchNormInference(
    x: TypedArray,
    gamma: TypedArray | null,
    beta: TypedArray | null,
    mean: TypedArray,
    variance: TypedArray,
    y: TypedArray,
    rows: number,
    features: number,
    epsilon: number,
  ): KernelResult;
  /**
   * Backward of either forward, with `x̂ = (x − mean)·invStd` recomputed from
   * `x` (never stored); `mean` and `variance` are the ones the forward used.
   * Sums over rows accumulate in float64: `Σdy` into `dbeta`, `Σdy·x̂` into
   * `dgamma`. `dx` is, in training mode (the statistics depend on x),
   * `gamma·invStd/rows · (rows·dy − Σdy − x̂·Σdy·x̂)` (two passes over `x`
   * and `dy`), and in inference mode `dy·gamma·invStd` (one pass). Each
   * gradient output may be `null` (not computed).
   */
  batchNormBackward(
    training: boolean,
    x: TypedArray,
    dy: TypedArray,
    gamma: TypedArray | null,
    mean: TypedArray,
    variance: TypedArray,
    dx: TypedArray | null,
    dgamma: TypedArray | null,
    dbeta: TypedArray | null,
    rows: number,
    features: number,
    epsilon: number,
  ): KernelResult;
  /**
   * Running statistics update, in place on `movingMean` and `movingVariance`
   * (`[features]`, one float dtype): `movingMean = momentum·movingMean +
   * (1 − momentum)·mean`, `movingVariance = momentum·movingVariance +
   * (1 − momentum)·variance·varianceScale` (`varianceScale` is `n/(n − 1)` for
   * an unbiased moving variance, else 1). Computed in float64, rounded once.
   */
  batchNormUpdateStatistics(
    movingMean: TypedArray,
    movingVariance: TypedArray,
    mean: Float64Array,
    variance: Float64Array,
    momentum: number,
    varianceScale: number,
  ): KernelResult;
}
