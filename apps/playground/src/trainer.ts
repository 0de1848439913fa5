/**
 * The playground's training logic, free of any browser or worker API so it
 * runs (and is tested) in Node as well: build the data and the network from
 * {@link Settings}, train one mini-batch at a time, and predict class
 * probabilities over a grid of the input plane for the heat map.
 */
import {
  DataLoader,
  type Dataset,
  makeBlobs,
  makeCircles,
  makeMoons,
  makeSpirals,
  makeXor,
  StandardScaler,
  trainTestSplit,
} from "@neurite/datasets";
import {
  Activation,
  BatchNorm,
  Dense,
  Dropout,
  getLoss,
  type Loss,
  type Module,
  Sequential,
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
import type { CurvePoint, Domain, Progress, RunInfo } from "./protocol.js";
import type { OptimizerChoice, Settings } from "./state.js";

/** Share of the samples held out as the test set (the book's 75/25 split). */
export const TEST_FRACTION = 0.25;

/** Default cells per side of the heat map's probability grid. */
export const GRID_SIZE = 48;

/** Generates the 2-D dataset the settings describe (in data coordinates). */
export function makeDataset(s: Settings): Dataset {
  const base = { nSamples: s.samples, seed: s.seed };
  switch (s.dataset) {
    case "xor":
      // The four corners of the unit square; shuffled so the split mixes them.
      return makeXor({ ...base, noise: s.noise, shuffle: true });
    case "moons":
      return makeMoons({ ...base, noise: s.noise });
    case "circles":
      return makeCircles({ ...base, noise: s.noise, factor: 0.5 });
    case "spirals":
      return makeSpirals({ ...base, noise: s.noise });
    case "blobs":
      // Clusters spread over [-10, 10]²: the noise is scaled to that size.
      return makeBlobs({ ...base, centers: 3, clusterStd: s.noise * 10 });
  }
}

/** The optimizer the settings name, over `params`, with the chosen learning rate. */
export function makeOptimizer(choice: OptimizerChoice, params: ParamsInput, lr: number): Optimizer {
  switch (choice) {
    case "sgd":
      return new SGD(params, { lr });
    case "momentum":
      return new SGD(params, { lr, momentum: 0.9 });
    case "adam":
      return new Adam(params, { lr });
    case "rmsprop":
      return new RMSprop(params, { lr });
    case "adagrad":
      return new Adagrad(params, { lr });
    case "adadelta":
      return new Adadelta(params, { lr });
    case "adamax":
      return new Adamax(params, { lr });
    case "nadam":
      return new Nadam(params, { lr });
    case "adamw":
      return new AdamW(params, { lr });
  }
}

/**
 * The network the settings describe: for each hidden layer `Dense(units)`,
 * then BatchNorm (if on), the activation, then Dropout (if on); finally
 * `Dense(classes)` producing logits. Softmax is fused into the loss (and
 * applied to the logits for the heat map). Every layer has its own seed
 * derived from `settings.seed`.
 */
export function buildModel(s: Settings, classes: number): Sequential {
  setSeed(s.seed);
  const model = new Sequential();
  let inputs = 2;
  for (const [i, spec] of s.layers.entries()) {
    model.add(new Dense(spec.units, { inputDim: inputs, seed: s.seed + 101 + i }));
    if (s.batchNorm) model.add(new BatchNorm());
    model.add(new Activation(spec.activation));
    if (s.dropout > 0) model.add(new Dropout(s.dropout, { seed: s.seed + 201 + i }));
    inputs = spec.units;
  }
  model.add(new Dense(classes, { inputDim: inputs, seed: s.seed + 100 }));
  return model;
}

/** The network as one line, e.g. `2 → Dense(4) → tanh → Dense(2) → softmax`. */
export function describeArchitecture(s: Settings, classes: number): string {
  const parts = ["2 inputs"];
  for (const l of s.layers) {
    parts.push(`Dense(${l.units})`);
    if (s.batchNorm) parts.push("BatchNorm");
    parts.push(l.activation);
    if (s.dropout > 0) parts.push(`Dropout(${s.dropout})`);
  }
  parts.push(`Dense(${classes})`, "softmax");
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
  /** The generated data. */
  readonly dataset: Dataset;
  /** The network (outputs logits). */
  readonly model: Sequential;
  /** What the page needs to draw the run. */
  readonly info: RunInfo;
  private readonly optimizer: Optimizer;
  private readonly loss: Loss;
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
  private readonly _curve: CurvePoint[] = [];

  /** @throws the packages' errors for settings they refuse (the page shows the message) */
  constructor(settings: Settings) {
    this.settings = settings;
    const data = makeDataset(settings);
    this.dataset = data;
    const classes = data.targetNames.length;
    const split = trainTestSplit(data.x, data.y, {
      testSize: TEST_FRACTION,
      seed: settings.seed + 1,
      stratify: true,
    });
    this.scaler = new StandardScaler().fit(split.xTrain);
    this.xTrain = this.scaler.transform(split.xTrain);
    this.yTrain = split.yTrain;
    this.xTest = this.scaler.transform(split.xTest);
    this.yTest = split.yTest;
    const trainSize = split.xTrain.shape[0]!;
    const testSize = split.xTest.shape[0]!;
    this.loader = new DataLoader(this.xTrain, this.yTrain, {
      batchSize: Math.min(settings.batchSize, trainSize),
      shuffle: true,
      seed: settings.seed + 2,
    });
    this.model = buildModel(settings, classes);
    this.optimizer = makeOptimizer(
      settings.optimizer,
      this.model.parameters(),
      settings.learningRate,
    );
    this.loss = getLoss("sparseCategoricalCrossEntropy", { fromLogits: true });

    const points = new Float32Array((trainSize + testSize) * 2);
    points.set(split.xTrain.data as Float32Array, 0);
    points.set(split.xTest.data as Float32Array, trainSize * 2);
    const labels = new Int32Array(trainSize + testSize);
    labels.set(split.yTrain.data as Int32Array, 0);
    labels.set(split.yTest.data as Int32Array, trainSize);
    this.info = {
      points,
      labels,
      trainSize,
      testSize,
      classes,
      iterationsPerEpoch: this.loader.iterationsPerEpoch,
      domain: domainOf(points),
      parameters: this.model.countParameters().trainable,
      architecture: describeArchitecture(settings, classes),
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
   * epoch counter advances and a curve point is recorded.
   *
   * @returns true if an epoch ended with this step
   */
  step(): boolean {
    if (this._diverged) return false;
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
    const test = this.lossAndAccuracy(this.xTest, this.yTest);
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
    return true;
  }

  private lossAndAccuracy(x: Tensor, y: Tensor): { loss: number; accuracy: number } {
    const logs = evaluate(this.model, x, y, {
      loss: this.loss,
      metrics: ["accuracy"],
      batchSize: 256,
    });
    return { loss: logs.loss ?? Number.NaN, accuracy: logs.accuracy ?? Number.NaN };
  }

  /** Loss and accuracy on the training and test sets, in evaluation mode (changes nothing). */
  evaluate(): {
    trainLoss: number;
    trainAccuracy: number;
    testLoss: number;
    testAccuracy: number;
  } {
    const train = this.lossAndAccuracy(this.xTrain, this.yTrain);
    const test = this.lossAndAccuracy(this.xTest, this.yTest);
    return {
      trainLoss: train.loss,
      trainAccuracy: train.accuracy,
      testLoss: test.loss,
      testAccuracy: test.accuracy,
    };
  }

  /** Where the run stands, with losses and accuracies evaluated now. */
  progress(): Progress {
    return {
      epoch: this._epoch,
      iteration: this._iteration,
      steps: this._steps,
      ...this.evaluate(),
      diverged: this._diverged,
    };
  }

  /**
   * Class probabilities at the centres of a `size × size` grid over the
   * domain, row 0 at the top (largest x1), `classes` values per cell.
   */
  predictGrid(size = GRID_SIZE): Float32Array {
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
