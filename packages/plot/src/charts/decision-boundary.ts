import { Module } from "@neurite/layers";
import { Tensor, ValueError } from "@neurite/tensor";
import { predict } from "@neurite/train";
import { checkClassNames, toLabels } from "../data/classes.js";
import { checkSameLength, type NumbersLike, toNumbers } from "../data/numbers.js";
import { renderFigure } from "../svg/figure.js";
import { PALETTE } from "../svg/theme.js";
import type { Layer, LegendItem, PointShape } from "../svg/types.js";
import { type ChartOptions, checkOptions } from "./options.js";

/**
 * What {@link decisionBoundaryChart} asks for classes: a model (run through
 * `predict` in eval mode), anything with `predict(x)` (such as a
 * `Perceptron`), or a function from a `[m, 2]` tensor to outputs.
 */
export type Classifier =
  | Module
  | { predict(x: Tensor): Tensor }
  | ((x: Tensor) => Tensor | NumbersLike);

/** Options of {@link decisionBoundaryChart}. */
export interface DecisionBoundaryChartOptions extends ChartOptions {
  /** Grid cells per axis in which the model is asked for a class (default 100). */
  resolution?: number;
  /** Class names for the legend (default `class 0`, `class 1`, ...). */
  classNames?: readonly string[];
  /** Margin around the points, as a fraction of their range (default 0.1). */
  padding?: number;
  /** One output per sample is class 1 above this (default 0.5 for outputs in [0, 1], else 0). */
  threshold?: number;
  /** Title of the horizontal axis (default `x₁`). */
  xLabel?: string;
  /** Title of the vertical axis (default `x₂`). */
  yLabel?: string;
}

const KNOWN = ["resolution", "classNames", "padding", "threshold", "xLabel", "yLabel"];
const SHAPES: PointShape[] = ["circle", "square", "diamond"];

function pointsOf(
  op: string,
  x: Tensor | readonly (readonly number[])[],
): { x1: number[]; x2: number[] } {
  if (x instanceof Tensor) {
    if (x.rank !== 2 || x.shape[1] !== 2)
      throw new ValueError(
        op,
        "x",
        `expected points of shape [n,2], got a tensor of shape [${x.shape.join(",")}]`,
      );
    const d = toNumbers(op, "x", new Tensor(x.data, [x.size]));
    return { x1: d.filter((_, i) => i % 2 === 0), x2: d.filter((_, i) => i % 2 === 1) };
  }
  if (!Array.isArray(x))
    throw new ValueError(op, "x", "expected a [n,2] tensor or an array of [x1, x2] pairs");
  for (const [i, p] of x.entries())
    if (!Array.isArray(p) || p.length !== 2)
      throw new ValueError(
        op,
        "x",
        `expected [x1, x2] pairs, got ${JSON.stringify(p)} at index ${i}`,
      );
  return {
    x1: toNumbers(
      op,
      "x",
      x.map((p) => p[0]!),
    ),
    x2: toNumbers(
      op,
      "x",
      x.map((p) => p[1]!),
    ),
  };
}

function run(op: string, model: Classifier, grid: Tensor): Tensor | NumbersLike {
  // Large batches: the grid is one array already, and predict's result does not depend on the batch size.
  if (model instanceof Module) return predict(model, grid, { batchSize: 4096 });
  if (typeof model === "function") return model(grid);
  if (typeof model === "object" && model !== null && typeof model.predict === "function")
    return model.predict(grid);
  throw new ValueError(
    op,
    "model",
    "expected a Module, an object with predict(x), or a function of a [m,2] tensor",
  );
}

/** The class of each output row: the largest score, or one output against a threshold. */
function classesOf(
  op: string,
  out: Tensor | NumbersLike,
  m: number,
  threshold: number | undefined,
): number[] {
  if (out instanceof Tensor && out.rank === 2 && out.shape[1]! > 1) {
    if (out.shape[0] !== m)
      throw new ValueError(
        op,
        "model",
        `expected ${m} output rows for ${m} grid points, got ${out.shape[0]}`,
      );
    return toLabels(op, "model output", out);
  }
  const v = toNumbers(op, "model output", out);
  if (v.length !== m)
    throw new ValueError(
      op,
      "model",
      `expected ${m} outputs for ${m} grid points, got ${v.length}`,
    );
  const t = threshold ?? (v.every((y) => y >= 0 && y <= 1) ? 0.5 : 0);
  return v.map((y) => (y > t ? 1 : 0));
}

