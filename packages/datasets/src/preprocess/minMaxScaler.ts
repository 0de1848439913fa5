import { optionNames, type Tensor, ValueError } from "@neurite/tensor";
import { checkOptions } from "../internal/check.js";
import { describe } from "../internal/describe.js";
import {
  checkMatrix,
  checkTrainingMatrix,
  columnMinMax,
  EPS,
  jsonNumbers,
  jsonObject,
  jsonSamplesSeen,
  mapColumns,
  requireFitted,
} from "./matrix.js";

/** Options of {@link MinMaxScaler}. */
export interface MinMaxScalerOptions {
  /** The target range `[low, high]` with low < high (default `[0, 1]`). */
  readonly featureRange?: readonly [number, number];
  /** Clip transformed values to the range (values outside the training range otherwise fall outside it). Default false. */
  readonly clip?: boolean;
}

const MIN_MAX_SCALER_OPTIONS = optionNames<MinMaxScalerOptions>({ featureRange: true, clip: true });

/** A fitted {@link MinMaxScaler} as plain JSON. */
export interface MinMaxScalerJSON {
  /** Always `"MinMaxScaler"`. */
  readonly type: "MinMaxScaler";
  /** The target range. */
  readonly featureRange: [number, number];
  /** Whether transform clips. */
  readonly clip: boolean;
  /** Per-feature minimum of the training data. */
  readonly dataMin: number[];
  /** Per-feature maximum of the training data. */
  readonly dataMax: number[];
  /** Number of training samples. */
  readonly nSamplesSeen: number;
}

interface State {
  dataMin: Float64Array;
  dataMax: Float64Array;
  scale: Float64Array;
  offset: Float64Array;
  n: number;
}

/**
 * Scales each feature linearly so that the training data's minimum and maximum
 * map to `featureRange` (default [0, 1]): `x · scale + offset` with
 * `scale = (high − low) / (max − min)` and `offset = low − min · scale`, as
 * scikit-learn's `MinMaxScaler`. A constant feature gets scale 1 (it maps to
 * `low`, not NaN). Fit it on the training data only.
 *
 * @example
 * ```ts
 * const scaler = new MinMaxScaler({ featureRange: [-1, 1] }).fit(xTrain);
 * const xTestS = scaler.transform(xTest);
 * ```
 */
export class MinMaxScaler {
  /** The target range. */
  readonly featureRange: readonly [number, number];
  /** Whether transformed values are clipped to the range. */
  readonly clip: boolean;
  private state: State | null = null;

  /** @param options - `featureRange` (default [0, 1]), `clip` (default false) */
  constructor(options?: MinMaxScalerOptions) {
    const op = "MinMaxScaler";
    const o = checkOptions(op, options, MIN_MAX_SCALER_OPTIONS);
    const range = o.featureRange ?? [0, 1];
    if (
      !Array.isArray(range) ||
      range.length !== 2 ||
      !range.every((v) => typeof v === "number" && Number.isFinite(v)) ||
      !(range[0] < range[1])
    )
      throw new ValueError(
        op,
        "options.featureRange",
        `expected [low, high] with finite low < high, got ${Array.isArray(range) ? `[${range.join(", ")}]` : describe(range)}`,
      );
    const clip = o.clip ?? false;
    if (typeof clip !== "boolean")
      throw new ValueError(op, "options.clip", `expected true or false, got ${describe(clip)}`);
    this.featureRange = [range[0], range[1]];
    this.clip = clip;
  }

  /** Whether {@link fit} has been called (or the scaler was restored from JSON). */
  get fitted(): boolean {
    return this.state !== null;
  }
  /** Number of features it was fitted on, or `null`. */
  get nFeatures(): number | null {
    return this.state?.dataMin.length ?? null;
  }
  /** Per-feature training minimum (a copy), or `null`. */
  get dataMin(): Float64Array | null {
    return this.state?.dataMin.slice() ?? null;
  }
  /** Per-feature training maximum (a copy), or `null`. */
  get dataMax(): Float64Array | null {
    return this.state?.dataMax.slice() ?? null;
  }
  /** Per-feature factor (a copy), or `null`. */
  get scale(): Float64Array | null {
    return this.state?.scale.slice() ?? null;
  }

