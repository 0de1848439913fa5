import type { Tensor } from "@neurite/tensor";
import { checkOptions, optionNames, ValueError } from "@neurite/tensor";
import type { Metric } from "./metric.js";
import {
  argmaxAt,
  type ClassificationKind,
  checkKindShapes,
  inferKind,
  lastDimOf,
} from "./targets.js";

/** Which accuracy: `"auto"` picks from the shapes on the first batch (see {@link Accuracy}). */
export type AccuracyKind = "auto" | ClassificationKind;

/** Options of {@link Accuracy}. */
export interface AccuracyOptions {
  /** `"binary"`, `"categorical"`, `"sparse"`, or `"auto"` (default). */
  kind?: AccuracyKind;
  /**
   * Binary accuracy counts a prediction as class 1 above this value (default
   * 0.5 for probabilities; use 0 when the model outputs logits).
   */
  threshold?: number;
  /** The log key (default `"accuracy"`). */
  name?: string;
}

const ACCURACY_OPTIONS = optionNames<AccuracyOptions>({ kind: true, threshold: true, name: true });

/**
 * The share of correct predictions, accumulated over every batch since the
 * last reset.
 *
 * - **binary**: outputs of one value per sample (or per label, for
 *   multi-label outputs); a prediction above `threshold` is class 1, a target
 *   above 0.5 is class 1; every element counts.
 * - **categorical**: one-hot (or probability) targets of the output's shape;
 *   a sample is correct when the largest output is at the target's largest
 *   entry.
 * - **sparse**: one integer label per sample against class scores; correct
 *   when the largest output is at the label.
 *
 * `"auto"` decides on the first batch as Keras's `"accuracy"` does: one
 * output per sample is binary, targets of the output's shape are
 * categorical, one value per sample is sparse. When `fit` builds the metric
 * from the name `"accuracy"`, it decides from the loss instead when it can
 * (binary or sparse cross-entropy), and uses threshold 0 for a loss `fromLogits`.
 *
 * Ties go to the first class; NaN outputs are never correct.
 */
export class Accuracy implements Metric {
  readonly name: string;
  /** The kind asked for (`"auto"` until the first update decides). */
  readonly kind: AccuracyKind;
  /** The binary threshold. */
  readonly threshold: number;
  private resolved: ClassificationKind | undefined;
  private correct = 0;
  private total = 0;

  /** @param options - kind, threshold and name */
  constructor(options: AccuracyOptions = {}) {
    checkOptions("Accuracy", options, ACCURACY_OPTIONS);
    const kind = options.kind ?? "auto";
    if (!["auto", "binary", "categorical", "sparse"].includes(kind))
      throw new ValueError(
        "Accuracy",
        "kind",
        `expected "auto", "binary", "categorical" or "sparse", got ${String(kind)}`,
      );
    const threshold = options.threshold ?? 0.5;
    if (typeof threshold !== "number" || !Number.isFinite(threshold))
      throw new ValueError(
        "Accuracy",
        "threshold",
        `expected a finite number, got ${String(threshold)}`,
      );
    this.kind = kind;
    this.threshold = threshold;
    this.resolved = kind === "auto" ? undefined : kind;
    this.name = options.name ?? "accuracy";
  }

  /** The kind in use: the one given, or the one `"auto"` chose (undefined before the first update). */
  get resolvedKind(): ClassificationKind | undefined {
    return this.resolved;
  }

  reset(): void {
    this.correct = 0;
    this.total = 0;
  }

  update(yPred: Tensor, yTrue: Tensor): void {
    const kind = (this.resolved ??= inferKind(this.name, yPred, yTrue));
    checkKindShapes(this.name, kind, yPred, yTrue);
    const p = yPred.data;
    const t = yTrue.data;
    let correct = 0;
    if (kind === "binary") {
      const thr = this.threshold;
      for (let i = 0; i < p.length; i++) if (p[i]! > thr === t[i]! > 0.5) correct++;
      this.total += p.length;
    } else {
      const c = lastDimOf(yPred);
      const rows = p.length / c;
      for (let r = 0; r < rows; r++) {
        const o = r * c;
        const predicted = argmaxAt(p, o, c);
        if (Number.isNaN(p[o + predicted])) continue;
        const actual = kind === "categorical" ? argmaxAt(t, o, c) : t[r];
        if (actual === predicted) correct++;
      }
      this.total += rows;
    }
    this.correct += correct;
  }

  result(): number {
    return this.total === 0 ? Number.NaN : this.correct / this.total;
  }
}

/** Binary accuracy (Keras's `binary_accuracy`); see {@link Accuracy}. */
export class BinaryAccuracy extends Accuracy {
  /** @param options - threshold (default 0.5) and name (default `"binary_accuracy"`) */
  constructor(options: { threshold?: number; name?: string } = {}) {
    checkOptions("BinaryAccuracy", options, ["threshold", "name"]);
    super({ ...options, kind: "binary", name: options.name ?? "binary_accuracy" });
  }
}

/** Categorical accuracy with one-hot targets (Keras's `categorical_accuracy`); see {@link Accuracy}. */
export class CategoricalAccuracy extends Accuracy {
  /** @param options - name (default `"categorical_accuracy"`) */
  constructor(options: { name?: string } = {}) {
    checkOptions("CategoricalAccuracy", options, ["name"]);
    super({ kind: "categorical", name: options.name ?? "categorical_accuracy" });
  }
}

/** Accuracy with integer labels (Keras's `sparse_categorical_accuracy`); see {@link Accuracy}. */
export class SparseCategoricalAccuracy extends Accuracy {
  /** @param options - name (default `"sparse_categorical_accuracy"`) */
  constructor(options: { name?: string } = {}) {
    checkOptions("SparseCategoricalAccuracy", options, ["name"]);
    super({ kind: "sparse", name: options.name ?? "sparse_categorical_accuracy" });
  }
}
