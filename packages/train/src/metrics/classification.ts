import type { Tensor } from "@neurite/tensor";
import { checkOptions, optionNames, ValueError } from "@neurite/tensor";
import { ConfusionAccumulator } from "./confusion.js";
import type { Metric } from "./metric.js";
import type { ClassificationKind } from "./targets.js";

/**
 * How per-class scores become one number:
 * - `"binary"`: the score of the positive class only (default for binary outputs);
 * - `"macro"`: the unweighted mean over classes (default for multi-class);
 * - `"micro"`: from the summed counts of all classes (for single-label
 *   multi-class data, micro precision = micro recall = micro F1 = accuracy);
 * - `"weighted"`: the mean over classes weighted by each class's support.
 */
export type Average = "binary" | "macro" | "micro" | "weighted";

/** Options of {@link Precision}, {@link Recall} and {@link F1Score}. */
export interface ClassificationMetricOptions {
  /** How classes are combined (default `"binary"` for one output per sample, `"macro"` otherwise). */
  average?: Average;
  /** The positive class for `"binary"` (default 1). */
  positiveClass?: number;
  /** Binary predictions above this are class 1 (default 0.5; 0 for logits). */
  threshold?: number;
  /** How to read outputs and targets (default: from the shapes). */
  kind?: ClassificationKind;
  /** The log key. */
  name?: string;
}

const CLASSIFICATION_METRIC_OPTIONS = optionNames<ClassificationMetricOptions>({
  average: true,
  positiveClass: true,
  threshold: true,
  kind: true,
  name: true,
});

type Which = "precision" | "recall" | "f1";

const AVERAGES: readonly Average[] = ["binary", "macro", "micro", "weighted"];

/** Precision, recall and F1 from one confusion matrix accumulated over the epoch. */
abstract class ConfusionMetric implements Metric {
  readonly name: string;
  /** The averaging asked for (undefined: chosen from the outputs). */
  readonly average: Average | undefined;
  /** The positive class of binary averaging. */
  readonly positiveClass: number;
  private readonly acc: ConfusionAccumulator;
  protected abstract readonly which: Which;

  constructor(defaultName: string, options: ClassificationMetricOptions) {
    checkOptions(new.target.name, options, CLASSIFICATION_METRIC_OPTIONS);
    this.name = options.name ?? defaultName;
    if (options.average !== undefined && !AVERAGES.includes(options.average))
      throw new ValueError(
        this.name,
        "average",
        `expected one of ${AVERAGES.join(", ")}, got ${String(options.average)}`,
      );
    this.average = options.average;
    this.positiveClass = options.positiveClass ?? 1;
    if (!Number.isInteger(this.positiveClass) || this.positiveClass < 0)
      throw new ValueError(
        this.name,
        "positiveClass",
        `expected a class index, got ${String(options.positiveClass)}`,
      );
    this.acc = new ConfusionAccumulator(this.name, {
      kind: options.kind,
      threshold: options.threshold,
    });
  }

  reset(): void {
    this.acc.reset();
  }

  update(yPred: Tensor, yTrue: Tensor): void {
    this.acc.update(yPred, yTrue);
    if (this.acc.counts.length <= this.positiveClass && this.resolvedAverage() === "binary")
      throw new ValueError(
        this.name,
        "positiveClass",
        `class ${this.positiveClass} does not exist among ${this.acc.counts.length} classes`,
      );
  }

  /** The confusion matrix so far (rows: true class, columns: predicted). */
  get confusion(): number[][] {
    return this.acc.counts.map((r) => r.slice());
  }

  private resolvedAverage(): Average {
    return this.average ?? (this.acc.kind === "binary" ? "binary" : "macro");
  }

  result(): number {
    const m = this.acc.counts;
    const c = m.length;
    if (c === 0) return Number.NaN;
    const tp = new Float64Array(c);
    const predicted = new Float64Array(c);
    const actual = new Float64Array(c);
    for (let t = 0; t < c; t++)
      for (let p = 0; p < c; p++) {
        const v = m[t]![p]!;
        predicted[p] += v;
        actual[t] += v;
        if (t === p) tp[t] = v;
      }
    const score = (tpv: number, pred: number, act: number): number => {
      const precision = pred === 0 ? 0 : tpv / pred;
      const recall = act === 0 ? 0 : tpv / act;
      if (this.which === "precision") return precision;
      if (this.which === "recall") return recall;
      return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    };
    const average = this.resolvedAverage();
    if (average === "binary") {
      const k = this.positiveClass;
      return score(tp[k]!, predicted[k]!, actual[k]!);
    }
    if (average === "micro") {
      let a = 0;
      let b = 0;
      let d = 0;
      for (let k = 0; k < c; k++) {
        a += tp[k]!;
        b += predicted[k]!;
        d += actual[k]!;
      }
      return score(a, b, d);
    }
    let s = 0;
    let weights = 0;
    for (let k = 0; k < c; k++) {
      const w = average === "weighted" ? actual[k]! : 1;
      s += w * score(tp[k]!, predicted[k]!, actual[k]!);
      weights += w;
    }
    return weights === 0 ? 0 : s / weights;
  }
}

/**
 * Precision `TP / (TP + FP)` over the whole epoch: of the samples predicted
 * as a class, the share that belong to it. A class never predicted scores 0
 * (scikit-learn's `zero_division=0`). See {@link Average} for multi-class.
 */
export class Precision extends ConfusionMetric {
  protected readonly which = "precision";
  /** @param options - averaging, positive class, threshold, name (default `"precision"`) */
  constructor(options: ClassificationMetricOptions = {}) {
    super("precision", options);
  }
}

/**
 * Recall `TP / (TP + FN)` over the whole epoch: of the samples of a class,
 * the share predicted as it. See {@link Average} for multi-class.
 */
export class Recall extends ConfusionMetric {
  protected readonly which = "recall";
  /** @param options - averaging, positive class, threshold, name (default `"recall"`) */
  constructor(options: ClassificationMetricOptions = {}) {
    super("recall", options);
  }
}

/**
 * F1, the harmonic mean of precision and recall, over the whole epoch (not
 * averaged per batch). Macro F1 is the mean of the per-class F1 scores
 * (scikit-learn's definition), not the F1 of macro precision and recall.
 */
export class F1Score extends ConfusionMetric {
  protected readonly which = "f1";
  /** @param options - averaging, positive class, threshold, name (default `"f1"`) */
  constructor(options: ClassificationMetricOptions = {}) {
    super("f1", options);
  }
}
