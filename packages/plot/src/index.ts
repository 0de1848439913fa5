/**
 * @packageDocumentation
 * `@neurite/plot`: charts of Neurite's own objects — learning curves from a
 * `History`, predictions against real values, activation functions with
 * their derivatives, decision regions of 2-D classifiers, confusion matrices,
 * and plain line and scatter charts. Each returns a self-contained SVG string
 * (title, labelled axes with nice ticks, legend, light and dark styles) and
 * runs the same in Node and browsers. Writing files is in `@neurite/plot/node`.
 */

export { type ActivationChartOptions, activationChart } from "./charts/activation.js";
export {
  type ConfusionMatrixChartOptions,
  confusionMatrixChart,
} from "./charts/confusion-matrix.js";
export {
  type Classifier,
  type DecisionBoundaryChartOptions,
  decisionBoundaryChart,
} from "./charts/decision-boundary.js";
export {
  type HistoryChartOptions,
  type HistoryLike,
  historyChart,
  historyComparisonChart,
} from "./charts/history.js";
export { lineChart, type Series, scatterChart, type XYChartOptions } from "./charts/line.js";
export type { ChartOptions } from "./charts/options.js";
export {
  type PredictionChartOptions,
  type PredictionData,
  predictionChart,
} from "./charts/prediction.js";
export type { NumbersLike } from "./data/numbers.js";
export { COLORS, PALETTE } from "./svg/theme.js";
export type { Dash, PointShape } from "./svg/types.js";
