/**
 * Builders of the demo's vega-lite specs. Each returns a complete spec with
 * its data inline, ready for {@link renderSvg}; nothing here draws SVG itself.
 */
import type { TopLevelSpec } from "vega-lite";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
const WIDTH = 420;
const HEIGHT = 260;

/** Shared look: white background, readable fonts. */
const CONFIG = {
  background: "white",
  font: "Helvetica, Arial, sans-serif",
  title: { fontSize: 15, subtitleFontSize: 12, subtitleColor: "#555", anchor: "start" as const },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: "#e6e6e6" },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: "bottom" as const, labelLimit: 400 },
  view: { stroke: "#ccc" },
};

/** Colors of the series the charts use again and again. */
export const COLORS = {
  train: "#1f77b4",
  test: "#ff7f0e",
  f: "#1f77b4",
  derivative: "#d62728",
  real: "#555555",
  predicted: "#ff7f0e",
} as const;

/** One point of a {@link lineChart}. */
export interface SeriesPoint {
  /** Horizontal position (e.g. the epoch). */
  x: number;
  /** Vertical position (e.g. the loss). */
  y: number;
  /** The line it belongs to (the color legend). */
  series: string;
  /** An optional second grouping shown as the dash pattern (e.g. `train` / `test`). */
  dash?: string;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  /** Title above the chart. */
  title: string;
  /** Smaller line under the title. */
  subtitle?: string;
  /** The points, any number of series. */
  points: readonly SeriesPoint[];
  /** Horizontal axis title. */
  xTitle: string;
  /** Vertical axis title. */
  yTitle: string;
  /** Colors by series name, in legend order. */
  colors?: Record<string, string>;
  /** Title of the color legend (default none). */
  seriesTitle?: string;
  /** Title of the dash legend (default none). */
  dashTitle?: string;
  /** The dash values in legend order: the first is drawn solid, the next dashed, then dotted. */
  dashOrder?: string[];
  /** Log-scale the vertical axis (for losses over orders of magnitude). */
  logY?: boolean;
  /** Fixed vertical domain, e.g. `[0, 1]` for accuracy. */
  yDomain?: [number, number];
  /** Vertical axis ticks at whole numbers only (counts). */
  yInteger?: boolean;
  /** Draw a point on each value as well as the line (default true for ≤ 60 points a series). */
  showPoints?: boolean;
  /** Chart width in pixels. */
  width?: number;
  /** Chart height in pixels. */
  height?: number;
}

const DASHES = [
  [1, 0],
  [6, 4],
  [2, 3],
];

function scaleOf(colors: Record<string, string> | undefined) {
  return colors ? { domain: Object.keys(colors), range: Object.values(colors) } : undefined;
}

/** The encoding/mark part of a line chart, without the top-level fields (usable inside concat). */
function lineLayer(o: LineChartOptions) {
  const perSeries = new Map<string, number>();
  for (const p of o.points) perSeries.set(p.series, (perSeries.get(p.series) ?? 0) + 1);
  const showPoints = o.showPoints ?? Math.max(0, ...perSeries.values()) <= 60;
  const hasDash = o.points.some((p) => p.dash !== undefined);
  return {
    title: o.subtitle ? { text: o.title, subtitle: o.subtitle } : o.title,
    width: o.width ?? WIDTH,
    height: o.height ?? HEIGHT,
    data: { values: o.points.map((p) => ({ ...p })) },
    mark: { type: "line" as const, point: showPoints ? { size: 18 } : false, strokeWidth: 2 },
    encoding: {
      x: { field: "x", type: "quantitative" as const, title: o.xTitle, axis: { tickMinStep: 1 } },
      y: {
        field: "y",
        type: "quantitative" as const,
        title: o.yTitle,
        ...(o.yInteger ? { axis: { tickMinStep: 1, format: "d" } } : {}),
        scale: {
          ...(o.logY ? { type: "log" as const } : { zero: false }),
          ...(o.yDomain ? { domain: o.yDomain } : {}),
        },
      },
      color: {
        field: "series",
        type: "nominal" as const,
        title: o.seriesTitle ?? null,
        ...(o.colors ? { scale: scaleOf(o.colors), sort: Object.keys(o.colors) } : {}),
      },
      ...(hasDash
        ? {
            strokeDash: {
              field: "dash",
              type: "nominal" as const,
              title: o.dashTitle ?? null,
              legend: {
                symbolType: "stroke",
                symbolStrokeWidth: 2,
                symbolSize: 300,
                encode: { symbols: { update: { stroke: { value: "#333" } } } },
              },
              ...(o.dashOrder
                ? {
                    sort: o.dashOrder,
                    scale: { domain: o.dashOrder, range: DASHES.slice(0, o.dashOrder.length) },
                  }
                : {}),
            },
          }
        : {}),
    },
  };
}

