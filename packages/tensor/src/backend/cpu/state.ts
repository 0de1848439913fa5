import type { OptimizerKernels } from "../contract/optimizer.js";

/** The reference state allocation (see {@link OptimizerKernels.allocState}): an ordinary typed array. */
export const allocState: OptimizerKernels["allocState"] = (like, fill, out) => {
  const a =
    like instanceof Float32Array ? new Float32Array(like.length) : new Float64Array(like.length);
  if (fill !== 0) a.fill(fill);
  out.push(a);
};
