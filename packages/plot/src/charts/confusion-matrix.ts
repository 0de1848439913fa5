import { oneHot, Tensor, ValueError } from "@neurite/tensor";
import { confusionMatrix } from "@neurite/train";
import { checkClassNames, toLabels } from "../data/classes.js";
import { type NumbersLike, toNumbers } from "../data/numbers.js";
import { renderFigure } from "../svg/figure.js";
import { formatValue } from "../svg/format.js";
import { COLORS } from "../svg/theme.js";
import { type ChartOptions, checkOptions } from "./options.js";

/** Options of {@link confusionMatrixChart}. */
export interface ConfusionMatrixChartOptions extends ChartOptions {
  /** Class names, in class order (default `0`, `1`, ...). */
  labels?: readonly string[];
  /** Shade and label each cell by its share of the true class (its row) instead of by count (default false). */
  normalize?: boolean;
  /** One probability per sample (a binary classifier's `[n, 1]` output) is class 1 above this (default 0.5). */
  threshold?: number;
}

const KNOWN = ["labels", "normalize", "threshold"];

/**
 * Predicted classes from labels, or from one probability per sample (values
 * in [0, 1], not all whole): class 1 above `threshold`, as a binary
 * classifier's sigmoid output is read.
 */
function predictedLabels(op: string, yPred: NumbersLike, threshold: number): number[] {
  if (!(typeof threshold === "number" && threshold > 0 && threshold < 1))
    throw new ValueError(op, "threshold", `expected a number in (0, 1), got ${String(threshold)}`);
  const v = toNumbers(op, "yPred", yPred);
  if (v.some((p) => !Number.isInteger(p)) && v.every((p) => p >= 0 && p <= 1))
    return v.map((p) => (p > threshold ? 1 : 0));
  return toLabels(op, "yPred", v);
}

function rowsOf(t: NumbersLike): number {
  return t instanceof Tensor ? (t.shape[0] ?? 1) : (t as ArrayLike<number>).length;
}

/**
 * A confusion matrix as a heat map: true classes down the side, predicted
 * classes across the top (as scikit-learn lays it out), each cell with its
 * count; the diagonal holds the correct predictions. The counting is
 * `@neurite/train`'s `confusionMatrix`.
 *
 * The order is true first, predicted second, as scikit-learn's
 * `confusion_matrix(y_true, y_pred)`.
 *
 * @example
 * ```ts
 * const svg = confusionMatrixChart(yTest, predict(model, xTest), { labels: ["cultivar 1", "cultivar 2", "cultivar 3"] });
 * ```
 * @param yTrue - the true classes: integer labels, or `[n, C]` one-hot rows
 * @param yPred - the predicted classes: integer labels, `[n, C]` scores or probabilities (the largest wins), or one probability per sample (class 1 above `threshold`)
 * @throws ValueError for lengths that differ, values that are not classes, too few labels
 */
export function confusionMatrixChart(
  yTrue: NumbersLike,
  yPred: NumbersLike,
  options?: ConfusionMatrixChartOptions,
): string {
  const op = "confusionMatrixChart";
  const o = checkOptions(op, options, KNOWN);
  const truth = toLabels(op, "yTrue", yTrue);
  const scores = yPred instanceof Tensor && yPred.rank === 2 && yPred.shape[1]! > 1;
  const predicted = scores ? undefined : predictedLabels(op, yPred, o.threshold ?? 0.5);
  const n = rowsOf(yPred);
  if (n !== truth.length)
    throw new ValueError(
      op,
      "yPred",
      `expected as many samples as 'yTrue' (${truth.length}), got ${n}`,
    );
  const columns = scores ? (yPred as Tensor).shape[1]! : 0;
  const k = Math.max(
    o.labels?.length ?? 0,
    columns,
    1 + Math.max(1, ...truth, ...(predicted ?? [])),
  );
  if (columns && columns < k)
    throw new ValueError(op, "yPred", `scores have ${columns} classes, but the labels name ${k}`);
  const names = checkClassNames(op, "labels", o.labels, k).slice(0, k);
  const predTensor = scores ? (yPred as Tensor) : oneHot(predicted!, k);
  const m = confusionMatrix(predTensor, new Tensor(Int32Array.from(truth), [truth.length]), {
    kind: "sparse",
    numClasses: k,
  });
  const normalize = o.normalize === true;
  const share = (t: number, p: number) => {
    const row = m[t]!.reduce((a, b) => a + b, 0);
    return row === 0 ? 0 : m[t]![p]! / row;
  };
  const max = Math.max(1, ...m.flat());
  const rects = [];
  const items = [];
  for (let t = 0; t < k; t++)
    for (let p = 0; p < k; p++) {
      const count = m[t]![p]!;
      const strength = normalize ? share(t, p) : count / max;
      const opacity = 0.08 + 0.92 * strength;
      rects.push({ x0: p, x1: p + 1, y0: t, y1: t + 1, color: COLORS.fn, opacity, value: count });
      const label = normalize ? `${formatValue(share(t, p) * 100, 3)}%` : String(count);
      items.push({ x: p + 0.5, y: t + 0.5, text: label, onDark: opacity > 0.55 });
    }
  const correct = m.reduce((a, row, i) => a + row[i]!, 0);
  const cell = Math.max(48, Math.min(90, 420 / k));
  return renderFigure({
    title: o.title ?? "Confusion matrix",
    subtitle:
      o.subtitle ??
      `${truth.length} samples, ${correct} on the diagonal (accuracy ${formatValue((100 * correct) / truth.length, 3)}%)`,
    panelWidth: o.width ?? Math.max(360, cell * k + 130),
    panelHeight: o.height ?? Math.max(260, cell * k + 80),
    panels: [
      {
        x: { label: "predicted class", categories: names },
        y: { label: "true class", categories: names, reverse: true },
        layers: [
          { kind: "rects", name: "cells", rects },
          { kind: "labels", name: "counts", items },
        ],
      },
    ],
  });
}
