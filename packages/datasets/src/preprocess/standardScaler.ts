import { optionNames, type Tensor, ValueError } from "@neurite/tensor";
import { checkOptions } from "../internal/check.js";
import { describe } from "../internal/describe.js";
import {
  checkMatrix,
  checkTrainingMatrix,
  columnMeanVar,
  EPS,
  jsonNumbers,
  jsonObject,
  jsonSamplesSeen,
  mapColumns,
  requireFitted,
} from "./matrix.js";

/** Options of {@link StandardScaler}. */
export interface StandardScalerOptions {
  /** Subtract the mean (default true). */
  readonly withMean?: boolean;
  /** Divide by the standard deviation (default true). */
  readonly withStd?: boolean;
}

const STANDARD_SCALER_OPTIONS = optionNames<StandardScalerOptions>({
  withMean: true,
  withStd: true,
});

/** A fitted {@link StandardScaler} as plain JSON. */
export interface StandardScalerJSON {
  /** Always `"StandardScaler"`. */
  readonly type: "StandardScaler";
  /** Whether the mean is subtracted. */
  readonly withMean: boolean;
  /** Whether values are divided by `scale`. */
  readonly withStd: boolean;
  /** Per-feature mean of the training data. */
  readonly mean: number[];
  /** Per-feature population variance of the training data. */
  readonly variance: number[];
  /** Per-feature divisor: the standard deviation, or 1 for a constant feature. */
  readonly scale: number[];
  /** Number of training samples. */
  readonly nSamplesSeen: number;
}

interface State {
  mean: Float64Array;
  variance: Float64Array;
  scale: Float64Array;
  n: number;
  shape: number[];
}

/**
 * Standardizes features: `(x − mean) / std` per column, with the mean and the
 * population standard deviation (divides by n, as scikit-learn) of the
 * training data. Fit it on the training set only, then transform both sets.
 * A feature with zero variance gets scale 1 (it becomes 0, not NaN).
 * Statistics are computed in float64; float32 input gives float32 output.
 *
 * @example
 * ```ts
 * const scaler = new StandardScaler().fit(xTrain);
 * const xTrainS = scaler.transform(xTrain);
 * const xTestS = scaler.transform(xTest);
 * const saved = JSON.stringify(scaler); // StandardScaler.fromJSON(saved) restores it
 * ```
 */
export class StandardScaler {
  /** Whether the mean is subtracted. */
  readonly withMean: boolean;
  /** Whether values are divided by the standard deviation. */
  readonly withStd: boolean;
  private state: State | null = null;

  /** @param options - `withMean`, `withStd` (both default true) */
  constructor(options?: StandardScalerOptions) {
    const o = checkOptions("StandardScaler", options, STANDARD_SCALER_OPTIONS);
    this.withMean = o.withMean ?? true;
    this.withStd = o.withStd ?? true;
    for (const k of ["withMean", "withStd"] as const)
      if (typeof this[k] !== "boolean")
        throw new ValueError(
          "StandardScaler",
          `options.${k}`,
          `expected true or false, got ${describe(this[k])}`,
        );
  }

  /** Whether {@link fit} has been called (or the scaler was restored from JSON). */
  get fitted(): boolean {
    return this.state !== null;
  }
  /** Number of features it was fitted on, or `null`. */
  get nFeatures(): number | null {
    return this.state?.mean.length ?? null;
  }
  /** Per-feature mean (a copy), or `null` before fitting. */
  get mean(): Float64Array | null {
    return this.state?.mean.slice() ?? null;
  }
  /** Per-feature population variance (a copy), or `null` before fitting. */
  get variance(): Float64Array | null {
    return this.state?.variance.slice() ?? null;
  }
  /** Per-feature divisor (a copy): the standard deviation, 1 for constant features. */
  get scale(): Float64Array | null {
    return this.state?.scale.slice() ?? null;
  }

  /**
   * Learns each feature's mean and standard deviation from `x` (training data only).
   * @param x - `[samples, features]`, finite values, at least one sample
   * @throws ShapeError if x is not 2-D; ValueError for no samples or non-finite values
   */
  fit(x: Tensor): this {
    const op = "StandardScaler.fit";
    const [n, f] = checkTrainingMatrix(op, x);
    const [mean, variance] = columnMeanVar(x, n, f);
    const scale = new Float64Array(f);
    for (let c = 0; c < f; c++) {
      // A feature is constant when its variance is within rounding error of 0
      // (scikit-learn's test), so that it is scaled by 1 instead of by noise.
      const v = variance[c]!;
      const bound = n * EPS * v + (n * mean[c]! * EPS) ** 2;
      scale[c] = v <= bound ? 1 : Math.sqrt(v);
      if (v <= bound) variance[c] = 0;
    }
    this.state = { mean, variance, scale, n, shape: [n, f] };
    return this;
  }

  /**
   * Standardizes `x` with the fitted statistics.
   * @throws ValueError before fitting; ShapeError for another number of features
   */
  transform(x: Tensor): Tensor {
    const op = "StandardScaler.transform";
    const s = requireFitted(op, this.state);
    const [n, f] = checkMatrix(op, x, s.mean.length, s.shape);
    return mapColumns(x, n, f, (value, c) => {
      let v = value;
      if (this.withMean) v -= s.mean[c]!;
      if (this.withStd) v /= s.scale[c]!;
      return v;
    });
  }

  /**
   * Undoes {@link transform}: `x · std + mean`.
   * @throws ValueError before fitting; ShapeError for another number of features
   */
  inverseTransform(x: Tensor): Tensor {
    const op = "StandardScaler.inverseTransform";
    const s = requireFitted(op, this.state);
    const [n, f] = checkMatrix(op, x, s.mean.length, s.shape);
    return mapColumns(x, n, f, (value, c) => {
      let v = value;
      if (this.withStd) v *= s.scale[c]!;
      if (this.withMean) v += s.mean[c]!;
      return v;
    });
  }

  /** {@link fit} then {@link transform} on the same data. */
  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  /**
   * The fitted state as plain JSON (also used by `JSON.stringify`).
   * @throws ValueError before fitting
   */
  toJSON(): StandardScalerJSON {
    const s = requireFitted("StandardScaler.toJSON", this.state);
    return {
      type: "StandardScaler",
      withMean: this.withMean,
      withStd: this.withStd,
      mean: [...s.mean],
      variance: [...s.variance],
      scale: [...s.scale],
      nSamplesSeen: s.n,
    };
  }

  /**
   * Restores a scaler from {@link toJSON}'s output (an object or its JSON text).
   * @throws ValueError for anything else
   */
  static fromJSON(json: StandardScalerJSON | string): StandardScaler {
    const op = "StandardScaler.fromJSON";
    const o = jsonObject(op, json, "StandardScaler");
    const mean = jsonNumbers(op, o, "mean", null);
    const f = mean.length;
    const variance = jsonNumbers(op, o, "variance", f);
    const scale = jsonNumbers(op, o, "scale", f);
    if (f === 0 || scale.some((v) => v <= 0) || variance.some((v) => v < 0))
      throw new ValueError(
        op,
        "json",
        "expected at least one feature, positive scales and non-negative variances",
      );
    const n = jsonSamplesSeen(op, o);
    const scaler = new StandardScaler({
      withMean: o.withMean as boolean,
      withStd: o.withStd as boolean,
    });
    scaler.state = { mean, variance, scale, n, shape: [n, f] };
    return scaler;
  }
}
