/**
 * The playground's training logic, free of any browser or worker API so it
 * runs (and is tested) in Node as well: build the data and the network from
 * {@link Settings}, train one mini-batch at a time, and predict class
 * probabilities over a grid of the input plane for the heat map.
 */
import {
  DataLoader,
  type Dataset,
  loadBreastCancer,
  loadDigits,
  loadIris,
  loadWine,
  makeBlobs,
  makeCircles,
  makeMoons,
  makeSpirals,
  makeXor,
  StandardScaler,
  trainTestSplit,
} from "@neurite/datasets";
import { toOnnx } from "@neurite/interop";
import {
  Activation,
  BatchNorm,
  Dense,
  Dropout,
  getLoss,
  type Loss,
  type Module,
  Sequential,
  saveModel,
  setSeed,
} from "@neurite/layers";
import {
  Adadelta,
  Adagrad,
  Adam,
  Adamax,
  AdamW,
  Nadam,
  type Optimizer,
  type ParamsInput,
  RMSprop,
  SGD,
} from "@neurite/optim";
import { Tensor } from "@neurite/tensor";
import { evaluate } from "@neurite/train";
import type { CurvePoint, CustomData, Domain, Progress, RunInfo } from "./protocol.js";
import type { OptimizerChoice, Settings } from "./state.js";

/** Share of the samples held out as the test set (the book's 75/25 split). */
export const TEST_FRACTION = 0.25;

/** Default cells per side of the heat map's probability grid. */
export const GRID_SIZE = 48;

/** The `@neurite/datasets` functions the playground's data comes from. */
const DATA_FUNCTIONS = {
  makeXor,
  makeMoons,
  makeCircles,
  makeSpirals,
  makeBlobs,
  loadIris,
  loadWine,
  loadBreastCancer,
  loadDigits,
} as const satisfies Record<string, (options?: never) => Dataset>;

/** A call of a `@neurite/datasets` function: how the data is made, for the trainer and for the copied code alike. */
export interface DataRecipe {
  /** The function's name. */
  readonly fn: keyof typeof DATA_FUNCTIONS;
  /** Its options, or none. */
  readonly options?: Readonly<Record<string, number | boolean>>;
}

/** How to make the data the settings name; `null` for the user's CSV, which comes from the page. */
export function dataRecipe(s: Settings): DataRecipe | null {
  const base = { nSamples: s.samples, seed: s.seed };
  switch (s.dataset) {
    case "xor":
      // The four corners of the unit square; shuffled so the split mixes them.
      return { fn: "makeXor", options: { ...base, noise: s.noise, shuffle: true } };
    case "moons":
      return { fn: "makeMoons", options: { ...base, noise: s.noise } };
    case "circles":
      return { fn: "makeCircles", options: { ...base, noise: s.noise, factor: 0.5 } };
    case "spirals":
      return { fn: "makeSpirals", options: { ...base, noise: s.noise } };
    case "blobs":
      // Clusters spread over [-10, 10]²: the noise is scaled to that size.
      return { fn: "makeBlobs", options: { ...base, centers: 3, clusterStd: s.noise * 10 } };
    case "iris":
      return { fn: "loadIris" };
    case "wine":
      return { fn: "loadWine" };
    case "breastCancer":
      return { fn: "loadBreastCancer" };
    case "digits":
      return { fn: "loadDigits" };
    case "csv":
      return null;
  }
}

/**
 * The dataset the settings describe: generated, built in, or (for `csv`) the
 * page's parsed file.
 *
 * @throws Error for `csv` without `custom` data
 */
export function makeDataset(s: Settings, custom?: CustomData): Dataset {
  const recipe = dataRecipe(s);
  if (recipe) {
    const make = DATA_FUNCTIONS[recipe.fn] as (options?: object) => Dataset;
    return make(recipe.options);
  }
  if (!custom) throw new Error("no CSV file is loaded: choose one first");
  return datasetFromCustom(custom);
}

/** The page's parsed CSV as a Dataset. */
export function datasetFromCustom(c: CustomData): Dataset {
  const features = c.featureNames.length;
  return {
    name: c.name,
    task: c.task,
    x: new Tensor(Float32Array.from(c.x), [c.rows, features]),
    y: new Tensor(c.task === "classification" ? Int32Array.from(c.y) : Float32Array.from(c.y), [
      c.rows,
    ]),
    featureNames: [...c.featureNames],
    targetNames: [...c.targetNames],
    description: `${c.name}: your CSV file`,
  };
}

