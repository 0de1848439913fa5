import { getLoss, type Loss, Module } from "@neurite/layers";
import { checkOptions, optionNames, Tensor, ValueError } from "@neurite/tensor";
import type { Logs } from "./history.js";
import { type ArgNames, checkSparseLabels, dryRun, fail } from "./internal/checks.js";
import {
  type BatchLike,
  type BatchSource,
  checkBatchSize,
  checkPair,
  isBatchSource,
  rowsView,
  sequentialBatches,
} from "./internal/data.js";
import { evaluateBatches } from "./internal/eval-loop.js";
import { checkFiniteData, checkFiniteOption, finiteBatches } from "./internal/finite.js";
import type { MetricLike } from "./metrics/metric.js";
import { resolveMetrics } from "./metrics/registry.js";
import { lastDimOf } from "./metrics/targets.js";
import type { LossLike } from "./options.js";

/** Options of {@link evaluate} with a DataLoader. */
export interface EvaluateLoaderOptions {
  /** The loss to report (optional: without it only metrics are computed). */
  loss?: LossLike;
  /** Metrics to report, e.g. `["accuracy"]`. */
  metrics?: readonly MetricLike[];
  /**
   * Check the data for NaN and infinite values first (default true): the
   * error names the tensor, the row and the column, where a NaN would
   * otherwise quietly turn the loss or a metric into NaN.
   */
  checkFinite?: boolean;
}

/** Options of {@link evaluate} with tensors. */
export interface EvaluateOptions extends EvaluateLoaderOptions {
  /** Samples per forward pass (default 32). The result does not depend on it beyond rounding. */
  batchSize?: number;
}

const EVALUATE_LOADER_OPTIONS = optionNames<EvaluateLoaderOptions>({
  loss: true,
  metrics: true,
  checkFinite: true,
});
const EVALUATE_OPTIONS = optionNames<EvaluateOptions>({
  loss: true,
  metrics: true,
  batchSize: true,
  checkFinite: true,
});

/**
 * The loss and metrics of `model` on `x` and `y`, as
 * `{ loss, accuracy, ... }`, computed in eval mode without gradients, in
 * batches, over every sample (the loss is the mean over samples). The model's
 * modes are restored afterwards; BatchNorm statistics do not change.
 *
 * @example
 * ```ts
 * evaluate(model, xTest, yTest, { loss: "categoricalCrossEntropy", metrics: ["accuracy"] });
 * // { loss: 0.094, accuracy: 0.978 }
 * ```
 * @throws ShapeError / ValueError for unfit data, loss or metrics (checked on the first batch)
 */
export function evaluate(model: Module, x: Tensor, y: Tensor, options?: EvaluateOptions): Logs;
/** {@link evaluate} over the batches of a DataLoader (one pass). */
export function evaluate(model: Module, loader: BatchSource, options?: EvaluateLoaderOptions): Logs;
export function evaluate(model: Module, ...args: unknown[]): Logs {
  const op = "evaluate";
  if (!(model instanceof Module))
    throw new ValueError(
      op,
      "model",
      `expected a Module, got ${model === null ? "null" : typeof model}`,
    );
  const [a, b, c] = args;
  let batches: Iterable<BatchLike>;
  let first: BatchLike | undefined;
  let options: EvaluateOptions;
  let argNames: ArgNames;
  let wholeY: Tensor | undefined;
  if (a instanceof Tensor) {
    checkPair(op, a, b);
    options = (c ?? {}) as EvaluateOptions;
    checkOptions(op, options, EVALUATE_OPTIONS);
    const bs = checkBatchSize(op, options.batchSize ?? 32);
    const y = b as Tensor;
    if (checkFiniteOption(op, options.checkFinite)) {
      checkFiniteData(op, "x", a);
      checkFiniteData(op, "y", y);
    }
    batches = sequentialBatches(a, y, bs);
    const m = Math.min(bs, a.shape[0]!);
    first = { x: rowsView(a, 0, m), y: rowsView(y, 0, m) };
    argNames = { x: "x", y: "y" };
    wholeY = y;
  } else if (isBatchSource(a)) {
    options = (b ?? {}) as EvaluateOptions;
    checkOptions(op, options, EVALUATE_LOADER_OPTIONS);
    if (a.length === 0) throw new ValueError(op, "loader", "the loader has no samples");
    batches = checkFiniteOption(op, options.checkFinite) ? finiteBatches(op, "loader", a) : a;
    argNames = { x: "loader", y: "loader" };
    const l = a as BatchSource & { epoch?: (e: number) => Iterable<BatchLike>; nextEpoch?: number };
    if (typeof l.epoch === "function")
      for (const batch of l.epoch(l.nextEpoch ?? 0)) {
        first = batch;
        break;
      }
  } else
    throw new ValueError(
      op,
      "x",
      `expected evaluate(model, x, y, options) with tensors or evaluate(model, loader, options), got ${a === null ? "null" : typeof a}`,
    );
  let loss: Loss | undefined;
  if (options.loss !== undefined) {
    try {
      loss = getLoss(options.loss);
    } catch (e) {
      throw fail("value", op, "loss", e instanceof Error ? e.message : String(e), e);
    }
    if (loss.reduction === "none")
      throw new ValueError(op, "loss", 'the loss must reduce to one number per batch, not "none"');
  }
  const metrics = resolveMetrics(
    op,
    options.metrics,
    loss && {
      name: loss.name,
      fromLogits: (loss as { fromLogits?: boolean }).fromLogits,
    },
  );
  if (loss === undefined && metrics.length === 0)
    throw new ValueError(op, "options", "nothing to compute: give a loss, metrics, or both");
  if (first) {
    const out = dryRun(op, model, loss, metrics, first, argNames);
    if (wholeY && loss?.name === "sparseCategoricalCrossEntropy")
      checkSparseLabels(op, wholeY, lastDimOf(out), "y");
  }
  return evaluateBatches(model, batches, loss, metrics);
}
