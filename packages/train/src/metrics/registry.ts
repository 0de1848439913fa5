import { ValueError } from "@neurite/tensor";
import {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
} from "./accuracy.js";
import { F1Score, Precision, Recall } from "./classification.js";
import { isMetric, type Metric, type MetricLike } from "./metric.js";
import {
  MeanAbsoluteErrorMetric,
  MeanSquaredErrorMetric,
  R2Score,
  RootMeanSquaredError,
} from "./regression.js";

/** What the loss tells about the outputs, used to pick the right `"accuracy"`. */
export interface LossHint {
  /** The loss's name (`"categoricalCrossEntropy"`, `"mse"`, `"custom"`, ...). */
  name: string;
  /** Whether the loss takes logits. */
  fromLogits?: boolean;
}

type Factory = (name: string, hint: LossHint | undefined) => Metric;

function accuracyFor(name: string, hint: LossHint | undefined): Metric {
  const threshold = hint?.fromLogits ? 0 : 0.5;
  switch (hint?.name) {
    case "binaryCrossEntropy":
      return new Accuracy({ kind: "binary", threshold, name });
    case "sparseCategoricalCrossEntropy":
      return new Accuracy({ kind: "sparse", name });
    case "categoricalCrossEntropy":
      return new Accuracy({ kind: "categorical", name });
    default:
      return new Accuracy({ kind: "auto", threshold, name });
  }
}

const threshold = (hint: LossHint | undefined) => (hint?.fromLogits ? 0 : 0.5);

const FACTORIES: Record<string, Factory> = {
  accuracy: accuracyFor,
  acc: accuracyFor,
  binaryaccuracy: (name, hint) => new BinaryAccuracy({ name, threshold: threshold(hint) }),
  categoricalaccuracy: (name) => new CategoricalAccuracy({ name }),
  sparsecategoricalaccuracy: (name) => new SparseCategoricalAccuracy({ name }),
  mse: (name) => new MeanSquaredErrorMetric({ name }),
  meansquarederror: (name) => new MeanSquaredErrorMetric({ name }),
  rmse: (name) => new RootMeanSquaredError({ name }),
  rootmeansquarederror: (name) => new RootMeanSquaredError({ name }),
  mae: (name) => new MeanAbsoluteErrorMetric({ name }),
  meanabsoluteerror: (name) => new MeanAbsoluteErrorMetric({ name }),
  r2: (name) => new R2Score({ name }),
  r2score: (name) => new R2Score({ name }),
  precision: (name, hint) => new Precision({ name, threshold: threshold(hint) }),
  recall: (name, hint) => new Recall({ name, threshold: threshold(hint) }),
  f1: (name, hint) => new F1Score({ name, threshold: threshold(hint) }),
  f1score: (name, hint) => new F1Score({ name, threshold: threshold(hint) }),
  f1macro: (name, hint) => new F1Score({ name, average: "macro", threshold: threshold(hint) }),
  f1micro: (name, hint) => new F1Score({ name, average: "micro", threshold: threshold(hint) }),
};

/** The metric names {@link getMetric} knows (besides spelling variants such as `mean_squared_error`). */
export const METRIC_NAMES: readonly string[] = [
  "accuracy",
  "binary_accuracy",
  "categorical_accuracy",
  "sparse_categorical_accuracy",
  "mse",
  "rmse",
  "mae",
  "r2",
  "precision",
  "recall",
  "f1",
  "f1_macro",
  "f1_micro",
];

/**
 * A fresh metric by name, or the metric itself when given one. Names are
 * matched without case, `_`, `-` or spaces (`"mean_squared_error"`,
 * `"meanSquaredError"` and `"mse"` are the same); the log key is the name as
 * written. `"accuracy"` picks binary, categorical or sparse accuracy from the
 * loss when one is given (see {@link Accuracy}).
 * @throws ValueError for an unknown name or a value that is neither a name nor a Metric
 */
export function getMetric(metric: MetricLike, loss?: LossHint): Metric {
  if (isMetric(metric)) return metric;
  if (typeof metric !== "string")
    throw new ValueError(
      "getMetric",
      "metric",
      `expected a metric name or a Metric object, got ${metric === null ? "null" : typeof metric}`,
    );
  const factory = FACTORIES[metric.toLowerCase().replace(/[_\-\s]/g, "")];
  if (factory === undefined)
    throw new ValueError(
      "getMetric",
      "metric",
      `unknown metric '${metric}'. Known: ${METRIC_NAMES.join(", ")} (or pass a Metric, e.g. defineMetric(name, fn))`,
    );
  return factory(metric, loss);
}

/**
 * Resolves a list of metrics for a loop: each name becomes a fresh Metric.
 * @throws ValueError for duplicate names, names that clash with `loss`, or unknown metrics
 */
export function resolveMetrics(
  op: string,
  list: readonly MetricLike[] | undefined,
  loss: LossHint | undefined,
): Metric[] {
  if (list === undefined) return [];
  if (!Array.isArray(list))
    throw new ValueError(op, "metrics", "expected an array of metric names or Metric objects");
  const out: Metric[] = [];
  const seen = new Set<string>();
  for (const m of list) {
    let metric: Metric;
    try {
      metric = getMetric(m, loss);
    } catch (e) {
      if (e instanceof ValueError) throw new ValueError(op, "metrics", e.message);
      throw e;
    }
    if (metric.name === "loss" || metric.name.startsWith("val_"))
      throw new ValueError(
        op,
        "metrics",
        `a metric may not be named '${metric.name}' (reserved for the loss and validation keys)`,
      );
    if (seen.has(metric.name))
      throw new ValueError(
        op,
        "metrics",
        `two metrics are named '${metric.name}'; give one a different name`,
      );
    seen.add(metric.name);
    out.push(metric);
  }
  return out;
}
