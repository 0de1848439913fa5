import type { Parameter, Variable } from "@neurite/autograd";
import {
  checkOptions,
  type DType,
  full,
  kernels,
  optionNames,
  ShapeError,
  type Tensor,
  ValueError,
} from "@neurite/tensor";
import { batchNormInference, batchNormTraining } from "../functional/batchnorm.js";
import { bool, finite, floatDType, fmt, positiveInt } from "../internal.js";
import { Module, type SymbolicShape } from "../module.js";
import { checkDType, lastDim, layerInput } from "./shared.js";

/** Options of {@link BatchNorm}. Defaults follow Keras. */
export interface BatchNormOptions {
  /** Number of features (the last axis). Omit it to infer from the first call. */
  features?: number;
  /**
   * Weight of the old value in the running statistics (default 0.99, Keras):
   * `moving = momentum·moving + (1 − momentum)·batch`. PyTorch's `momentum`
   * is the weight of the new value instead (its 0.1 is Keras's 0.9).
   */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-3, Keras; PyTorch uses 1e-5). */
  epsilon?: number;
  /** Learn a shift `beta` (default true). */
  center?: boolean;
  /** Learn a scale `gamma` (default true). */
  scale?: boolean;
  /**
   * Update the moving variance with the unbiased batch variance (n / (n − 1)
   * times the biased one), as PyTorch does. Default false: Keras uses the
   * biased variance.
   */
  unbiasedMovingVariance?: boolean;
  /** Parameter dtype (default as {@link Dense}: float32, or the first input's when built lazily). */
  dtype?: DType;
  /** A name for `summary()`. */
  name?: string;
}

const BATCH_NORM_OPTIONS = optionNames<BatchNormOptions>({
  features: true,
  momentum: true,
  epsilon: true,
  center: true,
  scale: true,
  unbiasedMovingVariance: true,
  dtype: true,
  name: true,
});

/**
 * Batch normalization over the last (feature / channel) axis of a
 * `[batch, features]` or `[batch, ..., features]` input.
 *
 * - **Training mode** normalizes with the batch's mean and biased variance
 *   and updates the running statistics:
 *   `movingMean = momentum·movingMean + (1 − momentum)·mean` (same for the
 *   variance, with the biased batch variance as Keras does).
 * - **Eval mode** normalizes with the running statistics, so one sample's
 *   output does not depend on the rest of its batch.
 *
 * Then `y = gamma · x̂ + beta`. `gamma` and `beta` are trainable parameters;
 * `movingMean` and `movingVariance` are persistent buffers (saved in the state
 * dict, counted as non-trainable parameters). The running statistics are
 * updated in training mode even inside `noGrad`, as in PyTorch.
 *
 * A training batch with one value per feature has variance 0, so every output
 * equals beta; the layer warns once (console.warn) when that happens.
 */
export class BatchNorm extends Module {
  /** Old-value weight of the running statistics. */
  readonly momentum: number;
  /** Variance offset. */
  readonly epsilon: number;
  /** Whether beta exists. */
  readonly center: boolean;
  /** Whether gamma exists. */
  readonly scale: boolean;
  /** Whether the moving variance uses the unbiased batch variance. */
  readonly unbiasedMovingVariance: boolean;
  private _features: number | undefined;
  private warnedBatchOfOne = false;

  /** @param options - see {@link BatchNormOptions} */
  constructor(options: BatchNormOptions = {}) {
    super();
    const op = "BatchNorm";
    checkOptions(op, options, BATCH_NORM_OPTIONS);
    this.momentum = finite(op, "momentum", options.momentum ?? 0.99);
    if (this.momentum < 0 || this.momentum > 1)
      throw new ValueError(op, "momentum", `expected a value in [0, 1], got ${this.momentum}`);
    this.epsilon = finite(op, "epsilon", options.epsilon ?? 1e-3);
    if (!(this.epsilon > 0))
      throw new ValueError(op, "epsilon", `expected a positive value, got ${this.epsilon}`);
    this.center = bool(op, "center", options.center ?? true);
    this.scale = bool(op, "scale", options.scale ?? true);
    this.unbiasedMovingVariance = bool(
      op,
      "unbiasedMovingVariance",
      options.unbiasedMovingVariance ?? false,
    );
    this.name = options.name;
    if (options.dtype !== undefined) this.dtype = floatDType(op, "dtype", options.dtype);
    if (options.features !== undefined) {
      positiveInt(op, "features", options.features);
      this.build([null, options.features]);
    }
  }

