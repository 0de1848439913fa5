import { basename, dirname, join, sep } from "node:path";
import { encodeSafetensors, Sequential } from "@neurite/layers";
import {
  ensureDirectorySync,
  manifestPathFor,
  saveModelToFileSync,
  WEIGHTS_FILE,
  writeFileAtomicSync,
  writeFileSetSync,
} from "@neurite/layers/node";
import { checkOptions, optionNames, ValueError } from "@neurite/tensor";
import type { Logs } from "../history.js";
import type { Callback, TrainContext } from "./callback.js";
import { checkMonitor, improves, type MonitorMode, monitored, resolveMode } from "./monitor.js";

/** Options of {@link ModelCheckpoint}. */
export interface ModelCheckpointOptions {
  /**
   * Where to save: a directory (gets `model.safetensors` and `model.json`) or
   * a path ending in `.safetensors` (one self-contained file). May hold
   * placeholders filled per epoch: `{epoch}` (1-based, as Keras) and any log
   * key, optionally with a precision, e.g. `ckpt/wine-{epoch}-{val_loss:.4f}`.
   */
  filepath: string;
  /** The log key compared by `saveBestOnly` (default `"val_loss"`). */
  monitor?: string;
  /** `"min"`, `"max"`, or `"auto"` (default: from the key's name). */
  mode?: MonitorMode;
  /** Save only when the monitored value improves on the best so far (default false: every epoch). */
  saveBestOnly?: boolean;
  /**
   * Also save the optimizer's state (and the epoch and logs) to resume
   * training exactly: `optimizer.json` in a directory target, or
   * `<name>.optimizer.json` next to a `.safetensors` target (default false).
   */
  includeOptimizer?: boolean;
  /** Where to report saves (default: silent). */
  log?: (line: string) => void;
}

const MODEL_CHECKPOINT_OPTIONS = optionNames<ModelCheckpointOptions>({
  filepath: true,
  monitor: true,
  mode: true,
  saveBestOnly: true,
  includeOptimizer: true,
  log: true,
});

/** What {@link ModelCheckpoint} writes next to the weights when `includeOptimizer` is on. */
export interface OptimizerCheckpoint {
  /** Always `"neurite-train-checkpoint"`. */
  format: "neurite-train-checkpoint";
  /** The epoch index (0-based) the checkpoint was taken after. */
  epoch: number;
  /** That epoch's logs. */
  logs: Logs;
  /** `optimizer.stateDict()`, to pass to `optimizer.loadStateDict`. */
  optimizer: unknown;
}

const PLACEHOLDER = /\{([A-Za-z_][\w]*)(?::\.(\d+)f)?\}/g;

/** Fills `{epoch}` and `{key}` / `{key:.4f}` placeholders. */
export function fillPath(template: string, epoch: number, logs: Logs): string {
  return template.replace(PLACEHOLDER, (whole, key: string, digits: string | undefined) => {
    const v = key === "epoch" ? epoch + 1 : logs[key];
    if (v === undefined)
      throw new ValueError(
        "ModelCheckpoint",
        "filepath",
        `the placeholder ${whole} names no log key (they are ${Object.keys(logs).join(", ")})`,
      );
    return digits === undefined ? String(v) : v.toFixed(Number(digits));
  });
}

/**
 * The directory every checkpoint of `template` goes into, as far as it is
 * known before the first epoch: the part before the first placeholder.
 */
function fixedDirectory(template: string): string {
  const target = template.endsWith(".safetensors") ? dirname(template) : template;
  const brace = target.indexOf("{");
  if (brace < 0) return target;
  const cut = Math.max(target.lastIndexOf(sep, brace), target.lastIndexOf("/", brace));
  return cut <= 0 ? (cut === 0 ? sep : ".") : target.slice(0, cut);
}

/**
 * Saves the model after each epoch (Node only), or only when it is the best
 * so far with `saveBestOnly`. A checkpoint is one unit: its files (weights,
 * architecture, optimizer state) are written under temporary names, renamed
 * into place, then a manifest naming the set is written last, so a crash
 * never leaves a torn file or a silent mix of two epochs
 * (`loadModelFromFile` refuses an incomplete set). The target directory is
 * checked (and created) in `onTrainBegin`, so an unwritable path fails
 * before the first epoch, not after it.
 *
 * A `Sequential` is saved with `@neurite/layers`' `saveModelToFileSync`
 * (weights in safetensors with the architecture embedded, loadable with
 * `loadModelFromFile`); any other module has its state dict saved as
 * safetensors (load it with `decodeSafetensors` and `loadStateDict`). With
 * `includeOptimizer`, the optimizer's state dict is written as JSON beside it.
 *
 * @example
 * ```ts
 * new ModelCheckpoint({ filepath: "checkpoints/wine", monitor: "val_accuracy", saveBestOnly: true, includeOptimizer: true });
 * ```
 */
