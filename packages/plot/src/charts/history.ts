import { ValueError } from "@neurite/tensor";
import { History } from "@neurite/train";
import { toNumbers } from "../data/numbers.js";
import { renderFigure } from "../svg/figure.js";
import { COLORS } from "../svg/theme.js";
import type { Layer, LegendItem, Panel } from "../svg/types.js";
import { type ChartOptions, checkDomain, checkOptions, SIZE } from "./options.js";

/**
 * A training history: what `fit` returns (a {@link History}), its `toJSON()`,
 * or plain arrays per key as Keras's `history.history`: `{ loss: [...], val_loss: [...] }`.
 */
export type HistoryLike =
  | History
  | {
      readonly epoch?: readonly number[];
      readonly history: Readonly<Record<string, readonly number[]>>;
    }
  | Readonly<Record<string, readonly number[]>>;

/** Options of {@link historyChart} and {@link historyComparisonChart}. */
export interface HistoryChartOptions extends ChartOptions {
  /** The key to draw, e.g. `"loss"` or `"accuracy"` (default `"loss"`); `val_<metric>` is drawn with it when present. */
  metric?: string;
  /** Logarithmic vertical axis, for losses over orders of magnitude. */
  logY?: boolean;
  /** Fixed vertical range, e.g. `[0, 1]` for accuracy (default: the values', widened to nice ticks). */
  yDomain?: readonly [number, number];
  /** Title of the vertical axis (default: the metric). */
  yLabel?: string;
  /** Legend label of the training series (default `"training"`). */
  trainLabel?: string;
  /** Legend label of the `val_` series (default `"validation"`; e.g. `"test"`). */
  validationLabel?: string;
  /** historyComparisonChart: panels per row (default: all in one row). */
  columns?: number;
}

const KNOWN = ["metric", "logY", "yDomain", "yLabel", "trainLabel", "validationLabel", "columns"];

interface Curve {
  epochs: number[];
  train: number[];
  validation: number[] | undefined;
}

function recordOf(
  op: string,
  arg: string,
  h: HistoryLike,
): { epoch?: readonly number[]; history: Record<string, readonly number[]> } {
  if (h instanceof History) return { epoch: h.epoch, history: h.history };
  if (typeof h !== "object" || h === null || Array.isArray(h))
    throw new ValueError(
      op,
      arg,
      `expected a History or { [metric]: number[] }, got ${h === null ? "null" : typeof h}`,
    );
  const inner = (h as { history?: unknown }).history;
  if (typeof inner === "object" && inner !== null && !Array.isArray(inner))
    return h as { epoch?: readonly number[]; history: Record<string, readonly number[]> };
  return { history: h as Record<string, readonly number[]> };
}

/** A history read back from JSON has null where it had NaN (`History.toJSON`). */
function nullAsNaN(values: readonly number[]): readonly number[] {
  return Array.isArray(values) ? values.map((v: number | null) => v ?? Number.NaN) : values;
}

/** The metric's training and validation values of one history, epochs counted from 1. */
function curveOf(op: string, arg: string, h: HistoryLike, metric: string): Curve {
  const { epoch, history } = recordOf(op, arg, h);
  const values = history[metric];
  if (values === undefined)
    throw new ValueError(
      op,
      "metric",
      `'${metric}' is not in ${arg} (keys: ${Object.keys(history).join(", ") || "none"})`,
    );
  // NaN marks epochs without a value (a key added later, a diverged loss): drawn as a gap.
  const train = toNumbers(op, `${arg}.${metric}`, nullAsNaN(values), { allowNaN: true });
  if (train.every(Number.isNaN))
    throw new ValueError(op, `${arg}.${metric}`, "every value is NaN: nothing to draw");
  const valKey = `val_${metric}`;
  let validation: number[] | undefined;
  if (history[valKey] !== undefined) {
    validation = toNumbers(op, `${arg}.${valKey}`, nullAsNaN(history[valKey]), {
      allowNaN: true,
    });
    if (validation.length !== train.length)
      throw new ValueError(
        op,
        `${arg}.${valKey}`,
        `expected ${train.length} values as '${metric}' has, got ${validation.length}`,
      );
    if (validation.every(Number.isNaN)) validation = undefined;
  }
  let epochs = train.map((_, i) => i + 1);
  if (epoch !== undefined) {
    const e = toNumbers(op, `${arg}.epoch`, epoch);
    if (e.length !== train.length)
      throw new ValueError(
        op,
        `${arg}.epoch`,
        `expected ${train.length} epoch indices, got ${e.length}`,
      );
    epochs = e.map((i) => i + 1); // History counts from 0, as Keras; people count from 1
  }
  return { epochs, train, validation };
}

