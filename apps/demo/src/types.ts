import type { Module } from "@neurite/layers";

/** Options every example's `run` accepts; the CLI builds them from its arguments. */
export interface ExampleOptions {
  /** Training epochs (each example has its own default, e.g. the book's 30). */
  epochs?: number;
  /** Samples per mini-batch (each example has its own default, e.g. the book's 5). */
  batchSize?: number;
  /** Seed of everything random: initial weights, shuffling, dropout masks (default 0). */
  seed?: number;
  /** Directory for the SVG charts and the HTML report (default `./neurite-out`). */
  out?: string;
  /** Standardize the features, fitted on the training split (wine, boston, batchnorm). */
  scale?: boolean;
  /**
   * Momentum of the BatchNorm layer's moving statistics (wine, batchnorm; default
   * {@link DEMO_BN_MOMENTUM}). Keras's layer default is 0.99; see the README for why the
   * demo uses 0.9.
   */
  bnMomentum?: number;
  /** Where human-readable lines go (default `console.log`); `null` prints nothing. */
  log?: ((line: string) => void) | null;
  /** Show each epoch's progress while training (default false; the CLI turns it on). */
  progress?: boolean;
  /**
   * Draw the progress as a live bar on the terminal (stdout) instead of one
   * line per epoch through `log` (default false; the CLI turns it on when
   * stdout is a terminal).
   */
  progressBar?: boolean;
  /** Called with each model once it is trained (the CLI's `--export` keeps it to write files). */
  onTrained?: (model: Module) => void;
}

/** Train/test sizes. */
export interface Samples {
  /** Samples the network was trained on. */
  train: number;
  /** Held-out samples it was tested on. */
  test: number;
}

/** What every example's `run` returns; `--json` prints it. */
export interface ExampleResult {
  /** The example's name, e.g. `"wine"`. */
  example: string;
  /** The seed used. */
  seed: number;
  /** Epochs trained (null when nothing is trained). */
  epochs: number | null;
  /** Mini-batch size (null when nothing is trained). */
  batchSize: number | null;
  /** Weight updates per epoch: ⌈train samples / batch size⌉ (null when nothing is trained). */
  iterationsPerEpoch: number | null;
  /** Train/test sizes (null when there is no data set). */
  samples: Samples | null;
  /** Wall-clock training time in milliseconds (null when nothing is trained). */
  trainingTimeMs: number | null;
  /** Final metrics by name, e.g. `{ trainAccuracy: 0.98, testAccuracy: 0.93 }`. */
  metrics: Record<string, number>;
  /** Files written (SVG charts, the HTML report). */
  files: string[];
}

/**
 * The BatchNorm momentum the wine and batchnorm examples use by default: 0.9
 * (PyTorch's default; Keras's is 0.99). On the book's raw features the first
 * layer's outputs move fast during the 810 updates, and moving averages with
 * momentum 0.99 trail them by about a hundred updates, so the eval-mode
 * statistics no longer match the trained weights; 0.9 follows within ten. The
 * book's Keras code relies on the layer default; `--bn-momentum 0.99` gives it.
 */
export const DEMO_BN_MOMENTUM = 0.9;
