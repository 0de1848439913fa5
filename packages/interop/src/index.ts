/**
 * @packageDocumentation
 * `@neurite/interop`: models out to ONNX and PyTorch, and in from
 * TensorFlow.js and Keras. File helpers for Node live in
 * `@neurite/interop/node`.
 */

export { UnsupportedLayerError } from "./errors.js";
export { ONNX_OPSETS, type ToOnnxOptions, toOnnx } from "./onnx/export.js";
export { fromTfjs, type TfjsModelArtifacts, type TfjsWeightSpec } from "./tfjs/artifacts.js";
export { torchSequentialCode } from "./torch/code.js";
export {
  fromTorchStateDict,
  type TorchStateDict,
  toTorchSafetensors,
  toTorchStateDict,
} from "./torch/state-dict.js";