function panelOf(curve: Curve, o: HistoryChartOptions, metric: string, title?: string): Panel {
  const markers = curve.train.length <= 60;
  const layers: Layer[] = [];
  const add = (name: string, y: number[], color: string) => {
    layers.push({ kind: "line", name, x: curve.epochs, y, color });
    if (markers) layers.push({ kind: "points", name, x: curve.epochs, y, color, radius: 2.5 });
  };
  add(o.trainLabel ?? "training", curve.train, COLORS.train);
  if (curve.validation) add(o.validationLabel ?? "validation", curve.validation, COLORS.validation);
  return {
    title,
    x: { label: "epoch", integer: true },
    y: { label: o.yLabel ?? metric, log: o.logY === true, domain: o.yDomain },
    layers,
  };
}

function legendOf(o: HistoryChartOptions, curves: readonly Curve[]): LegendItem[] {
  const items: LegendItem[] = [
    { label: o.trainLabel ?? "training", color: COLORS.train, mark: "line" },
  ];
  if (curves.some((c) => c.validation))
    items.push({
      label: o.validationLabel ?? "validation",
      color: COLORS.validation,
      mark: "line",
    });
  return items;
}

function checkLog(op: string, curves: readonly Curve[], metric: string): void {
  for (const c of curves)
    for (const v of [...c.train, ...(c.validation ?? [])])
      if (v <= 0)
        throw new ValueError(op, "logY", `a log axis needs positive values; '${metric}' has ${v}`);
}

function resolve(
  op: string,
  options: HistoryChartOptions | undefined,
): HistoryChartOptions & { metric: string } {
  const o = checkOptions(op, options, KNOWN);
  const metric = o.metric ?? "loss";
  if (typeof metric !== "string" || metric.length === 0)
    throw new ValueError(op, "metric", `expected a key such as "loss", got ${String(metric)}`);
  checkDomain(op, "yDomain", o.yDomain);
  return { ...o, metric };
}

/**
 * A learning curve: one metric per epoch, the training values and, when the
 * history has them, the validation ones (`val_<metric>`), labelled in a
 * legend. Epochs are counted from 1. Values that are NaN (an epoch without
 * that key, a diverged loss) leave a gap rather than failing.
 *
 * @example
 * ```ts
 * const history = fit(model, x, y, { loss: "categoricalCrossEntropy", metrics: ["accuracy"], validationData: [xTest, yTest], epochs: 30 });
 * const svg = historyChart(history, { metric: "accuracy", yDomain: [0, 1] });
 * ```
 * @param history - a {@link History}, its JSON, or `{ [metric]: number[] }`
 * @throws ValueError for a missing metric, lengths that differ, ±Infinity, or a metric that is NaN throughout
 */
export function historyChart(history: HistoryLike, options?: HistoryChartOptions): string {
  const op = "historyChart";
  const o = resolve(op, options);
  const curve = curveOf(op, "history", history, o.metric);
  if (o.logY) checkLog(op, [curve], o.metric);
  return renderFigure({
    title: o.title ?? `${o.metric} per epoch`,
    subtitle: o.subtitle,
    legend: legendOf(o, [curve]),
    panelWidth: o.width ?? SIZE.width,
    panelHeight: o.height ?? SIZE.height,
    panels: [panelOf(curve, o, o.metric)],
  });
}

/**
 * Learning curves of several runs side by side, one panel per run on one
 * shared vertical scale, so they compare by eye (e.g. without and with
 * dropout). Colours keep their meaning: training blue, validation orange.
 *
 * @example
 * ```ts
 * const svg = historyComparisonChart({ "without dropout": plain, "with dropout": dropped }, { metric: "loss", logY: true });
 * ```
 * @param runs - panel title → history
 * @throws ValueError as {@link historyChart}, and for no runs
 */
export function historyComparisonChart(
  runs: Readonly<Record<string, HistoryLike>>,
  options?: HistoryChartOptions,
): string {
  const op = "historyComparisonChart";
  const o = resolve(op, options);
  if (typeof runs !== "object" || runs === null || Object.keys(runs).length === 0)
    throw new ValueError(op, "runs", "expected { [run name]: history } with at least one run");
  const names = Object.keys(runs);
  const curves = names.map((n) => curveOf(op, `runs['${n}']`, runs[n]!, o.metric));
  if (o.logY) checkLog(op, curves, o.metric);
  const columns = o.columns ?? names.length;
  if (!Number.isInteger(columns) || columns < 1)
    throw new ValueError(op, "columns", `expected a positive integer, got ${String(columns)}`);
  return renderFigure({
    title: o.title ?? `${o.metric} per epoch`,
    subtitle: o.subtitle,
    legend: legendOf(o, curves),
    columns,
    shareY: true,
    panelWidth: o.width ?? 400,
    panelHeight: o.height ?? 320,
    panels: curves.map((c, i) => panelOf(c, o, o.metric, names[i])),
  });
}
