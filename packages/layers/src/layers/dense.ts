import type { Parameter, Variable } from "@neurite/autograd";
import {
  checkOptions,
  type DType,
  optionNames,
  type Rng,
  ShapeError,
  type Tensor,
  ValueError,
} from "@neurite/tensor";
import { dense } from "../functional/dense.js";
import { getInitializer, type Initializer, type InitializerLike } from "../initializers.js";
import { bool, floatDType, fmt, positiveInt } from "../internal.js";
import { Module, type SymbolicShape } from "../module.js";
import { type RandomOptions, resolveRng } from "../random.js";
import {
  type ActivationLike,
  activationToJSON,
  checkDType,
  lastDim,
  layerInput,
  type ResolvedActivation,
  resolveActivation,
} from "./shared.js";

/** Options of {@link Dense}. Defaults follow Keras. */
export interface DenseOptions extends RandomOptions {
  /** Number of input features. Omit it to infer from the first call (lazy build). */
  inputDim?: number;
  /** Applied to the output in the same fused op (default none: identity). */
  activation?: ActivationLike | null;
  /** Whether to add a bias (default true). */
  useBias?: boolean;
  /** Kernel initializer (default `glorotUniform`, as Keras). */
  kernelInitializer?: InitializerLike;
  /** Bias initializer (default `zeros`). */
  biasInitializer?: InitializerLike;
  /**
   * Parameter dtype. Default: float32 when built from `inputDim`; when built
   * lazily, the dtype of the first input (float32 or float64).
   */
  dtype?: DType;
  /** A name for `summary()`. */
  name?: string;
}

const DENSE_OPTIONS = optionNames<DenseOptions>({
  inputDim: true,
  activation: true,
  useBias: true,
  kernelInitializer: true,
  biasInitializer: true,
  dtype: true,
  name: true,
  seed: true,
  rng: true,
});

/**
 * A fully connected layer: `activation(x · kernel + bias)` with the kernel
 * stored `[inputs, units]` (Keras layout; PyTorch's Linear stores the
 * transpose). Works on `[batch, inputs]` and on any `[..., inputs]`.
 *
 * The forward pass is one fused op (matrix product, bias and activation in a
 * single pass, see `functional.dense`), because on small batches the cost is
 * per-op overhead, not arithmetic.
 *
 * @example
 * ```ts
 * const layer = new Dense(20, { activation: "relu", seed: 1 });
 * const h = layer.call(x);          // x: [batch, 13] → kernel [13, 20] created now
 * ```
 */
export class Dense extends Module {
  /** Output features. */
  readonly units: number;
  /** Whether a bias is added. */
  readonly useBias: boolean;
  /** The activation (null for identity). */
  readonly activation: ResolvedActivation;
  /** Kernel initializer. */
  readonly kernelInitializer: Initializer;
  /** Bias initializer. */
  readonly biasInitializer: Initializer;
  private readonly rng: Rng;
  private readonly seed: number | undefined;
  private _inputDim: number | undefined;
  private _kernel: Parameter | undefined;
  private _bias: Parameter | null = null;

  /**
   * @param units - number of outputs (a positive integer)
   * @param options - see {@link DenseOptions}
   * @throws ValueError for bad units, inputDim, or an unknown activation / initializer name
   */
  constructor(units: number, options: DenseOptions = {}) {
    super();
    checkOptions("Dense", options, DENSE_OPTIONS);
    this.units = positiveInt("Dense", "units", units);
    this.useBias = bool("Dense", "useBias", options.useBias ?? true);
    this.activation = resolveActivation(options.activation);
    this.kernelInitializer = getInitializer(options.kernelInitializer ?? "glorotUniform");
    this.biasInitializer = getInitializer(options.biasInitializer ?? "zeros");
    this.rng = resolveRng("Dense", options);
    this.seed = options.seed;
    this.name = options.name;
    if (options.dtype !== undefined) this.dtype = floatDType("Dense", "dtype", options.dtype);
    if (options.inputDim !== undefined) {
      positiveInt("Dense", "inputDim", options.inputDim);
      this.build([null, options.inputDim]);
    }
  }

