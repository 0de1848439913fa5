import { type ActivationFunction, activations } from "@neurite/layers";
import { ValueError } from "@neurite/tensor";
import { renderFigure } from "../svg/figure.js";
import { COLORS } from "../svg/theme.js";
import type { Layer, LegendItem, Panel } from "../svg/types.js";
import { type ChartOptions, checkDomain, checkOptions } from "./options.js";

/** Options of {@link activationChart}. */
export interface ActivationChartOptions extends ChartOptions {
  /** Draw each derivative f′ (dashed) with its function (default true). */
  derivatives?: boolean;
  /** The x range `[lo, hi]` (default `[-5, 5]`). */
  range?: readonly [number, number];
  /** Samples per curve (default 401). */
  samples?: number;
  /** Panels per row (default up to 4). */
  columns?: number;
}

const KNOWN = ["derivatives", "range", "samples", "columns"];

/** Whether `f` jumps between `a` and `b` (step, sign, ReLU′ at 0) rather than just rising steeply. */
function jumps(f: (x: number) => number, a: number, b: number): boolean {
  let lo = a;
  let hi = b;
  let fl = f(lo);
  let fh = f(hi);
  // A continuous function's change shrinks with the interval; a jump's stays.
  for (let i = 0; i < 40 && Math.abs(fh - fl) > 0.05; i++) {
    const m = (lo + hi) / 2;
    const fm = f(m);
    if (Math.abs(fm - fl) >= Math.abs(fh - fm)) {
      hi = m;
      fh = fm;
    } else {
      lo = m;
      fl = fm;
    }
  }
  return Math.abs(fh - fl) > 0.05 && hi - lo < 1e-9;
}

/**
 * The curve `ys` (computed on `xs` by the kernels), with NaN inserted where
 * `f` jumps so the line breaks there; `f` (the scalar form) only serves the
 * bisection that tells a jump from a steep rise.
 */
function withBreaks(
  f: (x: number) => number,
  xs: readonly number[],
  ys: Float64Array,
): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (const [i, xi] of xs.entries()) {
    const yi = ys[i]!;
    if (i > 0 && Math.abs(yi - ys[i - 1]!) > 1e-6 && jumps(f, xs[i - 1]!, xi)) {
      x.push(Number.NaN);
      y.push(Number.NaN);
    }
    x.push(xi);
    y.push(yi);
  }
  return { x, y };
}

function resolveActivation(
  op: string,
  name: string | ActivationFunction,
  i: number,
): ActivationFunction {
  if (typeof name === "string") {
    if (activations.canonicalName(name) === undefined)
      throw new ValueError(
        op,
        `names[${i}]`,
        `unknown activation '${name}' (known: ${activations.names.join(", ")})`,
      );
    return activations.get(name);
  }
  if (
    typeof name === "object" &&
    name !== null &&
    typeof name.fn === "function" &&
    typeof name.derivative === "function"
  )
    return name;
  throw new ValueError(
    op,
    `names[${i}]`,
    "expected an activation name or an ActivationFunction from activations.get",
  );
}

/**
 * Activation functions and their derivatives, one panel each, computed by
 * `@neurite/layers`' own activation kernels (`activations.curve`: one forward
 * and one backward call per panel), so the chart shows exactly what a network
 * computes. Curves
 * break where a function jumps (step, sign, ReLU′). Softmax is drawn, as
 * layers defines it for one number, as the first output of `softmax([x, 0])`.
 *
 * @example
 * ```ts
 * const svg = activationChart(["sigmoid", "tanh", "relu", "leakyRelu"]);
 * const one = activationChart(activations.get("elu", { alpha: 0.5 }), { derivatives: false });
 * ```
 * @param names - names (any spelling layers accepts) or ActivationFunction objects with their options
 * @throws ValueError for an unknown name, no names, a bad range or sample count
 */
export function activationChart(
  names: string | ActivationFunction | readonly (string | ActivationFunction)[],
  options?: ActivationChartOptions,
): string {
  const op = "activationChart";
  const o = checkOptions(op, options, KNOWN);
  const list = Array.isArray(names)
    ? (names as readonly (string | ActivationFunction)[])
    : [names as string | ActivationFunction];
  if (list.length === 0)
    throw new ValueError(op, "names", "expected at least one activation, got none");
  const fns = list.map((n, i) => resolveActivation(op, n, i));
  const [lo, hi] = checkDomain(op, "range", o.range) ?? [-5, 5];
  const samples = o.samples ?? 401;
  if (!Number.isInteger(samples) || samples < 2)
    throw new ValueError(op, "samples", `expected an integer ≥ 2, got ${String(samples)}`);
  const columns = o.columns ?? Math.min(4, fns.length);
  if (!Number.isInteger(columns) || columns < 1)
    throw new ValueError(op, "columns", `expected a positive integer, got ${String(columns)}`);
  const derivatives = o.derivatives ?? true;
  const xs = Array.from({ length: samples }, (_, i) => lo + ((hi - lo) * i) / (samples - 1));
  const panels: Panel[] = fns.map((a) => {
    // The whole curve in one forward and one backward kernel call.
    const curve = activations.curve(a, xs);
    const f = withBreaks(a.fn, xs, curve.values);
    const layers: Layer[] = [{ kind: "line", name: "f(x)", ...f, color: COLORS.fn }];
    if (derivatives)
      layers.push({
        kind: "line",
        name: "f′(x)",
        ...withBreaks(a.derivative, xs, curve.derivatives),
        color: COLORS.derivative,
        dash: "dashed",
      });
    return { title: a.name, x: { label: "x", domain: [lo, hi] }, y: {}, layers };
  });
  const legend: LegendItem[] = [{ label: "f(x)", color: COLORS.fn, mark: "line" }];
  if (derivatives)
    legend.push({ label: "f′(x)", color: COLORS.derivative, mark: "line", dash: "dashed" });
  const single = fns.length === 1;
  return renderFigure({
    title:
      o.title ??
      (single
        ? `${fns[0]!.name}${derivatives ? " and its derivative" : ""}`
        : `Activation functions${derivatives ? " and their derivatives" : ""}`),
    subtitle: o.subtitle,
    legend,
    columns,
    panelWidth: o.width ?? (single ? 480 : 230),
    panelHeight: o.height ?? (single ? 320 : 190),
    panels,
  });
}
