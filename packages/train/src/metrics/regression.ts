import { checkOptions, optionNames, ShapeError, type Tensor } from "@neurite/tensor";
import type { Metric } from "./metric.js";
import { compatibleShapes, fmtShape, lastDimOf } from "./targets.js";

function checkSameShape(op: string, yPred: Tensor, yTrue: Tensor): void {
  if (!compatibleShapes(yPred.shape, yTrue.shape))
    throw new ShapeError(
      op,
      "yTrue",
      `yPred has shape ${fmtShape(yPred.shape)} but yTrue has shape ${fmtShape(yTrue.shape)}; they must match`,
    );
}

/** Options shared by the regression metrics. */
export interface RegressionMetricOptions {
  /** The log key. */
  name?: string;
}

const REGRESSION_METRIC_OPTIONS = optionNames<RegressionMetricOptions>({ name: true });

/** Sums of errors over every element seen, in float64. */
abstract class ErrorSum implements Metric {
  abstract readonly name: string;
  protected sum = 0;
  protected count = 0;
  protected abstract term(e: number): number;
  reset(): void {
    this.sum = 0;
    this.count = 0;
  }
  update(yPred: Tensor, yTrue: Tensor): void {
    checkSameShape(this.name, yPred, yTrue);
    const p = yPred.data;
    const t = yTrue.data;
    let s = 0;
    for (let i = 0; i < p.length; i++) s += this.term(p[i]! - t[i]!);
    this.sum += s;
    this.count += p.length;
  }
  abstract result(): number;
}

/** Mean squared error over every element of the epoch: `Σ(yPred − yTrue)² / count`. */
export class MeanSquaredErrorMetric extends ErrorSum {
  readonly name: string;
  /** @param options - name (default `"mse"`) */
  constructor(options: RegressionMetricOptions = {}) {
    super();
    checkOptions("MeanSquaredErrorMetric", options, REGRESSION_METRIC_OPTIONS);
    this.name = options.name ?? "mse";
  }
  protected term(e: number): number {
    return e * e;
  }
  result(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }
}

/** Root of the epoch's mean squared error (not a mean of per-batch roots). */
export class RootMeanSquaredError extends MeanSquaredErrorMetric {
  /** @param options - name (default `"rmse"`) */
  constructor(options: RegressionMetricOptions = {}) {
    checkOptions("RootMeanSquaredError", options, REGRESSION_METRIC_OPTIONS);
    super({ name: options.name ?? "rmse" });
  }
  override result(): number {
    return Math.sqrt(super.result());
  }
}

/** Mean absolute error over every element of the epoch. */
export class MeanAbsoluteErrorMetric extends ErrorSum {
  readonly name: string;
  /** @param options - name (default `"mae"`) */
  constructor(options: RegressionMetricOptions = {}) {
    super();
    checkOptions("MeanAbsoluteErrorMetric", options, REGRESSION_METRIC_OPTIONS);
    this.name = options.name ?? "mae";
  }
  protected term(e: number): number {
    return Math.abs(e);
  }
  result(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }
}

/**
 * The coefficient of determination `R² = 1 − SS_res / SS_tot` over every
 * sample of the epoch (not averaged per batch), with `SS_tot` taken around
 * the epoch's mean target. Multi-output targets (`[n, k]`) get one R² per
 * column, averaged uniformly (scikit-learn's default). A constant target
 * column scores 1 when predicted exactly and 0 otherwise (scikit-learn's
 * `force_finite`). Batch statistics are merged with Chan's formula, so the
 * result does not suffer from cancellation on large targets.
 */
export class R2Score implements Metric {
  readonly name: string;
  private count = 0;
  private mean: Float64Array = new Float64Array(0);
  private m2: Float64Array = new Float64Array(0);
  private ssRes: Float64Array = new Float64Array(0);

  /** @param options - name (default `"r2"`) */
  constructor(options: RegressionMetricOptions = {}) {
    checkOptions("R2Score", options, REGRESSION_METRIC_OPTIONS);
    this.name = options.name ?? "r2";
  }

  reset(): void {
    this.count = 0;
    this.mean = new Float64Array(0);
    this.m2 = new Float64Array(0);
    this.ssRes = new Float64Array(0);
  }

  update(yPred: Tensor, yTrue: Tensor): void {
    checkSameShape(this.name, yPred, yTrue);
    const k = Math.max(lastDimOf(yPred), lastDimOf(yTrue));
    if (this.count === 0) {
      this.mean = new Float64Array(k);
      this.m2 = new Float64Array(k);
      this.ssRes = new Float64Array(k);
    } else if (this.mean.length !== k)
      throw new ShapeError(
        this.name,
        "yTrue",
        `earlier batches had ${this.mean.length} output columns, this one has ${k}`,
      );
    const p = yPred.data;
    const t = yTrue.data;
    const n = t.length / k;
    if (n === 0) return;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += t[i * k + j]!;
      const bm = s / n;
      let bm2 = 0;
      let res = 0;
      for (let i = 0; i < n; i++) {
        const d = t[i * k + j]! - bm;
        bm2 += d * d;
        const e = p[i * k + j]! - t[i * k + j]!;
        res += e * e;
      }
      const na = this.count;
      const total = na + n;
      const delta = bm - this.mean[j]!;
      this.mean[j] = this.mean[j]! + (delta * n) / total;
      this.m2[j] = this.m2[j]! + bm2 + (delta * delta * na * n) / total;
      this.ssRes[j] = this.ssRes[j]! + res;
    }
    this.count += n;
  }

  result(): number {
    if (this.count === 0) return Number.NaN;
    let s = 0;
    const k = this.mean.length;
    for (let j = 0; j < k; j++) {
      const tot = this.m2[j]!;
      const res = this.ssRes[j]!;
      s += tot === 0 ? (res === 0 ? 1 : 0) : 1 - res / tot;
    }
    return s / k;
  }
}
