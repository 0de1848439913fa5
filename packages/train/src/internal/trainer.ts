import type { Parameter } from "@neurite/autograd";
import { DataLoader } from "@neurite/datasets";
import { getLoss, type Loss, Module } from "@neurite/layers";
import type { Optimizer } from "@neurite/optim";
import { checkOptions, optionNames, Tensor, ValueError } from "@neurite/tensor";
import {
  type BatchLogs,
  type Callback,
  CallbackList,
  type TrainContext,
} from "../callbacks/callback.js";
import { TerminateOnNaN } from "../callbacks/terminate-on-nan.js";
import { History, type Logs, type TrainParams } from "../history.js";
import type { Metric } from "../metrics/metric.js";
import { resolveMetrics } from "../metrics/registry.js";
import { compatibleShapes, fmtShape, lastDimOf } from "../metrics/targets.js";
import type { FitAsyncOptions, Verbose } from "../options.js";
import { type ArgNames, checkSparseLabels, dryRun, fail } from "./checks.js";
import {
  type BatchLike,
  type BatchSource,
  checkBatchSize,
  checkPair,
  isBatchSource,
  rowsView,
  type ValidationSource,
  validationSource,
} from "./data.js";
import { evaluateBatches } from "./eval-loop.js";
import { checkFiniteData } from "./finite.js";
import { describeGot } from "./format.js";
import { checkLazyParameters, resolveOptimizer } from "./optimizer.js";

/** Builds the progress callback for a verbosity (undefined: none). @internal */
export type ProgressFactory = (
  verbose: Verbose,
  log: ((line: string) => void) | undefined,
) => Callback | undefined;

/** Every option of `fit(model, x, y, options)` and `fitAsync` (the compiler checks the list against the type). */
const X_Y_KEYS = optionNames<FitAsyncOptions>({
  loss: true,
  optimizer: true,
  metrics: true,
  epochs: true,
  initialEpoch: true,
  batchSize: true,
  shuffle: true,
  seed: true,
  validationSplit: true,
  validationData: true,
  validationBatchSize: true,
  callbacks: true,
  verbose: true,
  log: true,
  terminateOnNaN: true,
  checkFinite: true,
  yieldEvery: true,
});
const LOADER_ONLY_FORBIDDEN = ["batchSize", "shuffle", "seed", "validationSplit"] as const;

/** The model, data and options of a `fit` call, parsed from its overloads. @internal */
export interface FitCall {
  model: Module;
  x?: Tensor;
  y?: Tensor;
  loader?: BatchSource;
  options: FitAsyncOptions;
}

/** Reads `fit(model, x, y, options)` or `fit(model, loader, options)`. @internal */
export function parseFitArgs(op: string, model: unknown, args: readonly unknown[]): FitCall {
  if (!(model instanceof Module))
    throw new ValueError(
      op,
      "model",
      `expected a Module (a Sequential or a layer), got ${model === null ? "null" : typeof model}`,
    );
  const [a, b, c] = args;
  let call: FitCall;
  if (a instanceof Tensor) {
    if (!(b instanceof Tensor))
      throw new ValueError(
        op,
        "y",
        `expected the targets as a Tensor after x, got ${b === null ? "null" : typeof b}: fit(model, x, y, options)`,
      );
    call = { model, x: a, y: b, options: c as FitAsyncOptions };
  } else if (isBatchSource(a)) {
    call = { model, loader: a, options: b as FitAsyncOptions };
  } else {
    throw new ValueError(
      op,
      "x",
      `expected fit(model, x, y, options) with tensors or fit(model, loader, options) with a DataLoader, got ${a === null ? "null" : Array.isArray(a) ? "an array (wrap it with tensor(...))" : typeof a}`,
    );
  }
  const o = call.options as unknown;
  if (typeof o !== "object" || o === null || Array.isArray(o))
    throw new ValueError(
      op,
      "options",
      `expected an options object with at least a loss, e.g. { loss: "mse", epochs: 10 }, got ${o === null ? "null" : typeof o}`,
    );
  checkOptions(op, o, X_Y_KEYS);
  if (op === "fit" && (o as Record<string, unknown>).yieldEvery !== undefined)
    throw new ValueError(op, "yieldEvery", "fit runs synchronously and never yields; use fitAsync");
  if (call.loader)
    for (const k of LOADER_ONLY_FORBIDDEN)
      if ((o as Record<string, unknown>)[k] !== undefined)
        throw new ValueError(
          op,
          k,
          k === "validationSplit"
            ? "validationSplit needs tensors; with a DataLoader, pass validationData"
            : `the DataLoader decides ${k}; set it when building the loader`,
        );
  return call;
}

