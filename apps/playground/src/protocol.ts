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

/** The data of a run and its shape, sent once per run. */
export interface RunInfo {
  /** Points `[x0, x1, x0, x1, ...]` in data coordinates, training set first. */
  readonly points: Float32Array;
  /** Class label of each point. */
  readonly labels: Int32Array;
  /** The first `trainSize` points are the training set, the rest the test set. */
  readonly trainSize: number;
  /** Number of test points. */
  readonly testSize: number;
  /** Number of classes (output units). */
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
  /** Loss on the test set, in evaluation mode. */
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
  /** Accuracy on the training set, from 0 to 1. */
  readonly trainAccuracy: number;
  /** Loss on the test set. */
  readonly testLoss: number;
  /** Accuracy on the test set, from 0 to 1. */
  readonly testAccuracy: number;
  /** True once the loss is no longer a finite number (training stops). */
  readonly diverged: boolean;
}

/** What the page sends to the worker. */
export type ToWorker =
  | { readonly type: "configure"; readonly run: number; readonly settings: Settings }
  | { readonly type: "start" }
  | { readonly type: "pause" }
  | { readonly type: "step" }
  /** Iterations per second while running; 0 is as fast as possible. */
  | { readonly type: "speed"; readonly stepsPerSecond: number }
  | { readonly type: "reset"; readonly run: number };

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
      /** Class probabilities over the domain: `grid × grid` cells, row 0 at the top, `classes` values each. */
      readonly probabilities: Float32Array;
      /** Cells per side of the probability grid. */
      readonly grid: number;
    }
  | { readonly type: "error"; readonly run: number; readonly message: string };
