import type { TypedArray } from "../../dtype.js";
import type { NormalizationKernels } from "../contract/normalization.js";
import { SLOT, scratch64 } from "./scratch.js";

/** Reference training-mode BatchNorm forward (see NormalizationKernels.batchNormTraining). */
export const batchNormTraining: NormalizationKernels["batchNormTraining"] = (
  x,
  gamma,
  beta,
  y,
  mean,
  variance,
  rows,
  features,
  epsilon,
) => {
  const F = features;
  // Pass 1: sums of (x − shift) and its square, shifted by the first row so
  // that the variance does not cancel catastrophically when |mean| ≫ std.
  const s1 = scratch64(SLOT.bnSum, F);
  const s2 = scratch64(SLOT.bnSumSquares, F);
  for (let r = 0, i = 0; r < rows; r++)
    for (let j = 0; j < F; j++, i++) {
      const d = x[i]! - x[j]!;
      s1[j]! += d;
      s2[j]! += d * d;
    }
  for (let j = 0; j < F; j++) {
    const m = s1[j]! / rows;
    mean[j] = x[j]! + m;
    // s2/n − m² is ≥ 0 in exact arithmetic; rounding may leave a tiny negative.
    const v = s2[j]! / rows - m * m;
    variance[j] = v > 0 || Number.isNaN(v) ? v : 0;
  }
  const invStd = inverseStd(variance, epsilon);
  // Pass 2: the output.
  for (let r = 0, i = 0; r < rows; r++)
    for (let j = 0; j < F; j++, i++) {
      const h = (x[i]! - mean[j]!) * invStd[j]!;
      y[i] = (gamma ? gamma[j]! : 1) * h + (beta ? beta[j]! : 0);
    }
};

/** `1/√(variance + epsilon)` per feature, in float64 (scratch: valid until the next call). */
function inverseStd(variance: TypedArray, epsilon: number): Float64Array {
  const out = scratch64(SLOT.bnInverseStd, variance.length);
  for (let j = 0; j < out.length; j++) out[j] = 1 / Math.sqrt(variance[j]! + epsilon);
  return out;
}

/** Reference inference-mode BatchNorm forward (see NormalizationKernels.batchNormInference). */
export const batchNormInference: NormalizationKernels["batchNormInference"] = (
  x,
  gamma,
  beta,
  mean,
  variance,
  y,
  rows,
  features,
  epsilon,
) => {
  const invStd = inverseStd(variance, epsilon);
  for (let r = 0, i = 0; r < rows; r++)
    for (let j = 0; j < features; j++, i++)
      y[i] = (gamma ? gamma[j]! : 1) * (x[i]! - mean[j]!) * invStd[j]! + (beta ? beta[j]! : 0);
};

/** Reference BatchNorm backward (see NormalizationKernels.batchNormBackward). */
export const batchNormBackward: NormalizationKernels["batchNormBackward"] = (
  training,
  x,
  dy,
  gamma,
  mean,
  variance,
  dx,
  dgamma,
  dbeta,
  rows,
  features,
  epsilon,
) => {
  const F = features;
  const invStd = inverseStd(variance, epsilon);
  const sumG = scratch64(SLOT.bnGradSum, F);
  const sumGX = scratch64(SLOT.bnGradDotX, F);
  if (training) {
    for (let r = 0, i = 0; r < rows; r++)
      for (let j = 0; j < F; j++, i++) {
        sumG[j]! += dy[i]!;
        sumGX[j]! += dy[i]! * ((x[i]! - mean[j]!) * invStd[j]!);
      }
    if (dx)
      for (let r = 0, i = 0; r < rows; r++)
        for (let j = 0; j < F; j++, i++) {
          const k = ((gamma ? gamma[j]! : 1) * invStd[j]!) / rows;
          const h = (x[i]! - mean[j]!) * invStd[j]!;
          dx[i] = k * (rows * dy[i]! - sumG[j]! - h * sumGX[j]!);
        }
  } else {
    for (let r = 0, i = 0; r < rows; r++)
      for (let j = 0; j < F; j++, i++) {
        sumG[j]! += dy[i]!;
        sumGX[j]! += dy[i]! * (x[i]! - mean[j]!) * invStd[j]!;
        if (dx) dx[i] = dy[i]! * (gamma ? gamma[j]! : 1) * invStd[j]!;
      }
  }
  if (dgamma) dgamma.set(sumGX);
  if (dbeta) dbeta.set(sumG);
};

/** Reference running-statistics update (see NormalizationKernels.batchNormUpdateStatistics). */
export const batchNormUpdateStatistics: NormalizationKernels["batchNormUpdateStatistics"] = (
  movingMean,
  movingVariance,
  mean,
  variance,
  momentum,
  varianceScale,
) => {
  const m = momentum;
  for (let j = 0; j < movingMean.length; j++) {
    movingMean[j] = m * movingMean[j]! + (1 - m) * mean[j]!;
    movingVariance[j] = m * movingVariance[j]! + (1 - m) * variance[j]! * varianceScale;
  }
};