/** How each optimizer choice is made: the `@neurite/optim` class and its options besides `lr`. */
export const OPTIMIZER_RECIPES = {
  sgd: { className: "SGD", options: {} },
  momentum: { className: "SGD", options: { momentum: 0.9 } },
  adam: { className: "Adam", options: {} },
  rmsprop: { className: "RMSprop", options: {} },
  adagrad: { className: "Adagrad", options: {} },
  adadelta: { className: "Adadelta", options: {} },
  adamax: { className: "Adamax", options: {} },
  nadam: { className: "Nadam", options: {} },
  adamw: { className: "AdamW", options: {} },
} as const satisfies Record<
  OptimizerChoice,
  { className: string; options: Readonly<Record<string, number>> }
>;

const OPTIMIZER_CLASSES = { SGD, Adam, RMSprop, Adagrad, Adadelta, Adamax, Nadam, AdamW } as const;

/** The optimizer the settings name, over `params`, with the chosen learning rate. */
export function makeOptimizer(choice: OptimizerChoice, params: ParamsInput, lr: number): Optimizer {
  const { className, options } = OPTIMIZER_RECIPES[choice];
  const Class = OPTIMIZER_CLASSES[className] as new (
    params: ParamsInput,
    options: { lr: number },
  ) => Optimizer;
  return new Class(params, { lr, ...options });
}

/** The loss and the metric of each task (the classifier's output is logits: softmax is fused into the loss). */
export const TASK_RECIPES = {
  classification: {
    loss: "sparseCategoricalCrossEntropy",
    lossOptions: { fromLogits: true },
    metric: "accuracy",
  },
  regression: { loss: "mse", lossOptions: {}, metric: "r2" },
} as const;

/** One layer of the network, as data: built by {@link buildModel}, written out by the copied code. */
export type LayerRecipe =
  | {
      readonly kind: "Dense";
      readonly units: number;
      readonly inputDim: number;
      readonly seed: number;
    }
  | { readonly kind: "BatchNorm" }
  | { readonly kind: "Activation"; readonly activation: string }
  | { readonly kind: "Dropout"; readonly rate: number; readonly seed: number };

/**
 * The layers the settings describe, for `inputs` features and `outputs`
 * output units: for each hidden layer `Dense(units)`, then BatchNorm (if on),
 * the activation, then Dropout (if on); finally `Dense(outputs)` producing
 * logits (classification) or the value (regression). Every layer has its own
 * seed derived from `settings.seed`.
 */
export function layerRecipes(s: Settings, inputs: number, outputs: number): LayerRecipe[] {
  const out: LayerRecipe[] = [];
  let width = inputs;
  for (const [i, spec] of s.layers.entries()) {
    out.push({ kind: "Dense", units: spec.units, inputDim: width, seed: s.seed + 101 + i });
    if (s.batchNorm) out.push({ kind: "BatchNorm" });
    out.push({ kind: "Activation", activation: spec.activation });
    if (s.dropout > 0) out.push({ kind: "Dropout", rate: s.dropout, seed: s.seed + 201 + i });
    width = spec.units;
  }
  out.push({ kind: "Dense", units: outputs, inputDim: width, seed: s.seed + 100 });
  return out;
}

/**
 * The network the settings describe (see {@link layerRecipes}); softmax is
 * fused into the loss (and applied to the logits for the heat map).
 *
 * @param inputs - features per sample (default 2, the generated sets)
 * @param outputs - output units: one per class, or 1 for a regression
 */
export function buildModel(s: Settings, outputs: number, inputs = 2): Sequential {
  setSeed(s.seed);
  const model = new Sequential();
  for (const l of layerRecipes(s, inputs, outputs)) {
    if (l.kind === "Dense") model.add(new Dense(l.units, { inputDim: l.inputDim, seed: l.seed }));
    else if (l.kind === "BatchNorm") model.add(new BatchNorm());
    else if (l.kind === "Activation") model.add(new Activation(l.activation));
    else model.add(new Dropout(l.rate, { seed: l.seed }));
  }
  return model;
}

/** The network as one line, e.g. `2 inputs → Dense(4) → tanh → Dense(2) → softmax`. */
export function describeArchitecture(
  s: Settings,
  outputs: number,
  inputs = 2,
  task: "classification" | "regression" = "classification",
): string {
  const parts = [`${inputs} input${inputs === 1 ? "" : "s"}`];
  for (const l of s.layers) {
    parts.push(`Dense(${l.units})`);
    if (s.batchNorm) parts.push("BatchNorm");
    parts.push(l.activation);
    if (s.dropout > 0) parts.push(`Dropout(${s.dropout})`);
  }
  parts.push(`Dense(${outputs})`);
  if (task === "classification") parts.push("softmax");
  return parts.join(" → ");
}