function intOption(op: string, name: string, v: unknown, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min)
    throw new ValueError(op, name, `expected a whole number >= ${min}, got ${describeGot(v)}`);
  return v;
}

function boolOption(op: string, name: string, v: unknown, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== "boolean")
    throw new ValueError(op, name, `expected true or false, got ${describeGot(v)}`);
  return v;
}

/**
 * Everything a training run needs, checked and set up, plus one method per
 * part of the loop. `fit` and `fitAsync` drive it the same way; only the
 * callback dispatch and yielding differ.
 * @internal
 */
export class Trainer {
  readonly op: string;
  readonly model: Module;
  readonly loss: Loss;
  readonly metrics: Metric[];
  readonly optimizer: Optimizer;
  readonly callbacks: CallbackList;
  readonly context: TrainContext;
  readonly history: History;
  readonly params: TrainParams;
  private readonly trainBatches: (epoch: number) => Iterable<BatchLike>;
  private readonly validation: ValidationSource | undefined;
  private readonly trainable: Parameter[];
  private readonly guard: TerminateOnNaN | undefined;
  private readonly modes: [Module, boolean][];
  /** Whether each batch of a loader is checked for NaN and infinities (tensors are checked once, up front). */
  private readonly checkBatches: boolean;
  private lossSum = 0;
  private seen = 0;
  /** The last batch's loss. */
  batchLoss = Number.NaN;
  /** The logs of the last finished epoch. */
  lastLogs: Logs = {};

