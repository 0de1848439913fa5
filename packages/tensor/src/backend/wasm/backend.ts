import type { Backend, Kernels } from "../kernels.js";
import { unaryGrad } from "./kernels/activation.js";
import { adam } from "./kernels/adam.js";
import { batchNormBackward, batchNormInference, batchNormTraining } from "./kernels/batchnorm.js";
import { binary } from "./kernels/binary.js";
import { denseBackward, denseForward } from "./kernels/dense.js";
import { matmul } from "./kernels/matmul.js";
import { adadelta, adagrad, adamax, nadam, rmsprop, sgd } from "./kernels/optimizers.js";
import { reduce } from "./kernels/reduce.js";
import { allocState } from "./kernels/state.js";
import { unary } from "./kernels/unary.js";

/**
 * The kernels the WebAssembly backend implements. Each takes float32 work of
 * a size where WebAssembly wins and hands everything else to the TypeScript
 * reference, so a caller never needs to know which one ran. Kernels missing
 * here (argReduce, ...) are served by the reference through the registry.
 * To add one: a file in ./kernels, its AssemblyScript half in assembly/, and
 * one entry below.
 */
const wasmKernels: Partial<Kernels> = {
  matmul,
  unary,
  binary,
  reduce,
  batchNormTraining,
  batchNormInference,
  batchNormBackward,
  sgd,
  adam,
  adamax,
  nadam,
  rmsprop,
  adagrad,
  adadelta,
  allocState,
  denseForward,
  denseBackward,
  unaryGrad,
};

/** Name under which the WebAssembly backend registers. */
export const WASM_BACKEND = "wasm";

/** Priority of the WebAssembly backend over the reference `cpu` backend (0). */
export const WASM_PRIORITY = 10;

/**
 * The WebAssembly SIMD backend. Its kernels need the module loaded (done
 * automatically in Node, or by `initWasm()`); before that they defer to the
 * reference.
 */
export const wasmBackend: Backend = { name: WASM_BACKEND, kernels: wasmKernels };