/** A square around the points, 10% larger than their extent on the wider axis. */
export function domainOf(points: ArrayLike<number>): Domain {
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!Number.isFinite(x0)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const half = Math.max((x1 - x0) / 2, (y1 - y0) / 2, 0.5) * 1.1;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/** Softmax of each row of `logits` (`rows × classes`), written to `out`. */
export function softmaxRows(logits: ArrayLike<number>, classes: number, out: Float32Array): void {
  const rows = Math.floor(logits.length / classes);
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[o + k]!);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(logits[o + k]! - max);
    for (let k = 0; k < classes; k++) out[o + k] = Math.exp(logits[o + k]! - max) / sum;
  }
}

/** Metadata key of the preprocessing a downloaded model needs (see {@link PlaygroundTrainer.exportModel}). */
export const PREPROCESSING_KEY = "playground.preprocessing";

/** What a downloaded model needs around it: stored as JSON in its safetensors metadata. */
export interface Preprocessing {
  /** Classification (the model outputs logits, one per class) or regression (one value). */
  readonly task: "classification" | "regression";
  /** The input columns, in order. */
  readonly featureNames: string[];
  /** Class names by label (classification) or the target's name (regression). */
  readonly targetNames: string[];
  /** StandardScaler: subtract `mean`, divide by `scale`, per feature, before the model. */
  readonly mean: number[];
  /** See {@link Preprocessing.mean}. */
  readonly scale: number[];
}

/**
 * One training run, advanced one mini-batch (one weight update) at a time.
 * Deterministic: the same settings give the same numbers after the same
 * number of steps, whatever is evaluated or predicted in between.
 *
 * @example
 * ```ts
 * const t = new PlaygroundTrainer(DEFAULT_SETTINGS);
 * for (let i = 0; i < 300; i++) t.step();
 * t.progress().testAccuracy; // ≈ 1 on XOR
 * ```
 */
export class PlaygroundTrainer {
  /** The settings of this run. */
  readonly settings: Settings;
  /** The data. */
  readonly dataset: Dataset;
  /** The network (outputs logits, or the value for a regression). */
  readonly model: Sequential;
  /** What the page needs to draw the run. */
  readonly info: RunInfo;
  private readonly optimizer: Optimizer;
  private readonly loss: Loss;
  private readonly metric: "accuracy" | "r2";
  private readonly scaler: StandardScaler;
  private readonly loader: DataLoader;
  private readonly xTrain: Tensor;
  private readonly yTrain: Tensor;
  private readonly xTest: Tensor;
  private readonly yTest: Tensor;
  private batches: Iterator<{ x: Tensor; y: Tensor }> | undefined;
  private epochLossSum = 0;
  private epochSeen = 0;
  private lastLoss = 0;
  private _epoch = 0;
  private _iteration = 0;
  private _steps = 0;
  private _diverged = false;
  private _stopReason: string | null = null;
  private bestLoss = Number.POSITIVE_INFINITY;
  private bestEpoch = 0;
  private readonly _curve: CurvePoint[] = [];

