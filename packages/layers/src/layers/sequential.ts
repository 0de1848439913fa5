import { noGrad, type Variable } from "@neurite/autograd";
import {
  brand,
  checkOptions,
  type DType,
  optionNames,
  type Tensor,
  ValueError,
} from "@neurite/tensor";
import { asVariable } from "../internal.js";
import { Module, type SymbolicShape } from "../module.js";

/** One row of {@link ModelSummary}. */
export interface SummaryRow {
  /** The layer's name, or a Keras-style one (`dense`, `dense_1`, `batch_norm`). */
  name: string;
  /** The layer's type (`Dense`). */
  className: string;
  /** Its output shape; `null` is the batch dimension. */
  outputShape: SymbolicShape;
  /** trainable + nonTrainable. */
  params: number;
  /** Elements of trainable parameters. */
  trainable: number;
  /** Elements of frozen parameters and persistent buffers. */
  nonTrainable: number;
}

/** The structured form of `summary()`. */
export interface ModelSummary {
  /** The model's name. */
  name: string;
  /** The shape of one input sample (no batch dimension). */
  inputShape: number[];
  /** One row per layer. */
  rows: SummaryRow[];
  /** All parameters, buffers included. */
  total: number;
  /** Trainable parameters. */
  trainable: number;
  /** Non-trainable parameters (BatchNorm's moving statistics, frozen layers). */
  nonTrainable: number;
}

/** Options of {@link Sequential.summary}. */
export interface SummaryOptions {
  /** Print with console.log (default true). The table is returned either way. */
  print?: boolean;
}

const SUMMARY_OPTIONS = optionNames<SummaryOptions>({ print: true });

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** `(None, 20)`, as Keras prints shapes. */
export function formatShape(shape: SymbolicShape): string {
  const parts = shape.map((d) => (d === null ? "None" : String(d)));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
}

/**
 * A stack of modules applied in order: the output of each is the input of
 * the next. Children are named `0`, `1`, ... so parameters are `0.kernel`,
 * `1.gamma`, and so on.
 *
 * As in Keras, once the input size is known (the first layer's `inputDim`,
 * or after the first call) every layer is built as it is added, so the
 * weights exist right away; layers without a dtype take the one of the
 * layers before them.
 *
 * @example
 * ```ts
 * // The book's wine classifier.
 * const model = new Sequential([
 *   new Dense(20, { inputDim: 13 }),
 *   new BatchNorm(),
 *   new Activation("relu"),
 *   new Dense(3, { activation: "softmax" }),
 * ]);
 * model.summary();   // 280 + 80 + 0 + 63 = 423 parameters
 * ```
 */
export class Sequential extends Module {
  static {
    // instanceof holds across copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_Sequential)
    brand(this, "Sequential");
  }

  private readonly _layers: Module[] = [];
  private _inputShape: number[] | undefined;

  /**
   * @param layers - the modules, in order (more can be added with {@link Sequential.add})
   * @param options - `name` (default `"sequential"`)
   */
  constructor(layers: readonly Module[] = [], options: { name?: string } = {}) {
    super();
    checkOptions("Sequential", options, ["name"]);
    if (!Array.isArray(layers))
      throw new ValueError("Sequential", "layers", "expected an array of modules");
    this.name = options.name;
    for (const l of layers) this.add(l);
  }

  override get className(): string {
    return "Sequential";
  }

  /** Appends a module and returns this model. */
  add(layer: Module): this {
    if (!(layer instanceof Module))
      throw new ValueError(
        "Sequential.add",
        "layer",
        `expected a Module (Dense, BatchNorm, ...), got ${layer === null ? "null" : typeof layer}`,
      );
    if (layer === this)
      throw new ValueError("Sequential.add", "layer", "a model cannot contain itself");
    this.registerModule(String(this._layers.length), layer);
    this._layers.push(layer);
    const sample = this.expectedInputShape;
    if (sample) this.buildThrough([null, ...sample]);
    return this;
  }

  /**
   * Builds every layer not built yet for an input of `inputShape`, passing
   * each layer's output shape on to the next and, to layers without a dtype,
   * the dtype of the layers before them. Returns the rows of shapes.
   */
  private buildThrough(inputShape: SymbolicShape): SymbolicShape[] {
    let s = inputShape;
    let dtype: DType | undefined;
    const shapes: SymbolicShape[] = [];
    for (const layer of this._layers) {
      if (!layer.built) {
        if (layer.dtype === undefined && dtype !== undefined) layer.dtype = dtype;
        layer.build(s);
      }
      dtype = layer.dtype ?? dtype;
      s = layer.computeOutputShape(s);
      shapes.push(s);
    }
    return shapes;
  }

  /** The layers, in order. */
  get layers(): readonly Module[] {
    return this._layers.slice();
  }