  constructor(op: string, call: FitCall, progress: ProgressFactory) {
    this.op = op;
    const { model, options: o } = call;
    this.model = model;
    const epochs = intOption(op, "epochs", o.epochs, 1, 1);
    const initialEpoch = intOption(op, "initialEpoch", o.initialEpoch, 0, 0);
    if (initialEpoch >= epochs)
      throw new ValueError(
        op,
        "initialEpoch",
        `initialEpoch ${initialEpoch} leaves nothing to train with epochs ${epochs} (epochs is the index to train up to)`,
      );
    const verbose = o.verbose ?? 1;
    if (verbose !== 0 && verbose !== 1 && verbose !== 2)
      throw new ValueError(op, "verbose", `expected 0, 1 or 2, got ${describeGot(verbose)}`);
    if (o.log !== undefined && typeof o.log !== "function")
      throw new ValueError(op, "log", `expected a function (line) => void, got ${typeof o.log}`);
    const guardOn = boolOption(op, "terminateOnNaN", o.terminateOnNaN, true);
    const checkFinite = boolOption(op, "checkFinite", o.checkFinite, true);
    this.checkBatches = checkFinite && call.loader !== undefined;

    // ---- loss and metrics ----
    if (o.loss === undefined)
      throw new ValueError(
        op,
        "loss",
        'a loss is required, e.g. loss: "categoricalCrossEntropy" (one-hot targets), "sparseCategoricalCrossEntropy" (integer labels) or "mse"',
      );
    try {
      this.loss = getLoss(o.loss);
    } catch (e) {
      throw fail("value", op, "loss", e instanceof Error ? e.message : String(e), e);
    }
    if (this.loss.reduction === "none")
      throw new ValueError(
        op,
        "loss",
        'the loss has reduction "none" and returns one value per sample; fit needs one number per batch ("mean")',
      );
    const hint = {
      name: this.loss.name,
      fromLogits: (this.loss as { fromLogits?: boolean }).fromLogits,
    };
    this.metrics = resolveMetrics(op, o.metrics, hint);

    // ---- data ----
    let trainSamples: number;
    let batchSize: number;
    let iterationsPerEpoch: number;
    let first: BatchLike;
    let args: ArgNames;
    let validation: ValidationSource | undefined;
    let wholeY: Tensor | undefined;
    if (call.loader) {
      const loader = call.loader;
      args = { x: "loader", y: "loader" };
      if (loader.length === 0 || loader.iterationsPerEpoch === 0)
        throw new ValueError(op, "loader", "the loader has no samples (or no batch per epoch)");
      trainSamples = loader.length;
      batchSize = loader.batchSize;
      iterationsPerEpoch = loader.iterationsPerEpoch;
      const l = loader as BatchSource & {
        epoch?: (e: number) => Iterable<BatchLike>;
        nextEpoch?: number;
      };
      let found: BatchLike | undefined;
      const peek = typeof l.epoch === "function" ? l.epoch(l.nextEpoch ?? 0) : loader;
      for (const b of peek) {
        found = { x: b.x, y: b.y };
        break;
      }
      if (found === undefined) throw new ValueError(op, "loader", "the loader yielded no batch");
      first = found;
      this.trainBatches = () => loader;
    } else {
      const x = call.x!;
      const y = call.y!;
      args = { x: "x", y: "y" };
      const n = checkPair(op, x, y);
      if (checkFinite) {
        checkFiniteData(op, "x", x);
        checkFiniteData(op, "y", y);
      }
      batchSize = checkBatchSize(op, o.batchSize ?? 32);
      const shuffle = boolOption(op, "shuffle", o.shuffle, true);
      const seed = o.seed ?? 0;
      if (typeof seed !== "number" || !Number.isSafeInteger(seed))
        throw new ValueError(op, "seed", `expected a whole number, got ${String(seed)}`);
      const split = o.validationSplit ?? 0;
      if (typeof split !== "number" || !(split >= 0 && split < 1))
        throw new ValueError(
          op,
          "validationSplit",
          `expected a fraction in [0, 1), got ${String(split)}`,
        );
      if (split > 0 && o.validationData !== undefined)
        throw new ValueError(
          op,
          "validationSplit",
          "give either validationSplit or validationData, not both",
        );
      let xTrain = x;
      let yTrain = y;
      if (split > 0) {
        // Keras: the last fraction of the samples, before any shuffling.
        const cut = Math.floor(n * (1 - split));
        if (cut === 0 || cut === n)
          throw new ValueError(
            op,
            "validationSplit",
            `${split} of ${n} samples leaves an empty ${cut === 0 ? "training" : "validation"} set`,
          );
        xTrain = rowsView(x, 0, cut);
        yTrain = rowsView(y, 0, cut);
        const vx = rowsView(x, cut, n);
        const vy = rowsView(y, cut, n);
        // Already checked for NaN as part of x and y.
        validation = validationSource(op, [vx, vy], o.validationBatchSize ?? batchSize, false);
      }
      trainSamples = xTrain.shape[0]!;
      const loader = new DataLoader(xTrain, yTrain, {
        batchSize,
        shuffle,
        seed,
        reuseBuffers: true,
      });
      iterationsPerEpoch = loader.iterationsPerEpoch;
      first = {
        x: rowsView(xTrain, 0, Math.min(batchSize, trainSamples)),
        y: rowsView(yTrain, 0, Math.min(batchSize, trainSamples)),
      };
      this.trainBatches = (e) => loader.epoch(e);
      wholeY = y;
    }
    if (o.validationData !== undefined) {
      const vbs = checkBatchSize(op, o.validationBatchSize ?? batchSize, "validationBatchSize");
      validation = validationSource(op, o.validationData, vbs, checkFinite);
    } else if (o.validationBatchSize !== undefined && validation === undefined)
      checkBatchSize(op, o.validationBatchSize, "validationBatchSize");
    this.validation = validation;

    // ---- dry run: shapes, loss and metrics before the first step ----
    const existing = new Set(model.parameters());
    const out = dryRun(op, model, this.loss, this.metrics, first, args);
    if (wholeY && this.loss.name === "sparseCategoricalCrossEntropy")
      checkSparseLabels(op, wholeY, lastDimOf(out), "y");
    if (validation) {
      const vfirst = validation.first();
      const vArgs = { x: "validationData", y: "validationData" };
      if (!sameTail(vfirst.x.shape, first.x.shape))
        throw fail(
          "shape",
          op,
          "validationData",
          `validation x has samples of shape ${fmtShape(vfirst.x.shape.slice(1))} (batch ${fmtShape(vfirst.x.shape)}) but training x has ${fmtShape(first.x.shape.slice(1))}`,
        );
      if (!compatibleShapes(vfirst.y.shape.slice(1), first.y.shape.slice(1)))
        throw fail(
          "shape",
          op,
          "validationData",
          `validation y has targets of shape ${fmtShape(vfirst.y.shape.slice(1))} (batch ${fmtShape(vfirst.y.shape)}) but training y has ${fmtShape(first.y.shape.slice(1))}`,
        );
      dryRun(op, model, this.loss, this.metrics, vfirst, vArgs);
    }

    // ---- optimizer (after the dry run: lazily built layers now have weights) ----
    this.trainable = model.parameters().filter((p) => p.requiresGrad);
    if (this.trainable.length === 0)
      throw new ValueError(
        op,
        "model",
        "the model has no trainable parameters (all frozen, or none at all)",
      );
    this.optimizer = resolveOptimizer(op, o.optimizer ?? "adam", this.trainable);
    checkLazyParameters(op, this.optimizer, this.trainable, existing);

    // ---- history, callbacks, context ----
    const names = this.metrics.map((m) => m.name);
    const keys = ["loss", ...names];
    if (validation) keys.push("val_loss", ...names.map((n) => `val_${n}`));
    this.params = {
      epochs,
      initialEpoch,
      iterationsPerEpoch,
      samples: trainSamples,
      batchSize,
      validationSamples: validation?.samples ?? 0,
      keys,
    };
    this.history = new History(this.params);
    const user = o.callbacks ?? [];
    if (!Array.isArray(user))
      throw new ValueError(op, "callbacks", "expected an array of callbacks");
    new CallbackList(op, user); // checks the user's callbacks, numbered as given
    const list: Callback[] = [];
    const userGuard = user.find((c): c is TerminateOnNaN => c instanceof TerminateOnNaN);
    if (guardOn && !userGuard) list.push(new TerminateOnNaN());
    list.push(...user);
    const bar = progress(verbose, o.log);
    if (bar) list.push(bar);
    this.callbacks = new CallbackList(op, list);
    this.guard = list.find((c): c is TerminateOnNaN => c instanceof TerminateOnNaN);
    this.context = {
      model,
      optimizer: this.optimizer,
      params: this.params,
      history: this.history,
      stopTraining: false,
      epoch: initialEpoch,
      iteration: 0,
      step: 0,
      batch: undefined,
      runningLogs: () => this.runningLogs(),
    };
    this.modes = model.modules().map((m) => [m, m.training]);
  }

