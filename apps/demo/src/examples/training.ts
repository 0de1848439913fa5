/**
 * The training recipe the examples share: one `fit` with Adam, shuffled
 * mini-batches and the held-out split as validation data, then the final
 * evaluation of both splits.
 */
import type { Module } from "@neurite/layers";
import { Adam } from "@neurite/optim";
import type { Tensor } from "@neurite/tensor";
import { evaluate, type FitOptions, fit, type History, type Logs } from "@neurite/train/node";
import { progressOptions } from "./book.js";
import { type ResolvedOptions, since } from "./common.js";

/** The two splits a model trains and is tested on. */
export interface TrainTestData {
  /** Training features. */
  xTrain: Tensor;
  /** Training targets. */
  yTrain: Tensor;
  /** Held-out features (the validation data while training). */
  xTest: Tensor;
  /** Held-out targets. */
  yTest: Tensor;
}

/** What {@link trainAndEvaluate} returns. */
export interface TrainedModel {
  /** `fit`'s history (per-epoch logs, iterations per epoch). */
  history: History;
  /** Wall-clock time of `fit` alone, in milliseconds. */
  timeMs: number;
  /** Final loss and metrics on the training split, in eval mode. */
  train: Logs;
  /** Final loss and metrics on the held-out split, in eval mode. */
  test: Logs;
}

/**
 * Trains `model` with Adam (Keras's defaults) for `o.epochs` epochs of
 * shuffled mini-batches of `o.batchSize` (seeded by `o.seed`), validating on
 * the held-out split after each epoch, then evaluates both splits with the
 * same loss and metrics.
 */
export function trainAndEvaluate(
  model: Module,
  data: TrainTestData,
  o: ResolvedOptions,
  loss: FitOptions["loss"],
  metrics: FitOptions["metrics"],
): TrainedModel {
  const t0 = performance.now();
  const history = fit(model, data.xTrain, data.yTrain, {
    loss,
    optimizer: new Adam(model.parameters()),
    metrics,
    epochs: o.epochs,
    batchSize: o.batchSize,
    shuffle: true,
    seed: o.seed,
    validationData: [data.xTest, data.yTest],
    ...progressOptions(o),
  });
  const timeMs = since(t0);
  const evalOptions = { loss, metrics };
  const train = evaluate(model, data.xTrain, data.yTrain, evalOptions);
  const test = evaluate(model, data.xTest, data.yTest, evalOptions);
  o.onTrained?.(model);
  return { history, timeMs, train, test };
}
