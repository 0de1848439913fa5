/**
 * @packageDocumentation
 * `@neurite/train/node`: everything of `@neurite/train`, plus what needs
 * Node.js: `fit`/`fitAsync` with a live terminal progress bar
 * (`cli-progress`), `ModelCheckpoint` (atomic writes with `node:fs`) and
 * `CSVLogger`. The main entry `@neurite/train` stays browser-safe.
 */

export {
  CSVLogger,
  type CSVLoggerOptions,
} from "./callbacks/csv-logger.js";
export {
  fillPath,
  ModelCheckpoint,
  type ModelCheckpointOptions,
  type OptimizerCheckpoint,
} from "./callbacks/model-checkpoint.js";
export * from "./index.js";
export { compile, fit, fitAsync } from "./node/fit.js";
export { type BarStream, ProgressBar, type ProgressBarOptions } from "./progress/bar.js";
