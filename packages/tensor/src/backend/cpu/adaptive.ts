import type { OptimizerKernels } from "../contract/optimizer.js";

// Reference updates of the optimizers that scale each element by a running
// average of its squared gradients (see OptimizerKernels): float64
// arithmetic, each stored value rounded to its array's type.

/** The reference RMSprop step (see {@link OptimizerKernels.rmsprop}). */
export const rmsprop: OptimizerKernels["rmsprop"] = (
  p,
  g,
  sq,
  avg,
  buf,
  lr,
  alpha,
  eps,
  l2,
  momentum,
) => {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const d = l2 !== 0 ? g[i]! + l2 * p[i]! : g[i]!;
    const v = alpha * sq[i]! + (1 - alpha) * d * d;
    sq[i] = v;
    let variance = v;
    if (avg !== null) {
      const mean = alpha * avg[i]! + (1 - alpha) * d;
      avg[i] = mean;
      variance = v - mean * mean;
      if (variance < 0) variance = 0;
    }
    const s = Math.sqrt(variance) + eps;
    if (buf !== null) {
      const b = momentum * buf[i]! + d / s;
      buf[i] = b;
      p[i] = p[i]! - lr * b;
    } else {
      p[i] = p[i]! - (lr * d) / s;
    }
  }
};

/** The reference Adagrad step (see {@link OptimizerKernels.adagrad}). */
export const adagrad: OptimizerKernels["adagrad"] = (p, g, sum, clr, eps, l2) => {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const d = l2 !== 0 ? g[i]! + l2 * p[i]! : g[i]!;
    const s = sum[i]! + d * d;
    sum[i] = s;
    p[i] = p[i]! - (clr * d) / (Math.sqrt(s) + eps);
  }
};

/** The reference Adadelta step (see {@link OptimizerKernels.adadelta}). */
export const adadelta: OptimizerKernels["adadelta"] = (p, g, sq, acc, lr, rho, eps, l2) => {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const d = l2 !== 0 ? g[i]! + l2 * p[i]! : g[i]!;
    const v = rho * sq[i]! + (1 - rho) * d * d;
    sq[i] = v;
    const delta = (Math.sqrt(acc[i]! + eps) / Math.sqrt(v + eps)) * d;
    acc[i] = rho * acc[i]! + (1 - rho) * delta * delta;
    p[i] = p[i]! - lr * delta;
  }
};
