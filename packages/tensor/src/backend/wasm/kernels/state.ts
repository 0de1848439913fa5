import type { OptimizerKernels } from "../../contract/optimizer.js";
import { residentArray } from "../resident.js";
import { loadedRuntime } from "../runtime.js";
import { OPTIMIZER_WASM_MIN } from "../thresholds.js";

/**
 * Optimizer state resident in WebAssembly memory (see
 * {@link OptimizerKernels.allocState} and resident.ts): float32 state of
 * parameters the update kernels take, when the memory is shared. Declines
 * the rest, which the reference allocates as ordinary arrays.
 */
export const allocState: OptimizerKernels["allocState"] = (like, fill, out) => {
  const rt = loadedRuntime();
  if (!rt || !(like instanceof Float32Array) || like.length < OPTIMIZER_WASM_MIN) return false;
  const a = residentArray(rt, like.length, fill);
  if (a === null) return false;
  out.push(a);
};
