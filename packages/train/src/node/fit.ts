import type { Module } from "@neurite/layers";
import type { Tensor } from "@neurite/tensor";
import { type CompiledModel, type CompileOptions, compileWith } from "../compile.js";
import { runFit } from "../fit.js";
import { runFitAsync } from "../fit-async.js";
import type { History } from "../history.js";
import type { BatchSource } from "../internal/data.js";
import type { ProgressFactory } from "../internal/trainer.js";
import type {
  FitAsyncLoaderOptions,
  FitAsyncOptions,
  FitLoaderOptions,
  FitOptions,
} from "../options.js";
import { ProgressBar } from "../progress/bar.js";
import { ProgressLogger } from "../progress/logger.js";

/**
 * Node's progress: `verbose: 1` draws a live bar when stdout is a terminal
 * and prints one line per epoch otherwise (CI, pipes); `verbose: 2` always
 * prints one line per epoch; 0 prints nothing. A custom `log` sink always
 * gets lines.
 * @internal
 */
export const nodeProgress: ProgressFactory = (verbose, log) => {
  if (verbose === 0) return undefined;
  if (verbose === 1 && log === undefined && process.stdout.isTTY === true) return new ProgressBar();
  return new ProgressLogger({ write: log ?? ((line) => process.stdout.write(`${line}\n`)) });
};

/**
 * `fit` for Node: the same loop and arguments as the main entry's `fit`,
 * with a live progress bar in terminals (`verbose: 1`, the default) and one
 * line per epoch when stdout is not a TTY (CI) or with `verbose: 2`.
 */
export function fit(model: Module, x: Tensor, y: Tensor, options: FitOptions): History;
/** `fit` for Node over a DataLoader. */
export function fit(model: Module, loader: BatchSource, options: FitLoaderOptions): History;
export function fit(model: Module, ...args: unknown[]): History {
  return runFit("fit", model, args, nodeProgress);
}

/** `fitAsync` for Node, with the same progress output as this entry's {@link fit}. */
export function fitAsync(
  model: Module,
  x: Tensor,
  y: Tensor,
  options: FitAsyncOptions,
): Promise<History>;
/** `fitAsync` for Node over a DataLoader. */
export function fitAsync(
  model: Module,
  loader: BatchSource,
  options: FitAsyncLoaderOptions,
): Promise<History>;
export function fitAsync(model: Module, ...args: unknown[]): Promise<History> {
  return runFitAsync("fitAsync", model, args, nodeProgress);
}

/** `compile` for Node: its `fit` and `fitAsync` show the terminal progress bar. */
export function compile<M extends Module>(model: M, options: CompileOptions): CompiledModel<M> {
  return compileWith(model, options, nodeProgress);
}