  /** Training mode for the whole model (the modes found are restored by {@link Trainer.restoreModes}). */
  enterTraining(): void {
    this.model.train(true);
  }

  /** Puts every module back in the mode it had before the run. */
  restoreModes(): void {
    for (const [m, t] of this.modes) m.training = t;
  }

  /** Resets the epoch's accumulators. */
  beginEpoch(epoch: number): void {
    this.context.epoch = epoch;
    this.context.iteration = 0;
    this.lossSum = 0;
    this.seen = 0;
    for (const m of this.metrics) m.reset();
  }

  /** The batches of an epoch. */
  batches(epoch: number): Iterable<BatchLike> {
    return this.trainBatches(epoch);
  }

  /**
   * One iteration: forward in training mode, loss, backward, optimizer step,
   * metric update. A non-finite loss goes to the NaN guard before backward.
   * @returns false when the batch was not applied (training must stop)
   */
  step(b: BatchLike): boolean {
    const params = this.trainable;
    for (let i = 0; i < params.length; i++) params[i]!.grad = null;
    if (this.checkBatches) {
      const where = `batch ${this.context.iteration} of epoch ${this.context.epoch}: its `;
      checkFiniteData(this.op, "loader", b.x, `${where}x `);
      checkFiniteData(this.op, "loader", b.y, `${where}y `);
    }
    const out = this.model.call(b.x);
    const l = this.loss.call(out, b.y);
    const v = l.value.data[0]!;
    this.batchLoss = v;
    if (v - v !== 0 && this.guard) {
      this.guard.onNonFiniteLoss(this.op, v, this.context);
      return false;
    }
    l.backward();
    this.optimizer.step();
    if (this.guard && !this.guard.checkWeights(this.op, v, this.context)) return false;
    const n = b.x.shape[0]!;
    this.lossSum += v * n;
    this.seen += n;
    const o = out.value;
    const ms = this.metrics;
    for (let i = 0; i < ms.length; i++) ms[i]!.update(o, b.y);
    this.context.step++;
    return true;
  }

  /** The logs of the batch just done. */
  batchLogs(b: BatchLike): BatchLogs {
    return {
      loss: this.seen === 0 ? Number.NaN : this.lossSum / this.seen,
      batchLoss: this.batchLoss,
      size: b.x.shape[0]!,
    };
  }

  /** The epoch's running loss and metrics. */
  runningLogs(): Logs {
    const logs: Logs = { loss: this.seen === 0 ? Number.NaN : this.lossSum / this.seen };
    for (const m of this.metrics) logs[m.name] = m.result();
    return logs;
  }

  /** Training logs of the epoch, then validation in eval mode: the epoch's logs. */
  endEpoch(): Logs {
    const logs = this.runningLogs();
    if (this.validation)
      Object.assign(
        logs,
        evaluateBatches(this.model, this.validation.batches(), this.loss, this.metrics, "val_"),
      );
    return logs;
  }
}

function sameTail(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => i === 0 || d === b[i]);
}
