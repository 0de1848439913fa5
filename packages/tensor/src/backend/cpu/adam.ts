import type { Kernels } from "../kernels.js";

/**
 * The reference Adam update (see {@link Kernels.adam}), in float64 arithmetic
 * with each stored value rounded to its array's type. `p`, `m` and `v` are
 * updated in place.
 */
export const adam: NonNullable<Kernels["adam"]> = (p, g, m, v, a, c, beta1, beta2, eps) => {
  const n = p.length;
  const k1 = 1 - beta1;
  const k2 = 1 - beta2;
  for (let i = 0; i < n; i++) {
    const d = g[i]!;
    const mi = beta1 * m[i]! + k1 * d;
    const vi = beta2 * v[i]! + k2 * d * d;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i]! - (a * mi) / (Math.sqrt(vi) * c + eps);
  }
};
