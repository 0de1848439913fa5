import type { Backend, Kernels } from "../kernels.js";
import { binary } from "./binary.js";
import { matmul } from "./matmul.js";
import { argReduce, reduce } from "./reduce.js";
import { unary } from "./unary.js";

const cpuKernels: Kernels = { unary, binary, reduce, argReduce, matmul };

/** The TypeScript reference backend: implements every kernel; the others are tested against it. */
export const cpuBackend: Backend & { readonly kernels: Kernels } = {
  name: "cpu",
  kernels: cpuKernels,
};
