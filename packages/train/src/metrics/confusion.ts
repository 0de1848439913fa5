import type { Tensor } from "@neurite/tensor";
import { ValueError } from "@neurite/tensor";
import {
  type ClassificationKind,
  checkKindShapes,
  forEachClassPair,
  inferKind,
} from "./targets.js";

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /** How to read the tensors (default: inferred from the shapes, as `"accuracy"` does). */
  kind?: ClassificationKind;
  /** Binary predictions above this are class 1 (default 0.5). */
  threshold?: number;
  /** Number of classes (default: the output's class count, 2 for binary). */
  numClasses?: number;
}

/**
 * A confusion matrix that grows batch by batch: `counts[t][p]` is the number
 * of samples of true class `t` predicted as class `p`. The building block of
 * precision, recall and F1.
 */
export class ConfusionAccumulator {
  /** Rows: true class; columns: predicted class. Empty until the first update. */
  counts: number[][] = [];
  /** The reading chosen on the first update (or given). */
  kind: ClassificationKind | undefined;
  /** @param op - the metric's name for messages; options as {@link confusionMatrix}. */
  constructor(
    readonly op: string,
    private readonly options: ConfusionMatrixOptions = {},
  ) {
    this.kind = options.kind;
  }

  /** Forgets the counts (keeps the kind given at construction). */
  reset(): void {
    this.counts = [];
    this.kind = this.options.kind;
  }

  /** Adds one batch. */
  update(yPred: Tensor, yTrue: Tensor): void {
    const kind = (this.kind ??= inferKind(this.op, yPred, yTrue));
    checkKindShapes(this.op, kind, yPred, yTrue);
    const threshold = this.options.threshold ?? 0.5;
    const natural = kind === "binary" ? 2 : yPred.shape[yPred.rank - 1]!;
    const n = this.options.numClasses ?? natural;
    if (n < natural)
      throw new ValueError(
        this.op,
        "numClasses",
        `the predictions have ${natural} classes, more than numClasses = ${n}`,
      );
    if (this.counts.length === 0)
      this.counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    else if (this.counts.length !== n)
      throw new ValueError(
        this.op,
        "yPred",
        `earlier batches had ${this.counts.length} classes, this one has ${n}`,
      );
    const counts = this.counts;
    forEachClassPair(this.op, kind, yPred, yTrue, threshold, (p, t) => {
      counts[t]![p]!++;
    });
  }
}

/**
 * The confusion matrix of predictions against targets: `m[t][p]` counts the
 * samples of true class `t` predicted as class `p` (rows are true classes,
 * columns predicted ones, as scikit-learn and torchmetrics lay it out).
 * Arguments are prediction first, as everywhere in Neurite.
 *
 * Predictions may be class scores `[n, C]` (the largest wins) or one
 * probability per sample `[n]`/`[n, 1]` (binary, class 1 above 0.5);
 * targets may be one-hot rows, integer labels or 0/1 values.
 *
 * @example
 * ```ts
 * const m = confusionMatrix(predict(model, xTest), yTest); // [[14, 0, 0], [1, 15, 1], [0, 0, 14]]
 * console.log(formatConfusionMatrix(m, { labels: ["class_0", "class_1", "class_2"] }));
 * ```
 */
export function confusionMatrix(
  yPred: Tensor,
  yTrue: Tensor,
  options: ConfusionMatrixOptions = {},
): number[][] {
  const acc = new ConfusionAccumulator("confusionMatrix", options);
  acc.update(yPred, yTrue);
  return acc.counts.map((r) => r.slice());
}

/** Options of {@link formatConfusionMatrix}. */
export interface FormatConfusionMatrixOptions {
  /** Class names (default `0`, `1`, ...). */
  labels?: readonly string[];
}

/**
 * A confusion matrix as a text table, true classes down the side and
 * predicted classes across the top, with row totals:
 *
 * ```text
 *              predicted
 * true         0    1    2  total
 *   0         14    0    0     14
 *   1          1   15    1     17
 *   2          0    0   14     14
 * ```
 */
export function formatConfusionMatrix(
  matrix: readonly (readonly number[])[],
  options: FormatConfusionMatrixOptions = {},
): string {
  const n = matrix.length;
  const ok = (v: unknown): boolean => Array.isArray(v);
  if (!ok(matrix) || matrix.some((r) => !ok(r) || r.length !== n))
    throw new ValueError("formatConfusionMatrix", "matrix", "expected a square array of counts");
  const labels = options.labels ? [...options.labels] : matrix.map((_, i) => String(i));
  if (labels.length !== n)
    throw new ValueError(
      "formatConfusionMatrix",
      "labels",
      `expected ${n} labels, got ${labels.length}`,
    );
  const totals = matrix.map((r) => r.reduce((a, b) => a + b, 0));
  const cells = [...matrix.flat(), ...totals].map(String);
  const w = Math.max(4, ...cells.map((c) => c.length), ...labels.map((l) => l.length)) + 1;
  const side = Math.max(6, ...labels.map((l) => l.length + 2)) + 1;
  const head = `${"true".padEnd(side)}${labels.map((l) => l.padStart(w)).join("")}${"total".padStart(w + 1)}`;
  const rows = matrix.map(
    (r, i) =>
      `${`  ${labels[i]}`.padEnd(side)}${r.map((v) => String(v).padStart(w)).join("")}${String(totals[i]).padStart(w + 1)}`,
  );
  return [`${" ".repeat(side)}predicted`, head, ...rows].join("\n");
}
