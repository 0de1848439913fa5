/**
 * @packageDocumentation
 * `@neurite/train`: the training loop of Neurite. `fit`/`fitAsync` train a
 * model Keras-style and return a {@link History}; `evaluate` and `predict`
 * run in eval mode without gradients; metrics accumulate over whole epochs;
 * callbacks (EarlyStopping, LearningRateScheduler, TerminateOnNaN, progress)
 * hook into every epoch and batch. This entry works in any runtime; the
 * Node-only parts (terminal progress bar, ModelCheckpoint, CSVLogger) are in
 * `@neurite/train/node`.
 */

export type {
  BatchLogs,
  Callback,
  CallbackResult,
  TrainContext,
} from "./callbacks/callback.js";
export { EarlyStopping, type EarlyStoppingOptions } from "./callbacks/early-stopping.js";
export {
  LearningRateScheduler,
  type LearningRateSchedulerOptions,
  type ScheduleFunction,
} from "./callbacks/learning-rate-scheduler.js";
export type { MonitorMode } from "./callbacks/monitor.js";
export { TerminateOnNaN, type TerminateOnNaNOptions } from "./callbacks/terminate-on-nan.js";
export { type CompiledModel, type CompileOptions, compile } from "./compile.js";
export { NonFiniteLossError, type NonFiniteLossInfo } from "./errors.js";
export { type EvaluateLoaderOptions, type EvaluateOptions, evaluate } from "./evaluate.js";
export { fit } from "./fit.js";
export { fitAsync } from "./fit-async.js";
export { History, type Logs, type TrainParams } from "./history.js";
export type { BatchLike, BatchSource, ValidationData } from "./internal/data.js";
export { OPTIMIZER_NAMES, type OptimizerLike, type OptimizerName } from "./internal/optimizer.js";
export * from "./metrics/index.js";
export type {
  FitAsyncLoaderOptions,
  FitAsyncOptions,
  FitLoaderOptions,
  FitOptions,
  LossLike,
  Verbose,
  YieldOptions,
} from "./options.js";
export { type PredictOptions, predict } from "./predict.js";
export { ProgressLogger, type ProgressLoggerOptions } from "./progress/logger.js";
