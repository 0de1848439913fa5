import { ValueError } from "@neurite/tensor";
import { checkSameLength, type NumbersLike, toNumbers } from "../data/numbers.js";
import { renderFigure } from "../svg/figure.js";
import { COLORS } from "../svg/theme.js";
import { niceDomain } from "../svg/ticks.js";
import { type ChartOptions, checkOptions, SIZE } from "./options.js";

/** What {@link predictionChart} draws. */
export interface PredictionData {
  /** The real values (targets), one per sample. */
  actual: NumbersLike;
  /** The model's predictions, one per sample (`[n]` or `[n, 1]`). */
  predicted: NumbersLike;
  /** Line variant: order the samples by their real value (default true, the book's Boston chart). */
  sort?: boolean;
}

/** Options of {@link predictionChart}. */
export interface PredictionChartOptions extends ChartOptions {
  /**
   * `"line"` (default): real values as a line and predictions as points, one
   * position per sample. `"scatter"`: predicted against real value, with the
   * line y = x on which perfect predictions lie.
   */
  variant?: "line" | "scatter";
  /** What the values are, e.g. `"price ($1000s)"` (default `"value"`). */
  valueLabel?: string;
}

const KNOWN = ["variant", "valueLabel"];

/**
 * Predictions of a regression against the real values. By default the
 * samples are sorted by their real value, so the real values rise as a line
 * and the predictions scatter around it (the book's chart of the Boston test
 * set); `variant: "scatter"` plots predicted against real, with the identity
 * line.
 *
 * @example
 * ```ts
 * const svg = predictionChart({ actual: yTest, predicted: predict(model, xTest) }, { valueLabel: "price ($1000s)" });
 * ```
 * @throws ValueError for empty or non-finite values, lengths that differ, an unknown variant
 */
export function predictionChart(data: PredictionData, options?: PredictionChartOptions): string {
  const op = "predictionChart";
  const o = checkOptions(op, options, KNOWN);
  if (typeof data !== "object" || data === null)
    throw new ValueError(op, "data", "expected { actual, predicted, sort? }");
  const actual = toNumbers(op, "actual", data.actual);
  const predicted = toNumbers(op, "predicted", data.predicted);
  checkSameLength(op, "actual", actual, "predicted", predicted);
  const variant = o.variant ?? "line";
  if (variant !== "line" && variant !== "scatter")
    throw new ValueError(op, "variant", `expected "line" or "scatter", got ${String(variant)}`);
  const valueLabel = o.valueLabel ?? "value";
  const base = {
    title: o.title ?? "Predictions against real values",
    subtitle: o.subtitle,
    panelWidth: o.width ?? SIZE.width,
    panelHeight: o.height ?? SIZE.height,
  };
  if (variant === "scatter") {
    const lo = Math.min(...actual, ...predicted);
    const hi = Math.max(...actual, ...predicted);
    const [a, b] = niceDomain(lo, hi === lo ? lo + 1 : hi, 5);
    const domain = [a, b] as const;
    return renderFigure({
      ...base,
      legend: [
        { label: "predictions", color: COLORS.predicted, mark: "point" },
        {
          label: "perfect prediction (y = x)",
          color: COLORS.reference,
          mark: "line",
          dash: "dashed",
        },
      ],
      panels: [
        {
          x: { label: `real ${valueLabel}`, domain },
          y: { label: `predicted ${valueLabel}`, domain },
          layers: [
            {
              kind: "line",
              name: "identity",
              x: [a, b],
              y: [a, b],
              color: COLORS.reference,
              dash: "dashed",
              width: 1.5,
            },
            {
              kind: "points",
              name: "predictions",
              x: actual,
              y: predicted,
              color: COLORS.predicted,
              radius: 3.5,
              opacity: 0.8,
            },
          ],
        },
      ],
    });
  }
  const sort = data.sort ?? true;
  const order = actual.map((_, i) => i);
  if (sort) order.sort((i, j) => actual[i]! - actual[j]! || i - j);
  const x = order.map((_, rank) => rank + 1);
  return renderFigure({
    ...base,
    legend: [
      { label: "real value", color: COLORS.actual, mark: "line" },
      { label: "prediction", color: COLORS.predicted, mark: "point" },
    ],
    panels: [
      {
        x: { label: sort ? "samples, sorted by real value" : "sample", integer: true },
        y: { label: valueLabel },
        layers: [
          {
            kind: "line",
            name: "real value",
            x,
            y: order.map((i) => actual[i]!),
            color: COLORS.actual,
          },
          {
            kind: "points",
            name: "prediction",
            x,
            y: order.map((i) => predicted[i]!),
            color: COLORS.predicted,
            radius: 3,
            opacity: 0.85,
          },
        ],
      },
    ],
  });
}
