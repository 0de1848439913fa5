import type { Module } from "@neurite/layers";
import { type Tensor, ValueError } from "@neurite/tensor";
import { NonFiniteLossError } from "./errors.js";
import { lineProgress } from "./fit.js";
import type { History, Logs } from "./history.js";
import type { BatchSource } from "./internal/data.js";
import { type ProgressFactory, parseFitArgs, Trainer } from "./internal/trainer.js";
import { yieldToEventLoop } from "./internal/yield.js";
import type { FitAsyncLoaderOptions, FitAsyncOptions } from "./options.js";

const now = (): number =>
  typeof performance !== "undefined" && typeof performance.now === "function"
    ? performance.now()
    : Date.now();

/** The asynchronous loop shared by the entries' `fitAsync`. @internal */
export async function runFitAsync(
  op: string,
  model: unknown,
  args: readonly unknown[],
  progress: ProgressFactory,
): Promise<History> {
  const call = parseFitArgs(op, model, args);
  const every = call.options.yieldEvery ?? 16;
  if (
    every !== "batch" &&
    every !== "epoch" &&
    !(typeof every === "number" && every >= 0 && Number.isFinite(every))
  )
    throw new ValueError(
      op,
      "yieldEvery",
      `expected "batch", "epoch" or a number of milliseconds >= 0, got ${String(every)}`,
    );
  const t = new Trainer(op, call, progress);
  const { callbacks: cbs, context: ctx, history } = t;
  const batchBegin = cbs.has("onBatchBegin");
  const batchEnd = cbs.has("onBatchEnd");
  const perBatch = every !== "epoch";
  const ms = typeof every === "number" ? every : 0;
  let lastYield = now();
  let logs: Logs = {};
  t.enterTraining();
  try {
    await cbs.callAsync("onTrainBegin", ctx);
    for (let e = t.params.initialEpoch; e < t.params.epochs && !ctx.stopTraining; e++) {
      t.beginEpoch(e);
      await cbs.callAsync("onEpochBegin", ctx, e);
      let i = 0;
      for (const b of t.batches(e)) {
        ctx.iteration = i;
        ctx.batch = b;
        if (batchBegin) await cbs.callAsync("onBatchBegin", ctx, i);
        if (!t.step(b)) break;
        if (batchEnd) await cbs.callAsync("onBatchEnd", ctx, i, t.batchLogs(b));
        i++;
        if (ctx.stopTraining) break;
        if (perBatch && now() - lastYield >= ms) {
          await yieldToEventLoop();
          lastYield = now();
        }
      }
      ctx.batch = undefined;
      logs = t.endEpoch();
      await cbs.callAsync("onEpochEnd", ctx, e, logs);
      history.record(e, logs);
      if (ctx.stopTraining && e + 1 < t.params.epochs) history.stoppedEarly = true;
      if (!perBatch || now() - lastYield >= ms) {
        await yieldToEventLoop();
        lastYield = now();
      }
    }
    await cbs.callAsync("onTrainEnd", ctx, logs);
  } catch (err) {
    if (err instanceof NonFiniteLossError) err.history = history;
    await cbs.abortAsync(err, ctx);
    throw err;
  } finally {
    ctx.batch = undefined;
    t.restoreModes();
  }
  return history;
}

/**
 * {@link fit} that returns a Promise and lets the event loop run while it
 * trains, so a page stays responsive and a chart can redraw between batches;
 * async callbacks are awaited. The history is identical to `fit`'s for the
 * same arguments (the yields change nothing in the computation).
 *
 * The model stays in training mode during yields; `predict` and `evaluate`
 * called meanwhile switch to eval mode for their own pass and back.
 *
 * @param options - as {@link fit}, plus `yieldEvery`: `"batch"`, `"epoch"` or
 *   a number of milliseconds (default 16)
 * @example
 * ```ts
 * const history = await fitAsync(model, x, y, {
 *   loss: "mse", epochs: 30, batchSize: 5,
 *   callbacks: [{ onEpochEnd: async (e, logs) => { chart.push(logs); await nextFrame(); } }],
 * });
 * ```
 */
export function fitAsync(
  model: Module,
  x: Tensor,
  y: Tensor,
  options: FitAsyncOptions,
): Promise<History>;
/** {@link fitAsync} over the batches of a `DataLoader`. */
export function fitAsync(
  model: Module,
  loader: BatchSource,
  options: FitAsyncLoaderOptions,
): Promise<History>;
export function fitAsync(model: Module, ...args: unknown[]): Promise<History> {
  return runFitAsync("fitAsync", model, args, lineProgress);
}
