import { NeuriteError } from "@neurite/tensor";
import type { History } from "./history.js";

/** Where and how a loss stopped being finite: the fields of a {@link NonFiniteLossError}. */
export interface NonFiniteLossInfo {
  /**
   * What went non-finite: `"loss"` (the batch's loss, caught before its
   * backward pass) or `"weights"` (a parameter or buffer after the batch's
   * update, while the loss was still finite: a non-finite gradient, or
   * BatchNorm statistics of non-finite data).
   */
  source: "loss" | "weights";
  /** The epoch index (0-based) of the bad batch. */
  epoch: number;
  /** The batch index within the epoch (0-based). */
  iteration: number;
  /** Iterations per epoch, for messages. */
  iterationsPerEpoch: number;
  /** Epochs of the run, for messages. */
  epochs: number;
  /** The batch's loss: NaN or ±Infinity when `source` is `"loss"`, else the finite loss of the bad step. */
  value: number;
  /** The last finite batch loss before it, if any. */
  lastFiniteLoss: number | undefined;
  /** Which weights were put back (see {@link NonFiniteLossError.restored}). */
  restored: "before-previous-step" | "before-this-batch" | "none";
  /** Names of parameters or buffers that held NaN or infinite values when training stopped. */
  nonFiniteParameters: string[];
  /** Whether the batch's inputs or targets hold NaN or infinite values. */
  badData: boolean;
  /** The first layer of a Sequential model whose output was not finite, if found. */
  firstBadLayer: string | undefined;
}

/**
 * Thrown by `fit` when the loss becomes NaN or infinite, or when an update
 * leaves NaN or infinite weights (the {@link TerminateOnNaN} callback, on by
 * default). The message names the epoch and iteration; the model's weights
 * are restored to the last good ones, and {@link NonFiniteLossError.history}
 * holds the epochs that finished.
 */
export class NonFiniteLossError extends NeuriteError {
  /** The epoch index (0-based). */
  readonly epoch: number;
  /** The batch index within the epoch (0-based). */
  readonly iteration: number;
  /** The loss: NaN or ±Infinity (finite when {@link NonFiniteLossInfo.source} is `"weights"`). */
  readonly value: number;
  /**
   * Which weights the model holds now: `"before-previous-step"` (the weights
   * that gave the last finite loss: the update before this batch made them
   * non-finite or too large), `"before-this-batch"` (the data was at fault, so
   * the weights before this batch are kept; also after an update that made
   * the weights non-finite), or `"none"` (restoring was off).
   */
  readonly restored: NonFiniteLossInfo["restored"];
  /** Everything known about the failure. */
  readonly info: NonFiniteLossInfo;
  /**
   * The epochs that finished before training stopped (empty when it stopped
   * in the first epoch), set by `fit` / `fitAsync` before the error reaches
   * the caller; undefined when the error is thrown outside a run.
   */
  history: History | undefined = undefined;

  /** @param op - `fit` or `fitAsync`; @param info - where and what */
  constructor(op: string, info: NonFiniteLossInfo) {
    const v = Number.isNaN(info.value) ? "NaN" : String(info.value);
    const hints: string[] = [];
    if (info.badData)
      hint(hints, "the batch's x or y holds NaN or infinite values: clean the data");
    if (info.nonFiniteParameters.length > 0)
      hint(
        hints,
        `non-finite weights after ${info.source === "weights" ? "this" : "the previous"} update: ${info.nonFiniteParameters.slice(0, 5).join(", ")}${info.nonFiniteParameters.length > 5 ? ", ..." : ""}`,
      );
    if (info.firstBadLayer)
      hint(hints, `the first layer with a non-finite output was ${info.firstBadLayer}`);
    if (!info.badData)
      hint(hints, "try a lower learning rate, scaled inputs (StandardScaler) or gradient clipping");
    const restored =
      info.restored === "before-previous-step"
        ? "the weights were restored to the ones before the previous update, the last that gave a finite loss"
        : info.restored === "before-this-batch"
          ? "the weights were restored to the ones before this batch"
          : "the weights were left as they are";
    const what =
      info.source === "weights"
        ? `the weights became NaN or infinite after the update`
        : `the loss became ${v}`;
    const lossNow = info.source === "weights" ? ` (the batch loss was ${v})` : "";
    super(
      op,
      info.source === "weights" ? "model" : "loss",
      `${what} in epoch ${info.epoch + 1}/${info.epochs} at iteration ${info.iteration + 1}/${info.iterationsPerEpoch} (0-based: epoch ${info.epoch}, iteration ${info.iteration})${lossNow}${
        info.lastFiniteLoss === undefined
          ? ""
          : `; the last finite batch loss was ${info.lastFiniteLoss.toPrecision(6)}`
      }. Training stopped and ${restored} (the optimizer's state is not rolled back). ${hints.join("; ")}.`,
    );
    this.epoch = info.epoch;
    this.iteration = info.iteration;
    this.value = info.value;
    this.restored = info.restored;
    this.info = info;
  }
}

function hint(list: string[], s: string): void {
  list.push(list.length === 0 ? s.charAt(0).toUpperCase() + s.slice(1) : s);
}
