import type { OptimizerKernels } from "../contract/optimizer.js";

// The Adam family's reference updates (see OptimizerKernels): float64
// arithmetic, each stored value rounded to its array's type. These loops are
// the optimizers' own loops moved here, so the numbers are unchanged.

/** The reference Adam / AdamW step (see {@link OptimizerKernels.adam}). */
export const adam: OptimizerKernels["adam"] = (
  p,
  g,
  m,
  v,
  vMax,
  a,
  c,
  beta1,
  beta2,
  eps,
  l2,
  decay,
) => {
  const n = p.length;
  const k1 = 1 - beta1;
  const k2 = 1 - beta2;
  if (vMax === null && l2 === 0 && decay === 1) {
    // Plain Adam, the common case, with its branches taken out of the loop (same arithmetic).
    for (let i = 0; i < n; i++) {
      const d = g[i]!;
      const mi = beta1 * m[i]! + k1 * d;
      const vi = beta2 * v[i]! + k2 * d * d;
      m[i] = mi;
      v[i] = vi;
      p[i] = p[i]! - (a * mi) / (Math.sqrt(vi) * c + eps);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    let theta = p[i]!;
    if (decay !== 1) theta *= decay;
    const d = l2 !== 0 ? g[i]! + l2 * theta : g[i]!;
    const mi = beta1 * m[i]! + k1 * d;
    let vi = beta2 * v[i]! + k2 * d * d;
    m[i] = mi;
    v[i] = vi;
    if (vMax !== null) {
      if (vMax[i]! > vi) vi = vMax[i]!;
      else vMax[i] = vi;
    }
    p[i] = theta - (a * mi) / (Math.sqrt(vi) * c + eps);
  }
};

/** The reference Adamax step (see {@link OptimizerKernels.adamax}). */
export const adamax: OptimizerKernels["adamax"] = (p, g, m, u, clr, beta1, beta2, eps, l2) => {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const d = l2 !== 0 ? g[i]! + l2 * p[i]! : g[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * d;
    const ui = Math.max(beta2 * u[i]!, Math.abs(d) + eps);
    m[i] = mi;
    u[i] = ui;
    p[i] = p[i]! - (clr * mi) / ui;
  }
};

/** The reference NAdam step (see {@link OptimizerKernels.nadam}). */
export const nadam: OptimizerKernels["nadam"] = (
  p,
  g,
  m,
  v,
  gradCoef,
  momentCoef,
  bc2,
  beta1,
  beta2,
  eps,
  l2,
  decay,
) => {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    let theta = p[i]!;
    if (decay !== 1) theta *= decay;
    const d = l2 !== 0 ? g[i]! + l2 * theta : g[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * d;
    const vi = beta2 * v[i]! + (1 - beta2) * d * d;
    m[i] = mi;
    v[i] = vi;
    const s = Math.sqrt(vi / bc2) + eps;
    p[i] = theta - (gradCoef * d) / s - (momentCoef * mi) / s;
  }
};
