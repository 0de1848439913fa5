/**
 * @packageDocumentation
 * `@neurite/layers`: modules with parameters (Dense, BatchNorm, Dropout,
 * Activation, Sequential), the classic Perceptron, activation functions,
 * initializers, losses, and saving models (JSON architecture + safetensors
 * weights). File helpers for Node live in `@neurite/layers/node`.
 */

export {
  ACTIVATION_NAMES,
  type ActivationCurve,
  type ActivationFunction,
  type ActivationName,
  type ActivationOptions,
  activations,
  BOOK_ACTIVATIONS,
  canonicalActivationName,
  getActivation,
} from "./activations/index.js";
export {
  FormatError,
  type FormatErrorKind,
  StateDictError,
  type StateDictProblem,
  type StateDictProblemKind,
} from "./errors.js";
export type { BatchNormTrainingResult } from "./functional/index.js";
export * as functional from "./functional/index.js";
export {
  computeFans,
  getInitializer,
  type Initializer,
  type InitializerConfig,
  type InitializerLike,
  type InitializerName,
  initializers,
} from "./initializers.js";
export {
  ARCHITECTURE_KEY,
  type LoadModelSource,
  loadModel,
  type SavedModel,
  type SaveModelOptions,
  saveModel,
} from "./io/model.js";
export {
  type LayerFactory,
  type LayerJSON,
  type ModelJSON,
  modelFromJSON,
  modelToJSON,
  registerLayer,
} from "./io/model-json.js";
export {
  type DecodeSafetensorsOptions,
  decodeSafetensors,
  type EncodeSafetensorsOptions,
  encodeSafetensors,
  type SafetensorsContents,
  type SafetensorsDType,
} from "./io/safetensors.js";
export { Activation, type ActivationLayerOptions } from "./layers/activation.js";
export {
  BatchNorm,
  BatchNorm as BatchNormalization,
  type BatchNormOptions,
} from "./layers/batchnorm.js";
export { Dense, type DenseOptions } from "./layers/dense.js";
export { Dropout, type DropoutOptions } from "./layers/dropout.js";
export {
  Perceptron,
  type PerceptronFitOptions,
  type PerceptronFitResult,
  type PerceptronOptions,
  type PerceptronStep,
} from "./layers/perceptron.js";
export {
  formatShape,
  formatSummary,
  type ModelSummary,
  Sequential,
  type SummaryOptions,
  type SummaryRow,
} from "./layers/sequential.js";
export type { ActivationLike, ResolvedActivation } from "./layers/shared.js";
export {
  BinaryCrossEntropy,
  CategoricalCrossEntropy,
  type CrossEntropyOptions,
  getLoss,
  Huber,
  type HuberOptions,
  LOSS_NAMES,
  Loss,
  type LossFunction,
  type LossName,
  type LossOptions,
  losses,
  MeanAbsoluteError,
  MeanSquaredError,
  type Reduction,
  type ReductionOptions,
  type ReductionOptionsOnly,
  SparseCategoricalCrossEntropy,
  SumSquaredError,
} from "./losses/index.js";
export {
  type LoadStateDictOptions,
  Module,
  type ParameterCount,
  type StateDict,
  type SymbolicShape,
} from "./module.js";
export { type RandomOptions, setSeed } from "./random.js";