  override get className(): string {
    return "BatchNorm";
  }

  /** Number of features, once known. */
  get features(): number | undefined {
    return this._features;
  }

  override get built(): boolean {
    return this._features !== undefined;
  }

  override get expectedInputShape(): number[] | undefined {
    return this._features === undefined ? undefined : [this._features];
  }

  /** The learned scale (null when `scale: false`). */
  get gamma(): Parameter | null {
    return this.getParameter("gamma") ?? null;
  }

  /** The learned shift (null when `center: false`). */
  get beta(): Parameter | null {
    return this.getParameter("beta") ?? null;
  }

  /** The running mean used in eval mode. */
  get movingMean(): Tensor {
    return this.getBuffer("movingMean");
  }

  /** The running (biased, unless configured) variance used in eval mode. */
  get movingVariance(): Tensor {
    return this.getBuffer("movingVariance");
  }

  override build(inputShape: SymbolicShape): void {
    const f = lastDim("BatchNorm.build", inputShape);
    if (this._features !== undefined) {
      if (f !== this._features)
        throw new ShapeError(
          "BatchNorm.build",
          "inputShape",
          `built for ${this._features} features, got ${fmt(inputShape)}`,
        );
      return;
    }
    const dtype = this.dtype ?? "float32";
    this.dtype = dtype;
    const filled = (v: number) => full([f], v, dtype);
    if (this.scale) this.registerParameter("gamma", filled(1));
    if (this.center) this.registerParameter("beta", filled(0));
    this.registerBuffer("movingMean", filled(0));
    this.registerBuffer("movingVariance", filled(1));
    this._features = f;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const f = lastDim("BatchNorm", inputShape);
    if (this._features !== undefined && f !== this._features)
      throw new ShapeError(
        "BatchNorm",
        "inputShape",
        `expects ${this._features} features, got ${fmt(inputShape)}`,
      );
    return inputShape.slice();
  }

  /**
   * Normalizes `x` (batch statistics in training mode, running statistics in
   * eval mode).
   * @throws ShapeError when the last axis differs from the built feature count
   */
  forward(x: Variable | Tensor): Variable {
    const v = layerInput("BatchNorm", x);
    const f = v.shape[v.rank - 1]!;
    if (this._features === undefined) {
      if (this.dtype === undefined) this.dtype = v.dtype;
      this.build(v.shape);
    } else if (f !== this._features) {
      throw new ShapeError(
        "BatchNorm",
        "x",
        `expects ${this._features} features (last axis), got shape ${fmt(v.shape)}`,
      );
    }
    checkDType("BatchNorm", v, this.movingMean.dtype);
    if (!this.training)
      return batchNormInference(
        v,
        this.gamma,
        this.beta,
        this.movingMean,
        this.movingVariance,
        this.epsilon,
      );
    const r = batchNormTraining(v, this.gamma, this.beta, this.epsilon);
    if (r.count === 1 && !this.warnedBatchOfOne) {
      this.warnedBatchOfOne = true;
      console.warn(
        `BatchNorm${this.name ? ` '${this.name}'` : ""}: a training batch with one value per feature has variance 0, so every output equals beta. Use batches of 2 or more, or eval() for inference.`,
      );
    }
    const correction = this.unbiasedMovingVariance && r.count > 1 ? r.count / (r.count - 1) : 1;
    kernels().batchNormUpdateStatistics(
      this.movingMean.data,
      this.movingVariance.data,
      r.mean,
      r.variance,
      this.momentum,
      correction,
    );
    this.movingMean.markModified();
    this.movingVariance.markModified();
    return r.y;
  }

  override getConfig(): Record<string, unknown> {
    return {
      features: this._features ?? null,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      unbiasedMovingVariance: this.unbiasedMovingVariance,
      dtype: this.dtype ?? null,
      name: this.name ?? null,
    };
  }
}
