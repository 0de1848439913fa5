import { checkOptions, optionNames } from "@neurite/tensor";
import type { Callback, TrainContext } from "../callbacks/callback.js";
import type { Logs } from "../history.js";
import { formatDuration, formatLogs } from "../internal/format.js";

/** Options of {@link ProgressLogger}. */
export interface ProgressLoggerOptions {
  /** Where each line goes (default `console.log`). */
  write?: (line: string) => void;
}

const PROGRESS_LOGGER_OPTIONS = optionNames<ProgressLoggerOptions>({ write: true });

const now = (): number =>
  typeof performance !== "undefined" && typeof performance.now === "function"
    ? performance.now()
    : Date.now();

/**
 * Plain-text progress: one line per epoch, for CI logs, files and browsers.
 * Works in any runtime (it only calls `write`).
 *
 * ```text
 * Epoch 3/30 - 27/27 iterations - 21ms (0.78ms/step) - loss: 0.4123 - accuracy: 0.8872 - val_loss: 0.4011 - val_accuracy: 0.9111
 * ```
 */
export class ProgressLogger implements Callback {
  private readonly write: (line: string) => void;
  private started = 0;
  private iterations = 0;

  /** @param options - the line sink */
  constructor(options: ProgressLoggerOptions = {}) {
    checkOptions("ProgressLogger", options, PROGRESS_LOGGER_OPTIONS);
    this.write = options.write ?? ((line) => console.log(line));
  }

  onEpochBegin(): void {
    this.started = now();
    this.iterations = 0;
  }

  onBatchEnd(): void {
    this.iterations++;
  }

  onEpochEnd(epoch: number, logs: Logs, context: TrainContext): void {
    this.write(formatEpochLine(epoch, logs, context, now() - this.started, this.iterations));
  }
}

/** The one-line summary of an epoch. @internal */
export function formatEpochLine(
  epoch: number,
  logs: Logs,
  context: TrainContext,
  elapsedMs: number,
  iterations: number,
): string {
  const { epochs, iterationsPerEpoch, keys } = context.params;
  const order = [...keys, ...Object.keys(logs).filter((k) => !keys.includes(k))];
  const perStep = iterations > 0 ? ` (${formatDuration(elapsedMs / iterations)}/step)` : "";
  const values = formatLogs(logs, order);
  return `Epoch ${epoch + 1}/${epochs} - ${iterations}/${iterationsPerEpoch} iterations - ${formatDuration(elapsedMs)}${perStep}${values ? ` - ${values}` : ""}`;
}
