import { ValueError } from "@neurite/tensor";
import { checkSameLength, type NumbersLike, toNumbers } from "../data/numbers.js";
import { renderFigure } from "../svg/figure.js";
import { PALETTE } from "../svg/theme.js";
import type { Dash, Layer, LegendItem, PointShape } from "../svg/types.js";
import { type ChartOptions, checkDomain, checkOptions, SIZE } from "./options.js";

/** One series of {@link lineChart} or {@link scatterChart}. */
export interface Series {
  /** The legend label; a chart of one unnamed series has no legend. */
  name?: string;
  /** Horizontal positions (lineChart default: 0, 1, 2, ...). */
  x?: NumbersLike;
  /** Vertical positions, one per x. */
  y: NumbersLike;
  /** CSS colour (default: the next palette colour). */
  color?: string;
  /** Line pattern (lineChart; default solid). */
  dash?: Dash;
  /** Marker shape (scatterChart; default circle). */
  shape?: PointShape;
}

/** Options of {@link lineChart} and {@link scatterChart}. */
export interface XYChartOptions extends ChartOptions {
  /** Title of the horizontal axis. */
  xLabel?: string;
  /** Title of the vertical axis. */
  yLabel?: string;
  /** Logarithmic vertical axis (every value positive). */
  logY?: boolean;
  /** Fixed horizontal range `[lo, hi]` (default: the data's, widened to nice ticks). */
  xDomain?: readonly [number, number];
  /** Fixed vertical range `[lo, hi]`. */
  yDomain?: readonly [number, number];
  /** lineChart: a marker on every value too (default: when no series has more than 60 values). */
  markers?: boolean;
  /** Whole-number horizontal ticks starting at the first x, without widening (epochs, steps). */
  xInteger?: boolean;
}

const KNOWN = ["xLabel", "yLabel", "logY", "xDomain", "yDomain", "markers", "xInteger"];

interface CleanSeries {
  name: string;
  x: number[];
  y: number[];
  color: string;
  dash: Dash;
  shape: PointShape;
  named: boolean;
}

function seriesOf(op: string, input: Series | readonly Series[], xDefault: boolean): CleanSeries[] {
  const list = Array.isArray(input) ? (input as readonly Series[]) : [input as Series];
  if (list.length === 0)
    throw new ValueError(op, "series", "expected at least one series, got none");
  return list.map((s, i) => {
    const arg = list.length === 1 ? "series" : `series[${i}]`;
    if (typeof s !== "object" || s === null || !("y" in s))
      throw new ValueError(op, arg, "expected an object { name?, x?, y }");
    const y = toNumbers(op, `${arg}.y`, s.y);
    let x: number[];
    if (s.x === undefined) {
      if (!xDefault) throw new ValueError(op, `${arg}.x`, "expected x values, got none");
      x = y.map((_, j) => j);
    } else x = toNumbers(op, `${arg}.x`, s.x);
    checkSameLength(op, `${arg}.x`, x, `${arg}.y`, y);
    return {
      name: s.name ?? `series ${i + 1}`,
      x,
      y,
      color: s.color ?? PALETTE[i % PALETTE.length]!,
      dash: s.dash ?? "solid",
      shape: s.shape ?? "circle",
      named: s.name !== undefined,
    };
  });
}

function checkLog(op: string, series: readonly CleanSeries[]): void {
  for (const s of series)
    for (const [i, v] of s.y.entries())
      if (v <= 0)
        throw new ValueError(
          op,
          "logY",
          `a log axis needs positive values; series '${s.name}' has ${v} at index ${i}`,
        );
}

function draw(
  op: string,
  kind: "line" | "scatter",
  input: Series | readonly Series[],
  options: XYChartOptions | undefined,
): string {
  const o = checkOptions(op, options, KNOWN);
  const series = seriesOf(op, input, kind === "line");
  const xDomain = checkDomain(op, "xDomain", o.xDomain);
  const yDomain = checkDomain(op, "yDomain", o.yDomain);
  if (o.logY) checkLog(op, series);
  const markers =
    kind === "scatter" || (o.markers ?? Math.max(...series.map((s) => s.y.length)) <= 60);
  const layers: Layer[] = [];
  for (const s of series) {
    if (kind === "line")
      layers.push({ kind: "line", name: s.name, x: s.x, y: s.y, color: s.color, dash: s.dash });
    if (markers)
      layers.push({
        kind: "points",
        name: s.name,
        x: s.x,
        y: s.y,
        color: s.color,
        shape: s.shape,
        radius: kind === "line" ? 2.5 : 3.5,
        opacity: kind === "scatter" ? 0.85 : 1,
      });
  }
  const legend: LegendItem[] = series.some((s) => s.named)
    ? series.map((s) =>
        kind === "line"
          ? { label: s.name, color: s.color, mark: "line", dash: s.dash }
          : { label: s.name, color: s.color, mark: "point", shape: s.shape },
      )
    : [];
  return renderFigure({
    title: o.title ?? (kind === "line" ? "Line chart" : "Scatter chart"),
    subtitle: o.subtitle,
    legend,
    panelWidth: o.width ?? SIZE.width,
    panelHeight: o.height ?? SIZE.height,
    panels: [
      {
        x: { label: o.xLabel, domain: xDomain, integer: o.xInteger === true },
        y: { label: o.yLabel, domain: yDomain, log: o.logY === true },
        layers,
      },
    ],
  });
}

/**
 * Lines through one or more series, as matplotlib's `plot`: anything that is
 * not one of the dedicated charts.
 *
 * @example
 * ```ts
 * const svg = lineChart(
 *   [{ name: "lr 0.1", y: lossA }, { name: "lr 0.01", y: lossB }],
 *   { title: "Loss by learning rate", xLabel: "step", yLabel: "loss", logY: true },
 * );
 * ```
 * @throws ValueError for no series, empty or non-finite values, x and y of different lengths, unknown options
 */
export function lineChart(series: Series | readonly Series[], options?: XYChartOptions): string {
  return draw("lineChart", "line", series, options);
}

/**
 * Points of one or more series, as matplotlib's `scatter`; every series needs `x`.
 *
 * @example
 * ```ts
 * const svg = scatterChart({ name: "samples", x: heights, y: weights }, { xLabel: "height", yLabel: "weight" });
 * ```
 * @throws ValueError as {@link lineChart}, and when a series has no `x`
 */
export function scatterChart(series: Series | readonly Series[], options?: XYChartOptions): string {
  return draw("scatterChart", "scatter", series, options);
}
