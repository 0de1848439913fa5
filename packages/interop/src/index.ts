/**
 * @packageDocumentation
 * `@neurite/interop`: models out to ONNX and PyTorch, and in from
 * TensorFlow.js and Keras. File helpers for Node live in
 * `@neurite/interop/node`.
 */

export { UnsupportedLayerError } from "./errors.js";
export { ONNX_OPSETS, type ToOnnxOptions, toOnnx } from "./onnx/export.js";
