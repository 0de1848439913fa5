import type { OptimizerKernels } from "../../contract/optimizer.js";
import { OP } from "../layout.js";
import { runUpdate } from "./update.js";

/**
 * The Adam / AdamW step in WebAssembly for float32 arrays (see
 * {@link OptimizerKernels.adam}): two lanes at a time in float64, so the
 * result is bit-identical to the reference.
 */
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
) => runUpdate(OP.adam, [p, g, m, v, vMax], [a, c, beta1, beta2, eps, l2, decay]);
