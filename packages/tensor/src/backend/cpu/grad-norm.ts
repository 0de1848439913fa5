import type { OptimizerKernels } from "../contract/optimizer.js";

/** The reference p-norm accumulation of gradient clipping (see {@link OptimizerKernels.gradNormAccumulate}). */
export const gradNormAccumulate: OptimizerKernels["gradNormAccumulate"] = (x, normType, acc) => {
  const n = x.length;
  if (normType === Infinity) {
    let total = acc[0]!;
    if (Number.isNaN(total)) return;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(x[i]!);
      if (a > total || Number.isNaN(a)) total = a;
      if (Number.isNaN(total)) break;
    }
    acc[0] = total;
    return;
  }
  let sum = acc[0]!;
  if (normType === 2) for (let i = 0; i < n; i++) sum += x[i]! * x[i]!;
  else for (let i = 0; i < n; i++) sum += Math.abs(x[i]!) ** normType;
  acc[0] = sum;
};

/** The reference in-place scaling (see {@link OptimizerKernels.scaleInPlace}). */
export const scaleInPlace: OptimizerKernels["scaleInPlace"] = (x, s) => {
  const n = x.length;
  for (let i = 0; i < n; i++) x[i] = x[i]! * s;
};