  /**
   * Learns each feature's minimum and maximum from `x` (training data only).
   * @throws ShapeError if x is not 2-D; ValueError for no samples or non-finite values
   */
  fit(x: Tensor): this {
    const op = "MinMaxScaler.fit";
    const [n, f] = checkTrainingMatrix(op, x);
    const [lo, hi] = columnMinMax(x, n, f);
    this.state = this.derive(lo, hi, n);
    return this;
  }

  private derive(dataMin: Float64Array, dataMax: Float64Array, n: number): State {
    const f = dataMin.length;
    const [low, high] = this.featureRange;
    const scale = new Float64Array(f);
    const offset = new Float64Array(f);
    for (let c = 0; c < f; c++) {
      const range = dataMax[c]! - dataMin[c]!;
      scale[c] = (high - low) / (range < 10 * EPS ? 1 : range);
      offset[c] = low - dataMin[c]! * scale[c]!;
    }
    return { dataMin, dataMax, scale, offset, n };
  }

  /**
   * Maps `x` into the feature range with the fitted minimum and maximum.
   * @throws ValueError before fitting; ShapeError for another number of features
   */
  transform(x: Tensor): Tensor {
    const op = "MinMaxScaler.transform";
    const s = requireFitted(op, this.state);
    const [n, f] = checkMatrix(op, x, s.scale.length, [s.n, s.scale.length]);
    const [low, high] = this.featureRange;
    return mapColumns(x, n, f, (value, c) => {
      const v = value * s.scale[c]! + s.offset[c]!;
      return this.clip ? Math.min(high, Math.max(low, v)) : v;
    });
  }

  /**
   * Undoes {@link transform}: `(x − offset) / scale`.
   * @throws ValueError before fitting; ShapeError for another number of features
   */
  inverseTransform(x: Tensor): Tensor {
    const op = "MinMaxScaler.inverseTransform";
    const s = requireFitted(op, this.state);
    const [n, f] = checkMatrix(op, x, s.scale.length, [s.n, s.scale.length]);
    return mapColumns(x, n, f, (value, c) => (value - s.offset[c]!) / s.scale[c]!);
  }

  /** {@link fit} then {@link transform} on the same data. */
  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  /**
   * The fitted state as plain JSON (also used by `JSON.stringify`).
   * @throws ValueError before fitting
   */
  toJSON(): MinMaxScalerJSON {
    const s = requireFitted("MinMaxScaler.toJSON", this.state);
    return {
      type: "MinMaxScaler",
      featureRange: [this.featureRange[0], this.featureRange[1]],
      clip: this.clip,
      dataMin: [...s.dataMin],
      dataMax: [...s.dataMax],
      nSamplesSeen: s.n,
    };
  }

  /**
   * Restores a scaler from {@link toJSON}'s output (an object or its JSON text).
   * @throws ValueError for anything else
   */
  static fromJSON(json: MinMaxScalerJSON | string): MinMaxScaler {
    const op = "MinMaxScaler.fromJSON";
    const o = jsonObject(op, json, "MinMaxScaler");
    const dataMin = jsonNumbers(op, o, "dataMin", null);
    const dataMax = jsonNumbers(op, o, "dataMax", dataMin.length);
    const range = jsonNumbers(op, o, "featureRange", 2);
    if (dataMin.length === 0 || dataMin.some((v, i) => v > dataMax[i]!))
      throw new ValueError(op, "json", "expected at least one feature and dataMin <= dataMax");
    const n = jsonSamplesSeen(op, o);
    const scaler = new MinMaxScaler({
      featureRange: [range[0]!, range[1]!],
      clip: o.clip as boolean,
    });
    scaler.state = scaler.derive(dataMin, dataMax, n);
    return scaler;
  }
}