/** A line chart of one or more series (training curves, comparisons). */
export function lineChart(o: LineChartOptions): TopLevelSpec {
  return { $schema: SCHEMA, config: CONFIG, ...lineLayer(o) } as TopLevelSpec;
}

/**
 * Points of a Keras-style history for {@link lineChart}: one series per key
 * that exists, epochs counted from 1.
 *
 * @param history - `{ loss: [...], val_loss: [...] }`
 * @param keys - which keys to draw and their legend labels, e.g. `{ loss: "train", val_loss: "test" }`
 * @param dash - optional dash label shared by these series
 */
export function historyPoints(
  history: Readonly<Record<string, readonly number[]>>,
  keys: Record<string, string>,
  dash?: string,
): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (const [key, label] of Object.entries(keys))
    for (const [i, y] of (history[key] ?? []).entries())
      points.push({ x: i + 1, y, series: label, ...(dash === undefined ? {} : { dash }) });
  return points;
}

/**
 * Charts side by side with a shared vertical scale, so their curves can be
 * compared by eye (e.g. without and with dropout).
 */
export function sideBySide(
  title: string,
  subtitle: string,
  charts: readonly LineChartOptions[],
): TopLevelSpec {
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: title, subtitle },
    hconcat: charts.map((c) => lineLayer(c)),
    resolve: { scale: { y: "shared", color: "shared" } },
  } as TopLevelSpec;
}

/**
 * Real values and predictions of a regression's test set, both sorted by the
 * real value: the book's chart of the Boston predictions.
 */
export function predictionsChart(
  title: string,
  subtitle: string,
  real: readonly number[],
  predicted: readonly number[],
  yTitle: string,
): TopLevelSpec {
  const order = real.map((_, i) => i).sort((a, b) => real[a]! - real[b]! || a - b);
  const values = order.flatMap((i, rank) => [
    { rank: rank + 1, value: real[i]!, series: "real value" },
    { rank: rank + 1, value: predicted[i]!, series: "prediction" },
  ]);
  const color = {
    field: "series",
    type: "nominal" as const,
    title: null,
    scale: { domain: ["real value", "prediction"], range: [COLORS.real, COLORS.predicted] },
  };
  const x = {
    field: "rank",
    type: "quantitative" as const,
    title: "test samples, sorted by real value",
  };
  const y = { field: "value", type: "quantitative" as const, title: yTitle };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: title, subtitle },
    width: 560,
    height: 300,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.series === 'real value'" }],
        mark: { type: "line", strokeWidth: 2 },
        encoding: { x, y, color },
      },
      {
        transform: [{ filter: "datum.series === 'prediction'" }],
        mark: { type: "point", filled: true, size: 22, opacity: 0.8 },
        encoding: { x, y, color },
      },
    ],
  } as TopLevelSpec;
}

/** One panel of {@link functionGrid}: a function and its derivative, sampled. */
export interface FunctionPanel {
  /** Panel title, e.g. `"sigmoid"`. */
  name: string;
  /** Samples of the function: `segment` splits a curve at its jumps (step, sign). */
  points: readonly { x: number; y: number; curve: string; segment: number }[];
}

/**
 * Small multiples: one panel per function, the function and its derivative
 * drawn in two colors, each panel with its own vertical scale.
 */
