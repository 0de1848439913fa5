import type { Backend, Kernels } from "../kernels.js";
import { adam, adamax, nadam } from "./adam.js";
import { adadelta, adagrad, rmsprop } from "./adaptive.js";
import {
  batchNormBackward,
  batchNormInference,
  batchNormTraining,
  batchNormUpdateStatistics,
} from "./batchnorm.js";
import { binary } from "./binary.js";
import { denseBackward, denseForward } from "./dense.js";
import { dropout } from "./dropout.js";
import { gradNormAccumulate, scaleInPlace } from "./grad-norm.js";
import { scatterAdd } from "./indexing.js";
import { crossEntropy, crossEntropyGrad, elementwiseLoss, elementwiseLossGrad } from "./loss.js";
import { matmul } from "./matmul.js";
import { perceptronNet, perceptronUpdate } from "./perceptron.js";
import { argReduce, reduce } from "./reduce.js";
import { sgd } from "./sgd.js";
import { softmax, softmaxGrad } from "./softmax.js";
import { allocState } from "./state.js";
import { unary } from "./unary.js";
import { unaryGrad } from "./unary-grad.js";

const cpuKernels: Kernels = Object.freeze({
  unary,
  binary,
  reduce,
  argReduce,
  matmul,
  sgd,
  adam,
  perceptronNet,
  perceptronUpdate,
  batchNormTraining,
  batchNormInference,
  batchNormBackward,
  batchNormUpdateStatistics,
  dropout,
  elementwiseLoss,
  elementwiseLossGrad,
  crossEntropy,
  crossEntropyGrad,
  adamax,
  nadam,
  rmsprop,
  adagrad,
  adadelta,
  gradNormAccumulate,
  scaleInPlace,
  allocState,
  unaryGrad,
  softmax,
  softmaxGrad,
  denseForward,
  denseBackward,
  scatterAdd,
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
