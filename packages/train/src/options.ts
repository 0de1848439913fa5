import type { Loss, LossFunction, LossName } from "@neurite/layers";
import type { Callback } from "./callbacks/callback.js";
import type { ValidationData } from "./internal/data.js";
import type { OptimizerLike } from "./internal/optimizer.js";
import type { MetricLike } from "./metrics/metric.js";

/** A loss for the loop: a `Loss` object, a name (`"mse"`, `"categorical_crossentropy"`, ...) or a function `(yPred, yTrue) → Variable`. */
export type LossLike = Loss | LossName | (string & {}) | LossFunction;

/**
 * How much `fit` prints: 0 nothing; 1 (default) a live progress bar when
 * `@neurite/train/node`'s `fit` runs in a terminal, otherwise one line per
 * epoch; 2 one line per epoch.
 */
export type Verbose = 0 | 1 | 2;

/** Options of `fit(model, loader, options)`: everything that does not describe the data's batching. */
export interface FitLoaderOptions {
  /** The loss to minimize (required). */
  loss: LossLike;
  /** The optimizer (default `"adam"` with Keras's defaults). */
  optimizer?: OptimizerLike;
  /** Metrics to report per epoch, e.g. `["accuracy"]` or `["mse", "r2"]`. */
  metrics?: readonly MetricLike[];
  /** Train until this epoch index (default 1). */
  epochs?: number;
  /** Start at this epoch index, to resume a run (default 0). */
  initialEpoch?: number;
  /** Data to evaluate after every epoch, in eval mode: `[x, y]`, `{ x, y }` or a DataLoader. */
  validationData?: ValidationData;
  /** Batch size of the validation pass (default: `batchSize`, or 32 with a loader). */
  validationBatchSize?: number;
  /** Callbacks, called in order (see `Callback`). */
  callbacks?: readonly Callback[];
  /** Progress output (see {@link Verbose}). */
  verbose?: Verbose;
  /** Where progress lines go (default `console.log`). */
  log?: (line: string) => void;
  /**
   * Stop with a `NonFiniteLossError` naming the epoch and iteration when the
   * loss becomes NaN or infinite, with the last good weights restored
   * (default true; see `TerminateOnNaN`).
   */
  terminateOnNaN?: boolean;
  /**
   * Check the data for NaN and infinite values before training (default
   * true): `x`, `y` and validation tensors once, before the first step; a
   * loader's batches as they come. The error names the tensor, the row and
   * the column. One pass over the data; turn it off for data known clean.
   */
  checkFinite?: boolean;
}

/** Options of `fit(model, x, y, options)`. */
export interface FitOptions extends FitLoaderOptions {
  /** Samples per mini-batch (default 32, as Keras). */
  batchSize?: number;
  /** Visit the training samples in a new order every epoch (default true). */
  shuffle?: boolean;
  /** Seed of the per-epoch shuffles (default 0): the same seed gives the same run. */
  seed?: number;
  /**
   * Fraction of the samples held out for validation, taken from the **end**
   * of `x` and `y` before any shuffling (as Keras does). Default 0.
   */
  validationSplit?: number;
}

/** When `fitAsync` lets the event loop run. */
export interface YieldOptions {
  /**
   * `"batch"`: after every batch; `"epoch"`: after every epoch; a number:
   * after the first batch that ends at least that many milliseconds after the
   * last yield (default 16, one frame: a page stays responsive at a small cost).
   */
  yieldEvery?: "batch" | "epoch" | number;
}

/** Options of `fitAsync(model, x, y, options)`. */
export interface FitAsyncOptions extends FitOptions, YieldOptions {}

/** Options of `fitAsync(model, loader, options)`. */
export interface FitAsyncLoaderOptions extends FitLoaderOptions, YieldOptions {}
