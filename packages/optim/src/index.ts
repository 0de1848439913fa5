/**
 * @packageDocumentation
 * `@neurite/optim`: optimizers that update autograd Variables in place from
 * their gradients (SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax,
 * Nadam), learning-rate schedules, and gradient clipping. Works on any list
 * of Variables; knows nothing of layers.
 */

export { type ClipGradNormOptions, clipGradNorm, clipGradValue } from "./clip.js";
export type { OptionSpec, Rule } from "./internal/options.js";
export {
  type FloatArray,
  Optimizer,
  type OptimizerOptions,
  type ParamGroup,
  type ParamGroupInput,
  type ParamState,
  type ParamsInput,
  type StateLayout,
} from "./optimizer.js";
export { Adadelta, type AdadeltaOptions } from "./optimizers/adadelta.js";
export { Adagrad, type AdagradOptions } from "./optimizers/adagrad.js";
export { Adam, type AdamOptions } from "./optimizers/adam.js";
export type { EpsStyle } from "./optimizers/adam-scalars.js";
export { Adamax, type AdamaxOptions } from "./optimizers/adamax.js";
export { AdamW, type AdamWOptions } from "./optimizers/adamw.js";
export { Nadam, type NadamOptions } from "./optimizers/nadam.js";
export { RMSprop, type RMSpropOptions } from "./optimizers/rmsprop.js";
export { SGD, type SGDOptions } from "./optimizers/sgd.js";
export {
  CosineAnnealingLR,
  type CosineAnnealingLROptions,
} from "./schedulers/cosine-annealing-lr.js";
export { ExponentialLR, type ExponentialLROptions } from "./schedulers/exponential-lr.js";
export { LambdaLR, type LambdaLROptions } from "./schedulers/lambda-lr.js";
export { LinearLR, type LinearLROptions } from "./schedulers/linear-lr.js";
export {
  LRScheduler,
  type LrFunction,
  type SchedulerStateDict,
} from "./schedulers/lr-scheduler.js";
export {
  type PlateauStateDict,
  ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
} from "./schedulers/reduce-lr-on-plateau.js";
export { SequentialLR, type SequentialLROptions } from "./schedulers/sequential-lr.js";
export { StepLR, type StepLROptions } from "./schedulers/step-lr.js";
export type {
  OptimizerStateDict,
  OptionValue,
  SavedBuffer,
  SavedParamGroup,
  SavedParamState,
} from "./state-dict.js";
