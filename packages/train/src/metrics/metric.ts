import { DTypeError, type Tensor, ValueError } from "@neurite/tensor";

/**
 * A metric that accumulates over the batches of an epoch and reports one
 * number. `fit` calls {@link Metric.reset} at the start of each epoch (and
 * before validation), {@link Metric.update} after each batch's forward pass
 * with the model's outputs, and {@link Metric.result} at the end, so a metric
 * computed over the whole epoch (R², F1) is exact rather than a mean of
 * per-batch values.
 *
 * Arguments are prediction first and target second, as Neurite's losses take
 * them (PyTorch's order).
 */
export interface Metric {
  /** The key under which the value appears in logs and history (`accuracy`, `val_accuracy`). */
  readonly name: string;
  /** Forgets everything accumulated so far. */
  reset(): void;
  /**
   * Adds one batch. The tensors are only read and may be reused by the loop
   * afterwards: copy anything that must be kept.
   * @param yPred - the model's output for the batch
   * @param yTrue - the batch's targets
   */
  update(yPred: Tensor, yTrue: Tensor): void;
  /** The value over everything seen since the last reset (NaN before any update). */
  result(): number;
}

/** Anything accepted where a metric is expected: a name (`"accuracy"`, `"mse"`, ...) or a {@link Metric}. */
export type MetricLike = string | Metric;

/** True for objects that implement {@link Metric}. */
export function isMetric(x: unknown): x is Metric {
  if (typeof x !== "object" || x === null) return false;
  const m = x as Record<string, unknown>;
  return (
    typeof m.name === "string" &&
    typeof m.reset === "function" &&
    typeof m.update === "function" &&
    typeof m.result === "function"
  );
}

/**
 * A metric that is the mean of a per-sample value, weighted by the number of
 * samples in each batch (Keras's `MeanMetricWrapper`). The function returns
 * the batch's mean; batches count in proportion to their size.
 */
class FunctionMetric implements Metric {
  private sum = 0;
  private count = 0;
  constructor(
    readonly name: string,
    private readonly fn: (yPred: Tensor, yTrue: Tensor) => number,
  ) {}
  reset(): void {
    this.sum = 0;
    this.count = 0;
  }
  update(yPred: Tensor, yTrue: Tensor): void {
    const v = this.fn(yPred, yTrue);
    if (typeof v !== "number")
      throw new DTypeError(this.name, "result", `the metric function returned ${typeof v}`);
    const n = yPred.rank === 0 ? 1 : yPred.shape[0]!;
    this.sum += v * n;
    this.count += n;
  }
  result(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }
}

/**
 * Turns a function `(yPred, yTrue) → number` (the mean over the batch) into
 * a {@link Metric} reported as the sample-weighted mean over the epoch.
 *
 * @example
 * ```ts
 * const meanOutput = defineMetric("mean_output", (yPred) => yPred.mean().item());
 * fit(model, x, y, { loss: "mse", metrics: [meanOutput] });
 * ```
 */
export function defineMetric(name: string, fn: (yPred: Tensor, yTrue: Tensor) => number): Metric {
  if (typeof name !== "string" || name.length === 0)
    throw new ValueError("defineMetric", "name", "expected a non-empty name");
  if (typeof fn !== "function")
    throw new ValueError("defineMetric", "fn", `expected a function, got ${typeof fn}`);
  return new FunctionMetric(name, fn);
}

/**
 * The value of `metric` on one pair of tensors: reset, update, result. Handy
 * outside a training loop.
 *
 * @example
 * ```ts
 * score(new Accuracy(), yPred, yTrue); // 0.9
 * ```
 */
export function score(metric: Metric, yPred: Tensor, yTrue: Tensor): number {
  metric.reset();
  metric.update(yPred, yTrue);
  return metric.result();
}
