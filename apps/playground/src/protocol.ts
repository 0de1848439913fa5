/**
 * Messages between the page and the training worker. Every message about a
 * run carries the run's id, so the page can drop messages from a run it has
 * already replaced.
 */
import type { Settings } from "./state.js";

/** The square of the input plane the heat map shows, in data coordinates. */
export interface Domain {
  /** Smallest x0 (left edge). */
  readonly xMin: number;
  /** Largest x0 (right edge). */
  readonly xMax: number;
  /** Smallest x1 (bottom edge). */
  readonly yMin: number;
  /** Largest x1 (top edge). */
  readonly yMax: number;
}

/**
 * The user's CSV, parsed on the page (`parseCsv` of `@neurite/datasets`) and
 * handed to the worker with `configure`.
 */
export interface CustomData {
  /** A short name (the file's). */
  readonly name: string;
  /** Whether the target is a class or a value. */
  readonly task: "classification" | "regression";
  /** Features, row-major `[rows, featureNames.length]`. */
  readonly x: Float32Array;
  /** Targets: class labels (indices into `targetNames`) or values. */
  readonly y: Float32Array | Int32Array;
  /** Number of rows. */
  readonly rows: number;
  /** The feature columns. */
  readonly featureNames: readonly string[];
  /** Class names by label, or `[target column]` for a regression. */
  readonly targetNames: readonly string[];
}

/** The data of a run and its shape, sent once per run. */
export interface RunInfo {
  /** Classification or regression. */
  readonly task: "classification" | "regression";
  /** Features per sample (input units). */
  readonly features: number;
  /** The feature columns. */
  readonly featureNames: readonly string[];
  /** Class names by label, or the target's name for a regression. */
  readonly targetNames: readonly string[];
  /** The metric shown beside the loss: accuracy (classification) or R² (regression). */
  readonly metric: "accuracy" | "r2";
  /** True when the run has a decision map: a classification with 2 features. */
  readonly decisionMap: boolean;
  /** With a decision map: points `[x0, x1, x0, x1, ...]` in data coordinates, training set first; else empty. */
  readonly points: Float32Array;
  /** With a decision map: class label of each point; else empty. */
  readonly labels: Int32Array;
  /** The validation set's targets, in order (class labels or values). */
  readonly validationTargets: Float32Array;
  /** The first `trainSize` points are the training set, the rest the validation set. */
  readonly trainSize: number;
  /** Number of validation (held-out) samples. */
  readonly testSize: number;
  /** Number of classes (output units); 0 for a regression. */
  readonly classes: number;
  /** Mini-batches per epoch: ⌈trainSize / batchSize⌉. */
  readonly iterationsPerEpoch: number;
  /** The plotted square. */
  readonly domain: Domain;
  /** Trainable parameters of the network. */
  readonly parameters: number;
  /** The layers, as text, e.g. `Dense(4) → tanh → Dense(2) → softmax`. */
  readonly architecture: string;
}

/** One point of the loss curves, recorded at the end of each epoch (and once before training). */
export interface CurvePoint {
  /** Epochs completed. */
  readonly epoch: number;
  /** Mean loss over the epoch's mini-batches, in training mode (dropout on); before training: the loss on the training set. */
  readonly trainLoss: number;
  /** Loss on the validation (held-out) set, in evaluation mode. */
  readonly testLoss: number;
}

/** Where a run stands. */
export interface Progress {
  /** Epochs completed. */
  readonly epoch: number;
  /** Iterations (mini-batches) done in the current epoch, from 0 to iterationsPerEpoch − 1. */
  readonly iteration: number;
  /** Weight updates since the start. */
  readonly steps: number;
  /** Loss on the training set, evaluation mode. */
  readonly trainLoss: number;
  /** Accuracy on the training set, from 0 to 1 (R² for a regression, see {@link RunInfo.metric}). */
  readonly trainAccuracy: number;
  /** Loss on the validation (held-out) set. */
  readonly testLoss: number;
  /** Accuracy on the validation set, from 0 to 1 (R² for a regression). */
  readonly testAccuracy: number;
  /** True once the loss is no longer a finite number (training stops). */
  readonly diverged: boolean;
  /** Why training ended (the epoch limit or early stopping), or `null`. */
  readonly stopReason: string | null;
}

/**
 * A downloadable model: Neurite safetensors (`saveModel` of `@neurite/layers`)
 * or ONNX (`toOnnx` of `@neurite/interop`).
 */
export type ModelFormat = "safetensors" | "onnx";

/** What the page sends to the worker. */
export type ToWorker =
  | {
      readonly type: "configure";
      readonly run: number;
      readonly settings: Settings;
      /** The parsed CSV, when `settings.dataset` is `csv`. */
      readonly data?: CustomData;
    }
  | { readonly type: "start" }
  | { readonly type: "pause" }
  | { readonly type: "step" }
  /** Iterations per second while running; 0 is as fast as possible. */
  | { readonly type: "speed"; readonly stepsPerSecond: number }
  | { readonly type: "reset"; readonly run: number }
  /** Asks for the trained model in a format (answered by `model`). */
  | { readonly type: "export"; readonly run: number; readonly format: ModelFormat };

/** What the worker sends to the page. */
export type FromWorker =
  | { readonly type: "hello"; readonly backend: string; readonly threads: number }
  | { readonly type: "ready"; readonly run: number; readonly info: RunInfo }
  | {
      readonly type: "progress";
      readonly run: number;
      readonly running: boolean;
      readonly progress: Progress;
      /** Curve points recorded since the previous message of this run. */
      readonly curve: readonly CurvePoint[];
      /** Class probabilities over the domain: `grid × grid` cells, row 0 at the top, `classes` values each; empty without a decision map. */
      readonly probabilities: Float32Array;
      /** Cells per side of the probability grid. */
      readonly grid: number;
      /** Predictions on the validation set (class labels or values), as {@link RunInfo.validationTargets}. */
      readonly predictions: Float32Array;
    }
  | {
      readonly type: "model";
      readonly run: number;
      /** The format asked for. */
      readonly format: ModelFormat;
      /** The trained model: Neurite safetensors (architecture, weights, preprocessing) or ONNX. */
      readonly bytes: Uint8Array;
      /** Epochs trained when exported. */
      readonly epoch: number;
    }
  | { readonly type: "error"; readonly run: number; readonly message: string };
