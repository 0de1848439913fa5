export {
  Accuracy,
  type AccuracyKind,
  type AccuracyOptions,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
} from "./accuracy.js";
export {
  type Average,
  type ClassificationMetricOptions,
  F1Score,
  Precision,
  Recall,
} from "./classification.js";
export {
  ConfusionAccumulator,
  type ConfusionMatrixOptions,
  confusionMatrix,
  type FormatConfusionMatrixOptions,
  formatConfusionMatrix,
} from "./confusion.js";
export { defineMetric, isMetric, type Metric, type MetricLike, score } from "./metric.js";
export { getMetric, type LossHint, METRIC_NAMES, resolveMetrics } from "./registry.js";
export {
  MeanAbsoluteErrorMetric,
  MeanSquaredErrorMetric,
  R2Score,
  type RegressionMetricOptions,
  RootMeanSquaredError,
} from "./regression.js";
export type { ClassificationKind } from "./targets.js";