export class ModelCheckpoint implements Callback {
  /** The path template. */
  readonly filepath: string;
  /** The monitored key. */
  readonly monitor: string;
  /** Whether only improvements are saved. */
  readonly saveBestOnly: boolean;
  /** Whether the optimizer state is saved. */
  readonly includeOptimizer: boolean;
  private readonly modeOption: MonitorMode;
  private readonly log: ((line: string) => void) | undefined;
  private mode: "min" | "max" = "min";
  /** The best monitored value so far. */
  best = Number.NaN;
  /** Paths written, in order (the weights file of each save). */
  readonly saved: string[] = [];

  /** @param options - see {@link ModelCheckpointOptions} */
  constructor(options: ModelCheckpointOptions) {
    const op = "ModelCheckpoint";
    if (typeof options !== "object" || options === null)
      throw new ValueError(op, "options", "expected { filepath, ... }");
    checkOptions(op, options, MODEL_CHECKPOINT_OPTIONS);
    if (typeof options.filepath !== "string" || options.filepath.length === 0)
      throw new ValueError(op, "filepath", "expected a directory or a .safetensors path");
    this.filepath = options.filepath;
    this.monitor = checkMonitor(op, options.monitor ?? "val_loss");
    this.modeOption = options.mode ?? "auto";
    resolveMode(op, this.modeOption, this.monitor);
    this.saveBestOnly = options.saveBestOnly ?? false;
    this.includeOptimizer = options.includeOptimizer ?? false;
    this.log = options.log;
  }

  onTrainBegin(): void {
    this.mode = resolveMode("ModelCheckpoint", this.modeOption, this.monitor);
    this.best = this.mode === "min" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    ensureDirectorySync("ModelCheckpoint", "filepath", fixedDirectory(this.filepath));
  }

  onEpochEnd(epoch: number, logs: Logs, context: TrainContext): void {
    if (this.saveBestOnly) {
      const current = monitored("ModelCheckpoint", this.monitor, logs);
      if (!improves(this.mode, current, this.best, 0)) return;
      this.log?.(
        `Epoch ${epoch + 1}: ${this.monitor} improved from ${this.best} to ${current}, saving the model`,
      );
      this.best = current;
    }
    this.save(fillPath(this.filepath, epoch, logs), epoch, logs, context);
  }

  private save(target: string, epoch: number, logs: Logs, context: TrainContext): void {
    const op = "ModelCheckpoint";
    const isFile = target.endsWith(".safetensors");
    const dir = isFile ? dirname(target) : target;
    const stem = isFile ? basename(target).slice(0, -".safetensors".length) : "";
    const extraFiles: Record<string, Uint8Array> = {};
    if (this.includeOptimizer) {
      const payload: OptimizerCheckpoint = {
        format: "neurite-train-checkpoint",
        epoch,
        logs,
        optimizer: context.optimizer.stateDict(),
      };
      extraFiles[isFile ? `${stem}.optimizer.json` : "optimizer.json"] = new TextEncoder().encode(
        JSON.stringify(payload),
      );
    }
    let weightsPath: string;
    if (context.model instanceof Sequential) {
      weightsPath = saveModelToFileSync(context.model, target, { extraFiles }).weightsPath;
    } else {
      weightsPath = isFile ? target : join(target, WEIGHTS_FILE);
      ensureDirectorySync(op, "filepath", dir);
      const weights = encodeSafetensors(context.model.stateDict(), { format: "neurite" });
      if (Object.keys(extraFiles).length === 0) writeFileAtomicSync(weightsPath, weights);
      else
        writeFileSetSync(
          op,
          dir,
          { [basename(weightsPath)]: weights, ...extraFiles },
          basename(manifestPathFor(target)),
        );
    }
    this.saved.push(weightsPath);
    if (!this.saveBestOnly) this.log?.(`Epoch ${epoch + 1}: saved the model to ${weightsPath}`);
  }
}
