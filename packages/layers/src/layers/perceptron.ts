import {
  checkOptions,
  type DType,
  kernels,
  optionNames,
  type Rng,
  ShapeError,
  Tensor,
  ValueError,
} from "@neurite/tensor";
import { getInitializer, type InitializerLike } from "../initializers.js";
import { alloc, finite, floatDType, fmt, positiveInt } from "../internal.js";
import { type RandomOptions, resolveRng } from "../random.js";

/** Options of {@link Perceptron}. */
export interface PerceptronOptions extends RandomOptions {
  /** Number of inputs; omit to take it from the first `fit` or `predict`. */
  inputs?: number;
  /** Number of output units (default 1). Each learns independently. */
  outputs?: number;
  /** The step's threshold: a unit outputs 1 when `w·x + b > threshold` (default 0). */
  threshold?: number;
  /** Initial weights and bias (default `zeros`, the classic choice). */
  initializer?: InitializerLike;
  /** dtype of weights and predictions (default float32). */
  dtype?: DType;
}

/** One weight update of the perceptron rule, for printing the algorithm step by step. */
export interface PerceptronStep {
  /** Epoch, from 1. */
  epoch: number;
  /** Index of the sample in the data. */
  sample: number;
  /** Its inputs. */
  x: number[];
  /** Wanted outputs. */
  target: number[];
  /** What the units produced before the update. */
  output: number[];
  /** `target − output` per unit. */
  error: number[];
  /** Weights after the update, `[inputs][outputs]`. */
  weights: number[][];
  /** Bias after the update. */
  bias: number[];
}

/** Options of {@link Perceptron.fit}. */
export interface PerceptronFitOptions {
  /** The most epochs to run (default 100). Training stops early after an epoch without errors. */
  epochs?: number;
  /** Step size η of the rule (default 1). */
  learningRate?: number;
  /** Visit samples in a new random order each epoch (default false: data order). */
  shuffle?: boolean;
  /** Seed of the shuffling (default 0). */
  seed?: number;
  /** Called after every sample, for step-by-step printing. */
  onStep?: (step: PerceptronStep) => void;
}

/** What {@link Perceptron.fit} found. */
export interface PerceptronFitResult {
  /** True when an epoch classified every sample correctly. */
  converged: boolean;
  /** Epochs run: the epoch it converged in, or all of them. */
  epochs: number;
  /** Misclassified samples in each epoch (a sample counts once even with several wrong units). */
  errorsPerEpoch: number[];
  /** Final weights `[inputs][outputs]`. */
  weights: number[][];
  /** Final bias per output. */
  bias: number[];
  /** A sentence for people: converged in N epochs, or did not. */
  message: string;
}

const PERCEPTRON_OPTIONS = optionNames<PerceptronOptions>({
  inputs: true,
  outputs: true,
  threshold: true,
  initializer: true,
  dtype: true,
  seed: true,
  rng: true,
});
const PERCEPTRON_FIT_OPTIONS = optionNames<PerceptronFitOptions>({
  epochs: true,
  learningRate: true,
  shuffle: true,
  seed: true,
  onStep: true,
});

/**
 * Rosenblatt's perceptron: units computing `step(w·x + b)` trained by the
 * perceptron rule `w ← w + η·(y − ŷ)·x`, `b ← b + η·(y − ŷ)`, sample by
 * sample. It learns any linearly separable problem (AND, OR) in finitely many
 * epochs and never settles on XOR, which no single line separates; `fit`
 * then stops after `epochs` and says so.
 *
 * @example
 * ```ts
 * const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
 * const p = new Perceptron({ inputs: 2 });
 * p.fit(x, tensor([0, 0, 0, 1]), { epochs: 20 });   // AND: { converged: true, epochs: 4, ... }
 * p.predict(x).toArray();                         // [0, 0, 0, 1]
 * ```
 */
export class Perceptron {
  /** Output units. */
  readonly outputs: number;
  /** The step threshold. */
  readonly threshold: number;
  /** dtype of weights and predictions. */
  readonly dtype: DType;
  private readonly init: ReturnType<typeof getInitializer>;
  private readonly rng: Rng;
  private w: Float64Array | null = null;
  private b: Float64Array | null = null;
  private inputs: number | undefined;

  /** @param options - see {@link PerceptronOptions} */
  constructor(options: PerceptronOptions = {}) {
    checkOptions("Perceptron", options, PERCEPTRON_OPTIONS);
    this.outputs = positiveInt("Perceptron", "outputs", options.outputs ?? 1);
    this.threshold = finite("Perceptron", "threshold", options.threshold ?? 0);
    this.dtype = floatDType("Perceptron", "dtype", options.dtype ?? "float32");
    this.init = getInitializer(options.initializer ?? "zeros");
    this.rng = resolveRng("Perceptron", options);
    if (options.inputs !== undefined)
      this.build(positiveInt("Perceptron", "inputs", options.inputs));
  }

  private build(inputs: number): void {
    this.inputs = inputs;
    this.w = Float64Array.from(this.init.init([inputs, this.outputs], this.rng, "float64").data);
    this.b = Float64Array.from(this.init.init([this.outputs], this.rng, "float64").data);
  }

  /** The weights `[inputs, outputs]` (a copy), or null before the size is known. */
  get weights(): Tensor | null {
    return this.w ? this.tensorOf(this.w, [this.inputs!, this.outputs]) : null;
  }