  /**
   * @param custom - the page's parsed CSV, for `settings.dataset === "csv"`
   * @throws the packages' errors for settings they refuse (the page shows the message)
   */
  constructor(settings: Settings, custom?: CustomData) {
    this.settings = settings;
    const data = makeDataset(settings, custom);
    this.dataset = data;
    const task = data.task;
    const classes = task === "classification" ? data.targetNames.length : 0;
    const outputs = task === "classification" ? classes : 1;
    const features = data.x.shape[1]!;
    const split = trainTestSplit(data.x, data.y, {
      testSize: TEST_FRACTION,
      seed: settings.seed + 1,
      stratify: task === "classification",
    });
    this.scaler = new StandardScaler().fit(split.xTrain);
    this.xTrain = this.scaler.transform(split.xTrain);
    this.xTest = this.scaler.transform(split.xTest);
    // A regression's model outputs [n, 1]: targets in the same shape.
    const column = (y: Tensor) => (task === "regression" ? y.reshape([y.shape[0]!, 1]) : y);
    this.yTrain = column(split.yTrain);
    this.yTest = column(split.yTest);
    const trainSize = split.xTrain.shape[0]!;
    const testSize = split.xTest.shape[0]!;
    this.loader = new DataLoader(this.xTrain, this.yTrain, {
      batchSize: Math.min(settings.batchSize, trainSize),
      shuffle: true,
      seed: settings.seed + 2,
    });
    this.model = buildModel(settings, outputs, features);
    this.optimizer = makeOptimizer(
      settings.optimizer,
      this.model.parameters(),
      settings.learningRate,
    );
    const recipe = TASK_RECIPES[task];
    this.loss = getLoss(recipe.loss, recipe.lossOptions);
    this.metric = recipe.metric;

    // Points for the decision map: only a 2-D classification has one.
    const map = task === "classification" && features === 2;
    const points = new Float32Array(map ? (trainSize + testSize) * 2 : 0);
    const labels = new Int32Array(map ? trainSize + testSize : 0);
    if (map) {
      points.set(split.xTrain.data as Float32Array, 0);
      points.set(split.xTest.data as Float32Array, trainSize * 2);
      labels.set(split.yTrain.data as Int32Array, 0);
      labels.set(split.yTest.data as Int32Array, trainSize);
    }
    this.info = {
      task,
      features,
      featureNames: [...data.featureNames],
      targetNames: [...data.targetNames],
      metric: this.metric,
      decisionMap: map,
      points,
      labels,
      validationTargets: Float32Array.from(split.yTest.data as ArrayLike<number>),
      trainSize,
      testSize,
      classes,
      iterationsPerEpoch: this.loader.iterationsPerEpoch,
      domain: domainOf(points),
      parameters: this.model.countParameters().trainable,
      architecture: describeArchitecture(settings, outputs, features, task),
    };
    const start = this.evaluate();
    this._curve.push({ epoch: 0, trainLoss: start.trainLoss, testLoss: start.testLoss });
  }

  /** Epochs completed. */
  get epoch(): number {
    return this._epoch;
  }

  /** Iterations done in the current epoch. */
  get iteration(): number {
    return this._iteration;
  }

  /** Weight updates so far. */
  get steps(): number {
    return this._steps;
  }

  /** True once a loss was NaN or infinite; {@link step} then does nothing. */
  get diverged(): boolean {
    return this._diverged;
  }

  /**
   * Why the run ended (the epoch limit, or early stopping), or `null` while it
   * may go on; {@link step} then does nothing.
   */
  get stopReason(): string | null {
    return this._stopReason;
  }

  /** True when training cannot continue: diverged or stopped. */
  get finished(): boolean {
    return this._diverged || this._stopReason !== null;
  }

  /** The loss curves: a point before training and one per completed epoch. */
  get curve(): readonly CurvePoint[] {
    return this._curve;
  }

  /** The loss of the last mini-batch (training mode). */
  get batchLoss(): number {
    return this.lastLoss;
  }

  /**
   * One iteration: a forward pass on the next mini-batch, the loss, the
   * backward pass and one optimizer update. After the epoch's last batch the
   * epoch counter advances, a curve point is recorded, and the epoch limit
   * and early stopping are checked.
   *
   * @returns true if an epoch ended with this step
   */
  step(): boolean {
    if (this.finished) return false;
    if (this.batches === undefined) this.batches = this.loader.epoch(this._epoch);
    const next = this.batches.next();
    if (next.done) throw new Error("the data loader ran out of batches mid-epoch");
    const { x, y } = next.value;
    const model: Module = this.model;
    model.train();
    model.zeroGrad();
    const out = model.call(x);
    const loss = this.loss.call(out, y);
    const value = loss.item();
    if (!Number.isFinite(value)) {
      this._diverged = true;
      this.lastLoss = value;
      return false;
    }
    loss.backward();
    this.optimizer.step();
    const rows = x.shape[0]!;
    this.lastLoss = value;
    this.epochLossSum += value * rows;
    this.epochSeen += rows;
    this._steps++;
    this._iteration++;
    if (this._iteration < this.loader.iterationsPerEpoch) return false;
    const test = this.lossAndMetric(this.xTest, this.yTest);
    this._epoch++;
    this._iteration = 0;
    this.batches = undefined;
    this._curve.push({
      epoch: this._epoch,
      trainLoss: this.epochLossSum / this.epochSeen,
      testLoss: test.loss,
    });
    this.epochLossSum = 0;
    this.epochSeen = 0;
    if (!Number.isFinite(test.loss)) this._diverged = true;
    else this.checkStop(test.loss);
    return true;
  }