export function functionGrid(
  title: string,
  subtitle: string,
  panels: readonly FunctionPanel[],
  columns = 4,
): TopLevelSpec {
  const values = panels.flatMap((p, order) =>
    p.points.map((pt) => ({ ...pt, fn: p.name, order, line: `${pt.curve}#${pt.segment}` })),
  );
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: title, subtitle },
    data: { values },
    columns,
    facet: {
      field: "fn",
      type: "nominal",
      title: null,
      sort: { field: "order", op: "min" },
      header: { labelFontSize: 13, labelFontWeight: "bold" },
    },
    spec: {
      width: 170,
      height: 130,
      mark: { type: "line", strokeWidth: 2, clip: true },
      encoding: {
        x: { field: "x", type: "quantitative", title: "x", axis: { tickCount: 5 } },
        y: {
          field: "y",
          type: "quantitative",
          title: null,
          axis: { tickCount: 5, minExtent: 34, maxExtent: 34 },
          scale: { padding: 6 },
        },
        color: {
          field: "curve",
          type: "nominal",
          title: null,
          scale: { domain: ["f(x)", "f′(x)"], range: [COLORS.f, COLORS.derivative] },
        },
        detail: { field: "line", type: "nominal" },
        strokeDash: {
          field: "curve",
          type: "nominal",
          legend: null,
          scale: {
            domain: ["f(x)", "f′(x)"],
            range: [
              [1, 0],
              [5, 3],
            ],
          },
        },
      },
    },
    resolve: { scale: { y: "independent" }, axis: { x: "independent" } },
  } as TopLevelSpec;
}

/** One panel of {@link perceptronChart}: a truth table and the line a perceptron learned. */
export interface PerceptronPanel {
  /** e.g. `"AND: converged in epoch 6"`. */
  title: string;
  /** The four corners and their targets. */
  samples: readonly { x1: number; x2: number; target: number }[];
  /** The learned weights `[w1, w2]` and bias: the boundary is `w1·x1 + w2·x2 + b = 0`. */
  weights: readonly [number, number];
  /** The learned bias. */
  bias: number;
}

/**
 * The perceptron's decision lines next to each truth table: targets as
 * colored points, the line `w·x + b = 0` where the output switches.
 */
export function perceptronChart(
  title: string,
  subtitle: string,
  panels: readonly PerceptronPanel[],
): TopLevelSpec {
  const lo = -0.5;
  const hi = 1.5;
  const scale = { domain: [lo, hi], nice: false };
  const panel = (p: PerceptronPanel) => {
    const [w1, w2] = p.weights;
    let line: { x1: number; x2: number }[] = [];
    if (w2 !== 0) line = [lo, hi].map((x1) => ({ x1, x2: -(w1 * x1 + p.bias) / w2 }));
    else if (w1 !== 0) line = [lo, hi].map((x2) => ({ x1: -p.bias / w1, x2 }));
    return {
      title: p.title,
      width: 200,
      height: 200,
      layer: [
        {
          data: { values: line },
          mark: { type: "line", color: "#333", strokeDash: [6, 4], clip: true },
          encoding: {
            x: { field: "x1", type: "quantitative", scale, title: "x₁" },
            y: { field: "x2", type: "quantitative", scale, title: "x₂" },
          },
        },
        {
          data: { values: p.samples.map((s) => ({ ...s, label: `target ${s.target}` })) },
          mark: { type: "point", filled: true, size: 260 },
          encoding: {
            x: { field: "x1", type: "quantitative", scale, title: "x₁" },
            y: { field: "x2", type: "quantitative", scale, title: "x₂" },
            color: {
              field: "label",
              type: "nominal",
              title: null,
              scale: { domain: ["target 0", "target 1"], range: ["#d62728", "#2ca02c"] },
            },
            shape: {
              field: "label",
              type: "nominal",
              title: null,
              scale: { domain: ["target 0", "target 1"], range: ["square", "circle"] },
            },
          },
        },
      ],
    };
  };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: title, subtitle },
    hconcat: panels.map(panel),
  } as TopLevelSpec;
}