  /** The bias `[outputs]` (a copy), or null before the size is known. */
  get bias(): Tensor | null {
    return this.b ? this.tensorOf(this.b, [this.outputs]) : null;
  }

  private tensorOf(v: Float64Array, shape: number[]): Tensor {
    const d = alloc(this.dtype, v.length);
    d.set(v);
    return new Tensor(d, shape);
  }

  private rows(op: string, x: Tensor): { n: number; d: number } {
    if (!(x instanceof Tensor) || x.rank !== 2)
      throw new ShapeError(
        op,
        "x",
        `expected a [samples, inputs] Tensor, got ${x instanceof Tensor ? fmt(x.shape) : typeof x}`,
      );
    const [n, d] = x.shape as [number, number];
    if (this.inputs === undefined) this.build(positiveInt(op, "x.shape[1]", d));
    if (d !== this.inputs)
      throw new ShapeError(
        op,
        "x",
        `the perceptron has ${this.inputs} inputs, got shape ${fmt(x.shape)}`,
      );
    return { n, d };
  }

  /** The weighted sums `x·W + b`, `[samples, outputs]`. */
  netInput(x: Tensor): Tensor {
    const { n } = this.rows("Perceptron.netInput", x);
    const out = alloc(this.dtype, n * this.outputs);
    kernels().perceptronNet(x.data, this.w!, this.b!, out, n, this.inputs!, this.outputs);
    return new Tensor(out, [n, this.outputs]);
  }

  /** 0/1 outputs: `[samples]` for one unit, `[samples, outputs]` for several. */
  predict(x: Tensor): Tensor {
    const z = this.netInput(x);
    // 1 above the threshold, 0 at or below it, NaN for NaN.
    kernels().unary("step", z.data, z.data, this.threshold, 0);
    return this.outputs === 1 ? z.reshape([z.shape[0]!]) : z;
  }

  /**
   * Trains with the perceptron rule until an epoch makes no mistake or
   * `epochs` run out; never loops forever.
   *
   * @param x - `[samples, inputs]`
   * @param y - 0/1 targets, `[samples]` (one unit) or `[samples, outputs]`
   * @throws ShapeError / ValueError for mismatched shapes, non-0/1 targets or bad options
   */
  fit(x: Tensor, y: Tensor, options: PerceptronFitOptions = {}): PerceptronFitResult {
    const op = "Perceptron.fit";
    checkOptions(op, options, PERCEPTRON_FIT_OPTIONS);
    const epochs = positiveInt(op, "epochs", options.epochs ?? 100);
    const lr = finite(op, "learningRate", options.learningRate ?? 1);
    if (!(lr > 0))
      throw new ValueError(op, "learningRate", `expected a positive number, got ${lr}`);
    const { n, d } = this.rows(op, x);
    const k = this.outputs;
    if (
      !(y instanceof Tensor) ||
      y.size !== n * k ||
      (y.rank !== 1 && y.rank !== 2) ||
      y.shape[0] !== n
    )
      throw new ShapeError(
        op,
        "y",
        `expected ${k === 1 ? `[${n}] or [${n},1]` : `[${n},${k}]`} targets for ${n} samples, got ${y instanceof Tensor ? fmt(y.shape) : typeof y}`,
      );
    for (let i = 0; i < y.size; i++)
      if (y.data[i] !== 0 && y.data[i] !== 1)
        throw new ValueError(op, "y", `targets must be 0 or 1, got ${y.data[i]} at index ${i}`);
    const w = this.w!;
    const b = this.b!;
    const shuffler = options.shuffle ? resolveRng(op, { seed: options.seed ?? 0 }) : null;
    const errorsPerEpoch: number[] = [];
    let converged = false;
    const outputs = new Float64Array(k);
    const errors = new Float64Array(k);
    for (let epoch = 1; epoch <= epochs && !converged; epoch++) {
      const order = shuffler ? Array.from(shuffler.permutation(n)) : [...Array(n).keys()];
      let mistakes = 0;
      for (const r of order) {
        kernels().perceptronUpdate(
          x.data,
          r * d,
          y.data,
          r * k,
          w,
          b,
          d,
          k,
          lr,
          this.threshold,
          outputs,
          errors,
        );
        if (errors.some((e) => e !== 0)) mistakes++;
        options.onStep?.({
          epoch,
          sample: r,
          x: Array.from(x.data.subarray(r * d, (r + 1) * d)),
          target: Array.from(y.data.subarray(r * k, (r + 1) * k)),
          output: Array.from(outputs),
          error: Array.from(errors),
          weights: this.weightRows(),
          bias: Array.from(b),
        });
      }
      errorsPerEpoch.push(mistakes);
      converged = mistakes === 0;
    }
    const ran = errorsPerEpoch.length;
    return {
      converged,
      epochs: ran,
      errorsPerEpoch,
      weights: this.weightRows(),
      bias: Array.from(b),
      message: converged
        ? `converged in epoch ${ran}: every sample is classified correctly`
        : `did not converge after ${ran} epochs (${errorsPerEpoch[ran - 1]} of ${n} samples still wrong); the classes may not be linearly separable, as with XOR`,
    };
  }

  private weightRows(): number[][] {
    const rows: number[][] = [];
    for (let i = 0; i < this.inputs!; i++)
      rows.push(Array.from(this.w!.subarray(i * this.outputs, (i + 1) * this.outputs)));
    return rows;
  }
}