  override get className(): string {
    return "Dense";
  }

  /** Input features, once known. */
  get inputDim(): number | undefined {
    return this._inputDim;
  }

  override get built(): boolean {
    return this._inputDim !== undefined;
  }

  override get expectedInputShape(): number[] | undefined {
    return this._inputDim === undefined ? undefined : [this._inputDim];
  }

  /** The `[inputs, units]` weight matrix (after building). */
  get kernel(): Parameter {
    if (!this._kernel)
      throw new ValueError(
        "Dense",
        "kernel",
        "the layer is not built yet: call it once, give inputDim, or call build([null, inputs])",
      );
    return this._kernel;
  }

  /** The `[units]` bias, or null without one (or before building). */
  get bias(): Parameter | null {
    return this._bias;
  }

  override build(inputShape: SymbolicShape): void {
    const inDim = lastDim("Dense.build", inputShape);
    if (this._inputDim !== undefined) {
      if (inDim !== this._inputDim)
        throw new ShapeError(
          "Dense.build",
          "inputShape",
          `the layer is built for ${this._inputDim} inputs, got ${fmt(inputShape)}`,
        );
      return;
    }
    const dtype = this.dtype ?? "float32";
    this.dtype = dtype;
    const kernel = this.kernelInitializer.init([inDim, this.units], this.rng, dtype);
    this._kernel = this.registerParameter("kernel", kernel);
    if (this.useBias)
      this._bias = this.registerParameter(
        "bias",
        this.biasInitializer.init([this.units], this.rng, dtype),
      );
    this._inputDim = inDim;
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const inDim = lastDim("Dense", inputShape);
    if (this._inputDim !== undefined && inDim !== this._inputDim)
      throw new ShapeError(
        "Dense",
        "inputShape",
        `${this.label()} expects ${this._inputDim} input features, got shape ${fmt(inputShape)}`,
      );
    return [...inputShape.slice(0, -1), this.units];
  }

  private label(): string {
    return this.name ? `Dense '${this.name}'` : `Dense(${this.units})`;
  }

  /**
   * `activation(x · kernel + bias)`. Builds the layer on the first call from
   * the size of x's last axis (and its dtype, unless `dtype` was given).
   * @throws ShapeError when x's last axis differs from the built input size
   * @throws DTypeError when x's dtype differs from the parameters'
   */
  forward(x: Variable | Tensor): Variable {
    const v = layerInput("Dense", x);
    const inDim = v.shape[v.rank - 1]!;
    if (this._inputDim === undefined) {
      if (this.dtype === undefined) this.dtype = v.dtype;
      this.build(v.shape);
    } else if (inDim !== this._inputDim) {
      throw new ShapeError(
        "Dense",
        "x",
        `${this.label()} expects ${this._inputDim} input features (last axis), got shape ${fmt(v.shape)}`,
      );
    }
    checkDType("Dense", v, this.kernel.dtype);
    const a = this.activation;
    if (a?.kind === "custom") return a.fn(dense(v, this.kernel, this.bias));
    // A softmax or sigmoid output keeps its logits for the probability losses
    // (Keras's convention), so those two run as a separate op after the fused one.
    if (a && (a.fn.name === "softmax" || a.fn.name === "sigmoid"))
      return a.fn.apply(dense(v, this.kernel, this.bias));
    return dense(v, this.kernel, this.bias, a?.fn ?? null);
  }

  override getConfig(): Record<string, unknown> {
    return {
      units: this.units,
      inputDim: this._inputDim ?? null,
      activation: activationToJSON("Dense", this.activation),
      useBias: this.useBias,
      kernelInitializer: {
        name: this.kernelInitializer.name,
        config: { ...this.kernelInitializer.config },
      },
      biasInitializer: {
        name: this.biasInitializer.name,
        config: { ...this.biasInitializer.config },
      },
      dtype: this.dtype ?? null,
      seed: this.seed ?? null,
      name: this.name ?? null,
    };
  }
}
