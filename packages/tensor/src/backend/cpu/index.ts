import type { Backend, Kernels } from "../kernels.js";
import { adam } from "./adam.js";
import { binary } from "./binary.js";
import { denseBackward, denseForward } from "./dense.js";
import { matmul } from "./matmul.js";
import { argReduce, reduce } from "./reduce.js";
import { softmax, softmaxGrad } from "./softmax.js";
import { unary } from "./unary.js";
import { unaryGrad } from "./unary-grad.js";

const cpuKernels: Kernels = Object.freeze({
  unary,
  binary,
  reduce,
  argReduce,
  matmul,
  adam,
  unaryGrad,
  softmax,
  softmaxGrad,
  denseForward,
  denseBackward,
});

/**
 * The TypeScript reference backend. It implements every kernel, serves every
 * kernel no registered backend provides, and is what other backends are tested
 * against. Frozen: it cannot be modified or unregistered.
 *
 * @example
 * ```ts
 * // Wrap a reference kernel, e.g. to count calls:
 * let calls = 0;
 * registerBackend({
 *   name: "counting",
 *   kernels: { matmul: (...args) => { calls++; cpuBackend.kernels.matmul(...args); } },
 * });
 * ```
 */
export const cpuBackend: Backend & { readonly kernels: Kernels } = Object.freeze({
  name: "cpu",
  kernels: cpuKernels,
});
