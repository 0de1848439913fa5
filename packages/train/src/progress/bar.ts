import { checkOptions, optionNames } from "@neurite/tensor";
import cliProgress from "cli-progress";
import type { BatchLogs, Callback, TrainContext } from "../callbacks/callback.js";
import type { Logs } from "../history.js";
import { formatDuration, formatLogs } from "../internal/format.js";

/** A stream the bar can draw on (a TTY such as `process.stdout`). */
export interface BarStream {
  /** Writes raw text (the bar uses ANSI cursor codes). */
  write(chunk: string): unknown;
  /** Whether the stream is a terminal. */
  isTTY?: boolean;
  /** Terminal width in columns. */
  columns?: number;
}

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** Where to draw (default `process.stdout`). */
  stream?: BarStream;
  /** Width of the bar in characters (default 30). */
  barSize?: number;
  /** Milliseconds between redraws while an epoch runs (default 100). */
  refreshMs?: number;
}

const PROGRESS_BAR_OPTIONS = optionNames<ProgressBarOptions>({
  stream: true,
  barSize: true,
  refreshMs: true,
});

/**
 * A live progress bar for terminals (Node only, drawn with `cli-progress`):
 * one bar per epoch with the iteration, running loss and metrics and the
 * speed, finished with the epoch's full logs including validation.
 *
 * ```text
 * Epoch 3/30 [==============================] 27/27 | loss: 0.4123 - accuracy: 0.8872 - val_loss: 0.4011 - val_accuracy: 0.9111 | 9.1ms, 2966 it/s
 * ```
 *
 * Redraws are throttled (`refreshMs`), so the per-batch cost is a clock read.
 * `@neurite/train/node`'s `fit` uses it for `verbose: 1` when stdout is a TTY.
 */
export class ProgressBar implements Callback {
  private readonly stream: BarStream;
  private readonly barSize: number;
  private readonly refreshMs: number;
  private bar: cliProgress.SingleBar | undefined;
  private started = 0;
  private lastDraw = 0;

  /** @param options - stream, bar size, refresh interval */
  constructor(options: ProgressBarOptions = {}) {
    checkOptions("ProgressBar", options, PROGRESS_BAR_OPTIONS);
    this.stream = options.stream ?? process.stdout;
    this.barSize = options.barSize ?? 30;
    this.refreshMs = options.refreshMs ?? 100;
  }

  onEpochBegin(epoch: number, context: TrainContext): void {
    const { epochs, iterationsPerEpoch } = context.params;
    this.bar = new cliProgress.SingleBar(
      {
        format: "Epoch {epochLabel} [{bar}] {value}/{total} | {metrics} | {speed}",
        barsize: this.barSize,
        barCompleteChar: "=",
        barIncompleteChar: "-",
        hideCursor: false,
        stream: this.stream as NodeJS.WritableStream,
        fps: 1000 / this.refreshMs,
        noTTYOutput: false,
        linewrap: false,
        gracefulExit: true,
        autopadding: true,
      },
      cliProgress.Presets.legacy,
    );
    this.started = performance.now();
    this.lastDraw = this.started;
    this.bar.start(iterationsPerEpoch, 0, {
      epochLabel: `${epoch + 1}/${epochs}`,
      metrics: "loss: -",
      speed: "",
    });
  }

  onBatchEnd(iteration: number, _logs: BatchLogs, context: TrainContext): void {
    const t = performance.now();
    if (this.bar === undefined || t - this.lastDraw < this.refreshMs) return;
    this.lastDraw = t;
    this.bar.update(iteration + 1, this.payload(context.runningLogs(), context, iteration + 1, t));
  }

  onEpochEnd(_epoch: number, logs: Logs, context: TrainContext): void {
    if (this.bar === undefined) return;
    const done = context.iteration + 1;
    this.bar.update(done, this.payload(logs, context, done, performance.now()));
    this.bar.stop();
    this.bar = undefined;
  }

  onTrainAbort(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  private payload(logs: Logs, context: TrainContext, done: number, t: number): object {
    const keys = context.params.keys;
    const order = [...keys, ...Object.keys(logs).filter((k) => !keys.includes(k))];
    const ms = t - this.started;
    const rate = ms > 0 ? Math.round((done * 1000) / ms) : 0;
    return { metrics: formatLogs(logs, order), speed: `${formatDuration(ms)}, ${rate} it/s` };
  }
}