  /**
   * The input size, when known: given at build time, or declared by the first
   * layer that declares one with only shape-preserving layers (Dropout,
   * Activation) before it, so `[Dropout, Dense(4, { inputDim: 3 }), Dense(2)]`
   * builds every layer as soon as it is added.
   */
  override get expectedInputShape(): number[] | undefined {
    if (this._inputShape) return this._inputShape.slice();
    for (const layer of this._layers) {
      const declared = layer.expectedInputShape;
      if (declared) return declared;
      if (!layer.preservesShape) return undefined;
    }
    return undefined;
  }

  /** Runs every layer in turn. */
  forward(x: Variable | Tensor): Variable {
    let h = asVariable("Sequential", "x", x);
    if (this._inputShape === undefined && h.rank >= 2) this._inputShape = h.shape.slice(1);
    for (const layer of this._layers) h = layer.call(h);
    return h;
  }

  /** Builds every layer for an input of `inputShape` (batch dimension included, e.g. `[null, 13]`). */
  override build(inputShape: SymbolicShape): void {
    this.buildThrough(inputShape);
    const sample = inputShape.slice(1);
    if (this._inputShape === undefined && sample.every((d) => typeof d === "number"))
      this._inputShape = sample as number[];
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    let s = inputShape;
    for (const layer of this._layers) s = layer.computeOutputShape(s);
    return s;
  }

  /**
   * Runs the model in eval mode without recording gradients (BatchNorm uses
   * its running statistics, Dropout is off), restores each layer's mode, and
   * returns the output tensor.
   */
  predict(x: Tensor | Variable): Tensor {
    return this.withMode(false, () => noGrad(() => this.call(x))).value;
  }

  /**
   * Layer names, output shapes and parameter counts. Builds layers that are
   * not built yet (as Keras's `model.build`).
   *
   * @param inputShape - one sample's shape, without the batch dimension (e.g.
   *   `[13]`); may be omitted once the model knows it (first layer's
   *   `inputDim`, or after a call)
   * @throws ValueError when the input shape is unknown
   */
  summarize(inputShape?: readonly number[]): ModelSummary {
    const sample = inputShape ? inputShape.slice() : this.expectedInputShape;
    if (sample === undefined)
      throw new ValueError(
        "summary",
        "inputShape",
        "the model's input size is unknown: pass one sample's shape, e.g. summary([13]), or give the first layer inputDim",
      );
    if (!Array.isArray(sample) || sample.some((d) => !Number.isInteger(d) || d <= 0))
      throw new ValueError(
        "summary",
        "inputShape",
        `expected positive integer sizes, got [${String(sample)}]`,
      );
    const shapes = this.buildThrough([null, ...sample]);
    const counters = new Map<string, number>();
    const rows: SummaryRow[] = [];
    for (const [i, layer] of this._layers.entries()) {
      const base = snake(layer.className);
      const seen = counters.get(base) ?? 0;
      counters.set(base, seen + 1);
      const c = layer.countParameters();
      rows.push({
        name: layer.name ?? (seen === 0 ? base : `${base}_${seen}`),
        className: layer.className,
        outputShape: shapes[i]!,
        params: c.total,
        trainable: c.trainable,
        nonTrainable: c.nonTrainable,
      });
    }
    if (this._inputShape === undefined) this._inputShape = sample.slice();
    const t = this.countParameters();
    return {
      name: this.name ?? "sequential",
      inputShape: sample.slice(),
      rows,
      total: t.total,
      trainable: t.trainable,
      nonTrainable: t.nonTrainable,
    };
  }

  /**
   * A Keras-style table of the layers (name and type, output shape, parameter
   * count) with total, trainable and non-trainable counts. Printed with
   * console.log unless `print: false`; always returned.
   */
  summary(inputShape?: readonly number[], options: SummaryOptions = {}): string {
    checkOptions("summary", options, SUMMARY_OPTIONS);
    const text = formatSummary(this.summarize(inputShape));
    if (options.print ?? true) console.log(text);
    return text;
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name ?? null };
  }
}

/** Renders a {@link ModelSummary} as Keras prints it. */
export function formatSummary(s: ModelSummary): string {
  const cells = s.rows.map((r) => [
    `${r.name} (${r.className})`,
    formatShape(r.outputShape),
    String(r.params),
  ]);
  const head = ["Layer (type)", "Output Shape", "Param #"];
  // Keras's default layout: 65 characters, columns ending at 29, 55 and 65; wider when needed.
  const mins = [29, 26, 10];
  const widths = head.map((h, i) =>
    Math.max(mins[i]!, h.length + 2, ...cells.map((c) => c[i]!.length + 2)),
  );
  const width = widths.reduce((a, b) => a + b, 0);
  const line = (c: string[]) => ` ${c.map((v, i) => v.padEnd(widths[i]!)).join("")}`.trimEnd();
  const n = (v: number) => v.toLocaleString("en-US");
  return [
    `Model: "${s.name}"`,
    "_".repeat(width),
    line(head),
    "=".repeat(width),
    ...cells.map(line),
    "=".repeat(width),
    `Total params: ${n(s.total)}`,
    `Trainable params: ${n(s.trainable)}`,
    `Non-trainable params: ${n(s.nonTrainable)}`,
    "_".repeat(width),
  ].join("\n");
}
