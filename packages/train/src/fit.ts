import type { Module } from "@neurite/layers";
import type { Tensor } from "@neurite/tensor";
import { NonFiniteLossError } from "./errors.js";
import type { History, Logs } from "./history.js";
import type { BatchSource } from "./internal/data.js";
import { type ProgressFactory, parseFitArgs, Trainer } from "./internal/trainer.js";
import type { FitLoaderOptions, FitOptions } from "./options.js";
import { ProgressLogger } from "./progress/logger.js";

/** The main entry's progress: one line per epoch for verbose 1 and 2. @internal */
export const lineProgress: ProgressFactory = (verbose, log) =>
  verbose === 0 ? undefined : new ProgressLogger({ write: log });

/** The synchronous loop shared by the entries' `fit`. @internal */
export function runFit(
  op: string,
  model: unknown,
  args: readonly unknown[],
  progress: ProgressFactory,
): History {
  const t = new Trainer(op, parseFitArgs(op, model, args), progress);
  const { callbacks: cbs, context: ctx, history } = t;
  const batchBegin = cbs.has("onBatchBegin");
  const batchEnd = cbs.has("onBatchEnd");
  let logs: Logs = {};
  t.enterTraining();
  try {
    cbs.callSync(op, "onTrainBegin", ctx);
    for (let e = t.params.initialEpoch; e < t.params.epochs && !ctx.stopTraining; e++) {
      t.beginEpoch(e);
      cbs.callSync(op, "onEpochBegin", ctx, e);
      let i = 0;
      for (const b of t.batches(e)) {
        ctx.iteration = i;
        ctx.batch = b;
        if (batchBegin) cbs.callSync(op, "onBatchBegin", ctx, i);
        if (!t.step(b)) break;
        if (batchEnd) cbs.callSync(op, "onBatchEnd", ctx, i, t.batchLogs(b));
        i++;
        if (ctx.stopTraining) break;
      }
      ctx.batch = undefined;
      logs = t.endEpoch();
      cbs.callSync(op, "onEpochEnd", ctx, e, logs);
      history.record(e, logs);
      if (ctx.stopTraining && e + 1 < t.params.epochs) history.stoppedEarly = true;
    }
    cbs.callSync(op, "onTrainEnd", ctx, logs);
  } catch (err) {
    if (err instanceof NonFiniteLossError) err.history = history;
    cbs.abortSync(err, ctx);
    throw err;
  } finally {
    ctx.batch = undefined;
    t.restoreModes();
  }
  return history;
}

/**
 * Trains `model` on `x` and `y`, Keras-style, and returns the {@link History}
 * of the loss and every metric per epoch (`loss`, `accuracy`, `val_loss`,
 * `val_accuracy`, ...).
 *
 * Each epoch visits the training samples in mini-batches of `batchSize`
 * (default 32), in a new order from `seed` when `shuffle` is on (default):
 * one weight update per batch, `history.iterationsPerEpoch` of them per epoch.
 * The epoch's loss and metrics are means over its batches weighted by batch
 * size (as Keras reports them); validation runs after each epoch on the whole
 * validation set.
 *
 * Modes are handled for you: the model trains in training mode and is
 * validated in eval mode without recording gradients (BatchNorm and Dropout
 * behave correctly), and every module gets back the mode it had.
 *
 * Before the first step, a forward pass on the first batch (eval mode, no
 * gradients, nothing changed) checks the shapes, the loss against the
 * targets and every metric, so mistakes fail at once with an error naming
 * `fit`, the argument and the shapes. A loss that turns NaN or infinite stops
 * training with a `NonFiniteLossError` naming the epoch and iteration, the
 * last good weights restored (`terminateOnNaN`, default true).
 *
 * The loop runs synchronously: callbacks must not return Promises (use
 * {@link fitAsync}). In Node, import `fit` from `@neurite/train/node` for a
 * live progress bar in terminals.
 *
 * @param model - the model (a `Module`, e.g. a `Sequential`)
 * @param x - features, samples along the first axis
 * @param y - targets, one per sample
 * @param options - `loss` (required), `optimizer` (default `"adam"`),
 *   `metrics`, `epochs` (1), `batchSize` (32), `shuffle` (true), `seed` (0),
 *   `validationSplit` or `validationData`, `callbacks`, `verbose` (1)
 * @throws ShapeError / ValueError for unfit data or options, before training
 * @throws NonFiniteLossError when the loss becomes NaN or infinite
 *
 * @example
 * ```ts
 * const history = fit(model, xTrain, oneHot(yTrain, 3), {
 *   loss: "categoricalCrossEntropy", optimizer: "adam", metrics: ["accuracy"],
 *   epochs: 30, batchSize: 5, validationData: [xTest, oneHot(yTest, 3)],
 * });
 * history.iterationsPerEpoch; // 27 for 133 samples in batches of 5
 * ```
 */
export function fit(model: Module, x: Tensor, y: Tensor, options: FitOptions): History;
/**
 * Trains `model` on the batches of a `DataLoader` (which decides batch size,
 * shuffling and seed); see the tensor overload for everything else. Each
 * epoch is one `for...of` over the loader.
 */
export function fit(model: Module, loader: BatchSource, options: FitLoaderOptions): History;
export function fit(model: Module, ...args: unknown[]): History {
  return runFit("fit", model, args, lineProgress);
}
