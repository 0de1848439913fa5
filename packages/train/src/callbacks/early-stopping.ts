import type { StateDict } from "@neurite/layers";
import { checkOptions, optionNames, ValueError } from "@neurite/tensor";
import type { Logs } from "../history.js";
import type { Callback, TrainContext } from "./callback.js";
import { checkMonitor, improves, type MonitorMode, monitored, resolveMode } from "./monitor.js";

/** Options of {@link EarlyStopping} (Keras's names and defaults). */
export interface EarlyStoppingOptions {
  /** The log key to watch (default `"val_loss"`). */
  monitor?: string;
  /** `"min"`, `"max"`, or `"auto"` (default: from the key's name). */
  mode?: MonitorMode;
  /** Epochs without improvement to tolerate before stopping (default 0). */
  patience?: number;
  /** How much better a value must be to count as an improvement (default 0). */
  minDelta?: number;
  /** Keep training until the value is at least this good (default: none). */
  baseline?: number;
  /**
   * Put back the weights of the best epoch when training ends, whether it
   * stopped early or ran out of epochs (default false).
   */
  restoreBestWeights?: boolean;
  /** Epochs to wait before watching at all, e.g. a warm-up (default 0). */
  startFromEpoch?: number;
}

const EARLY_STOPPING_OPTIONS = optionNames<EarlyStoppingOptions>({
  monitor: true,
  mode: true,
  patience: true,
  minDelta: true,
  baseline: true,
  restoreBestWeights: true,
  startFromEpoch: true,
});

/**
 * Stops training when a monitored value has stopped improving for
 * `patience` epochs, as Keras's callback. With `restoreBestWeights`, the
 * model ends with the weights (parameters and buffers such as BatchNorm's
 * running statistics) of its best epoch, also when training ends because
 * the epochs ran out: Keras restores only on an early stop
 * (keras-team/keras#12511), which leaves the last, possibly worse, weights.
 *
 * An epoch improves when its value beats the best by more than `minDelta`.
 * Each epoch without improvement adds one to a counter (reset by an
 * improvement); training stops at the end of the epoch where the counter
 * reaches `patience` (so `patience: 2` on losses 1, 0.9, 0.8, 0.85, 0.82
 * stops after the fifth epoch, index 4, and the best is index 2).
 *
 * @example
 * ```ts
 * const stop = new EarlyStopping({ monitor: "val_loss", patience: 3, restoreBestWeights: true });
 * fit(model, x, y, { loss: "mse", epochs: 200, validationSplit: 0.2, callbacks: [stop] });
 * stop.stoppedEpoch; // the epoch index it stopped at, or -1
 * stop.bestEpoch;
 * ```
 */
export class EarlyStopping implements Callback {
  /** The log key watched. */
  readonly monitor: string;
  /** Epochs without improvement tolerated. */
  readonly patience: number;
  /** Minimum improvement. */
  readonly minDelta: number;
  /** Whether the best weights come back at the end. */
  readonly restoreBestWeights: boolean;
  /** The baseline, if any. */
  readonly baseline: number | undefined;
  /** Epochs ignored at the start. */
  readonly startFromEpoch: number;
  private readonly modeOption: MonitorMode;
  private mode: "min" | "max" = "min";
  /** The best value seen. */
  best = Number.NaN;
  /** The epoch index of the best value (-1 before any). */
  bestEpoch = -1;
  /** The epoch index training stopped at, or -1 if it did not stop early. */
  stoppedEpoch = -1;
  /** Epochs since the last improvement. */
  wait = 0;
  private bestWeights: StateDict | undefined;

  /** @param options - see {@link EarlyStoppingOptions} */
  constructor(options: EarlyStoppingOptions = {}) {
    const op = "EarlyStopping";
    checkOptions(op, options, EARLY_STOPPING_OPTIONS);
    this.monitor = checkMonitor(op, options.monitor ?? "val_loss");
    this.modeOption = options.mode ?? "auto";
    resolveMode(op, this.modeOption, this.monitor);
    const patience = options.patience ?? 0;
    if (!Number.isInteger(patience) || patience < 0)
      throw new ValueError(op, "patience", `expected a whole number >= 0, got ${String(patience)}`);
    const minDelta = options.minDelta ?? 0;
    if (typeof minDelta !== "number" || !Number.isFinite(minDelta))
      throw new ValueError(op, "minDelta", `expected a finite number, got ${String(minDelta)}`);
    const start = options.startFromEpoch ?? 0;
    if (!Number.isInteger(start) || start < 0)
      throw new ValueError(
        op,
        "startFromEpoch",
        `expected a whole number >= 0, got ${String(start)}`,
      );
    if (options.baseline !== undefined && !Number.isFinite(options.baseline))
      throw new ValueError(
        op,
        "baseline",
        `expected a finite number, got ${String(options.baseline)}`,
      );
    this.patience = patience;
    this.minDelta = Math.abs(minDelta);
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.baseline = options.baseline;
    this.startFromEpoch = start;
  }

  onTrainBegin(): void {
    this.mode = resolveMode("EarlyStopping", this.modeOption, this.monitor);
    this.best = this.mode === "min" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    this.bestEpoch = -1;
    this.stoppedEpoch = -1;
    this.wait = 0;
    this.bestWeights = undefined;
  }

  onEpochEnd(epoch: number, logs: Logs, context: TrainContext): "stop" | undefined {
    if (epoch < this.startFromEpoch) return undefined;
    const current = monitored("EarlyStopping", this.monitor, logs);
    this.wait += 1;
    if (improves(this.mode, current, this.best, this.minDelta)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = context.model.stateDict();
      if (this.baseline === undefined || improves(this.mode, current, this.baseline, this.minDelta))
        this.wait = 0;
      return undefined;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      return "stop";
    }
    return undefined;
  }

  onTrainEnd(_logs: Logs, context: TrainContext): void {
    if (this.restoreBestWeights && this.bestWeights !== undefined)
      context.model.loadStateDict(this.bestWeights);
  }
}