  /** Early stopping on the validation loss (Keras's rule: any decrease is an improvement), then the epoch limit. */
  private checkStop(validationLoss: number): void {
    const { epochs, patience } = this.settings;
    if (validationLoss < this.bestLoss) {
      this.bestLoss = validationLoss;
      this.bestEpoch = this._epoch;
    }
    if (patience > 0 && this._epoch - this.bestEpoch >= patience)
      this._stopReason =
        `Stopped early at epoch ${this._epoch}: the validation loss has not improved for ` +
        `${patience} epoch${patience === 1 ? "" : "s"} (best ${this.bestLoss.toFixed(4)} at epoch ${this.bestEpoch}).`;
    else if (epochs > 0 && this._epoch >= epochs)
      this._stopReason = `Finished: reached the limit of ${epochs} epoch${epochs === 1 ? "" : "s"}.`;
  }

  private lossAndMetric(x: Tensor, y: Tensor): { loss: number; metric: number } {
    const logs = evaluate(this.model, x, y, {
      loss: this.loss,
      metrics: [this.metric],
      batchSize: 256,
    });
    return { loss: logs.loss ?? Number.NaN, metric: logs[this.metric] ?? Number.NaN };
  }

  /**
   * Loss and metric (accuracy, or R² for a regression) on the training and
   * validation sets, in evaluation mode (changes nothing).
   */
  evaluate(): {
    trainLoss: number;
    trainAccuracy: number;
    testLoss: number;
    testAccuracy: number;
  } {
    const train = this.lossAndMetric(this.xTrain, this.yTrain);
    const test = this.lossAndMetric(this.xTest, this.yTest);
    return {
      trainLoss: train.loss,
      trainAccuracy: train.metric,
      testLoss: test.loss,
      testAccuracy: test.metric,
    };
  }

  /** Where the run stands, with losses and metrics evaluated now. */
  progress(): Progress {
    return {
      epoch: this._epoch,
      iteration: this._iteration,
      steps: this._steps,
      ...this.evaluate(),
      diverged: this._diverged,
      stopReason: this._stopReason,
    };
  }

  /**
   * The model's predictions on the validation set, in its order: the
   * predicted class of each sample (classification), or the predicted value
   * (regression).
   */
  predictValidation(): Float32Array {
    const out = this.model.predict(this.xTest).data;
    const rows = this.info.testSize;
    const result = new Float32Array(rows);
    if (this.info.task === "regression") {
      for (let r = 0; r < rows; r++) result[r] = out[r]!;
      return result;
    }
    const k = this.info.classes;
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (out[r * k + c]! > out[r * k + best]!) best = c;
      result[r] = best;
    }
    return result;
  }

  /** The standardization the model expects its inputs in, with the column names. */
  preprocessing(): Preprocessing {
    return {
      task: this.info.task,
      featureNames: [...this.info.featureNames],
      targetNames: [...this.info.targetNames],
      mean: Array.from(this.scaler.mean!),
      scale: Array.from(this.scaler.scale!),
    };
  }

  /**
   * The trained model as Neurite safetensors bytes (`saveModel` of
   * `@neurite/layers`: architecture and weights); its metadata also holds the
   * {@link Preprocessing} under {@link PREPROCESSING_KEY}, since the model
   * expects standardized inputs.
   */
  exportModel(): Uint8Array {
    return saveModel(this.model, {
      metadata: { [PREPROCESSING_KEY]: JSON.stringify(this.preprocessing()) },
    }).weights;
  }

  /**
   * The trained model as an ONNX file (`toOnnx` of `@neurite/interop`), for
   * any ONNX runtime: input `[batch, features]` of standardized features (see
   * {@link preprocessing}), output the logits (classification) or the value.
   */
  exportOnnx(): Uint8Array {
    return toOnnx(this.model, { inputShape: [this.info.features] });
  }

  /**
   * Class probabilities at the centres of a `size × size` grid over the
   * domain, row 0 at the top (largest x1), `classes` values per cell. Empty
   * for runs without a decision map (not 2-D, or a regression).
   */
  predictGrid(size = GRID_SIZE): Float32Array {
    if (!this.info.decisionMap) return new Float32Array(0);
    const { xMin, xMax, yMin, yMax } = this.info.domain;
    const classes = this.info.classes;
    const xy = new Float32Array(size * size * 2);
    for (let r = 0; r < size; r++) {
      const y = yMax - ((r + 0.5) / size) * (yMax - yMin);
      for (let c = 0; c < size; c++) {
        const i = (r * size + c) * 2;
        xy[i] = xMin + ((c + 0.5) / size) * (xMax - xMin);
        xy[i + 1] = y;
      }
    }
    const input = this.scaler.transform(new Tensor(xy, [size * size, 2]));
    const logits = this.model.predict(input);
    const out = new Float32Array(size * size * classes);
    softmaxRows(logits.data, classes, out);
    return out;
  }
}
