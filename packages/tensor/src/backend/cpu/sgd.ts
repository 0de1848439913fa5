import type { OptimizerKernels } from "../contract/optimizer.js";

/**
 * The reference SGD step (see {@link OptimizerKernels.sgd}): float64
 * arithmetic, each stored value rounded to its array's type.
 */
export const sgd: OptimizerKernels["sgd"] = (
  p,
  g,
  buf,
  lr,
  momentum,
  dampening,
  l2,
  nesterov,
  first,
) => {
  const n = p.length;
  if (buf === null) {
    for (let i = 0; i < n; i++) {
      const d = l2 !== 0 ? g[i]! + l2 * p[i]! : g[i]!;
      p[i] = p[i]! - lr * d;
    }
    return;
  }
  const keep = 1 - dampening;
  for (let i = 0; i < n; i++) {
    const d = l2 !== 0 ? g[i]! + l2 * p[i]! : g[i]!;
    const b = first ? d : momentum * buf[i]! + keep * d;
    buf[i] = b;
    p[i] = p[i]! - lr * (nesterov ? d + momentum * b : b);
  }
};