/**
 * The regions a 2-D classifier assigns to each class, shaded, with the
 * samples on top in their true class's colour and shape: a point on a
 * differently shaded region is misclassified. The model is asked for the
 * class of every cell of a `resolution × resolution` grid over the points.
 *
 * @example
 * ```ts
 * const { x, y } = makeMoons({ samples: 200, noise: 0.2, seed: 0 });
 * fit(model, x, y, { loss: "binaryCrossEntropy", epochs: 200 });
 * const svg = decisionBoundaryChart(model, x, y, { resolution: 80 });
 * ```
 * @param x - the points, `[n, 2]`
 * @param labels - their classes: integers, or `[n, C]` one-hot rows
 * @throws ValueError for points that are not pairs, labels of another length or not classes, a model output that does not fit the grid
 */
export function decisionBoundaryChart(
  model: Classifier,
  x: Tensor | readonly (readonly number[])[],
  labels: NumbersLike,
  options?: DecisionBoundaryChartOptions,
): string {
  const op = "decisionBoundaryChart";
  const o = checkOptions(op, options, KNOWN);
  const { x1, x2 } = pointsOf(op, x);
  const classes = toLabels(op, "labels", labels);
  checkSameLength(op, "x", x1, "labels", classes);
  const res = o.resolution ?? 100;
  if (!Number.isInteger(res) || res < 2 || res > 1000)
    throw new ValueError(op, "resolution", `expected an integer in [2, 1000], got ${String(res)}`);
  const padding = o.padding ?? 0.1;
  if (!(typeof padding === "number" && padding >= 0 && padding <= 10))
    throw new ValueError(op, "padding", `expected a fraction in [0, 10], got ${String(padding)}`);
  const box = (v: number[]): [number, number] => {
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    const pad = (hi - lo) * padding || 0.5;
    return [lo - pad, hi + pad];
  };
  const [ax, bx] = box(x1);
  const [ay, by] = box(x2);
  const cw = (bx - ax) / res;
  const ch = (by - ay) / res;
  const dtype = x instanceof Tensor && x.dtype === "float64" ? Float64Array : Float32Array;
  const grid = new dtype(res * res * 2);
  for (let j = 0; j < res; j++)
    for (let i = 0; i < res; i++) {
      grid[(j * res + i) * 2] = ax + (i + 0.5) * cw;
      grid[(j * res + i) * 2 + 1] = ay + (j + 0.5) * ch;
    }
  const predicted = classesOf(
    op,
    run(op, model, new Tensor(grid, [res * res, 2])),
    res * res,
    o.threshold,
  );
  const k = Math.max(1, ...classes, ...predicted) + 1; // at least two classes
  const names = checkClassNames(op, "classNames", o.classNames, k);
  const color = (c: number) => PALETTE[c % PALETTE.length]!;
  // One rectangle per run of equal cells along a grid row keeps the file small.
  const rects: {
    x0: number;
    x1: number;
    y0: number;
    y1: number;
    color: string;
    opacity: number;
    value: number;
  }[] = [];
  for (let j = 0; j < res; j++) {
    let start = 0;
    for (let i = 1; i <= res; i++) {
      const c = predicted[j * res + start]!;
      if (i < res && predicted[j * res + i] === c) continue;
      rects.push({
        x0: ax + start * cw,
        x1: ax + i * cw,
        y0: ay + j * ch,
        y1: ay + (j + 1) * ch,
        color: color(c),
        opacity: 0.22,
        value: c,
      });
      start = i;
    }
  }
  const layers: Layer[] = [{ kind: "rects", name: "regions", rects }];
  const legend: LegendItem[] = [];
  for (let c = 0; c < k; c++) {
    const idx = classes.flatMap((v, i) => (v === c ? [i] : []));
    const shape = SHAPES[c % SHAPES.length]!;
    legend.push({ label: names[c]!, color: color(c), mark: "point", shape });
    if (idx.length)
      layers.push({
        kind: "points",
        name: names[c]!,
        x: idx.map((i) => x1[i]!),
        y: idx.map((i) => x2[i]!),
        color: color(c),
        shape,
        radius: 4,
        outline: true,
      });
  }
  return renderFigure({
    title: o.title ?? "Decision regions",
    subtitle:
      o.subtitle ??
      "shading: the class the model predicts; points: the samples in their true class",
    legend,
    panelWidth: o.width ?? 480,
    panelHeight: o.height ?? 440,
    panels: [
      {
        x: { label: o.xLabel ?? "x₁", domain: [ax, bx] },
        y: { label: o.yLabel ?? "x₂", domain: [ay, by] },
        layers,
      },
    ],
  });
}
