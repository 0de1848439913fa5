import type { Module } from "@neurite/layers";
import type { Optimizer } from "@neurite/optim";
import type { Tensor } from "@neurite/tensor";
import { ValueError } from "@neurite/tensor";
import type { History, Logs, TrainParams } from "../history.js";

/** What a hook may return: nothing, `"stop"` to end training, or a Promise of either (awaited by `fitAsync`). */
// biome-ignore lint/suspicious/noConfusingVoidType: hooks usually return nothing, which TypeScript types as void
export type CallbackResult = void | "stop" | Promise<void | "stop">;

/** The logs of one batch. */
export interface BatchLogs {
  /** Mean loss over the epoch's batches so far, weighted by batch size (what Keras shows). */
  loss: number;
  /** This batch's loss. */
  batchLoss: number;
  /** Samples in this batch. */
  size: number;
}

/**
 * The training run as callbacks see it. The same object is passed to every
 * hook of a run; `stopTraining = true` ends training after the current batch
 * (the epoch is then closed and logged as usual).
 */
export interface TrainContext {
  /** The model being trained. */
  readonly model: Module;
  /** The optimizer updating it. */
  readonly optimizer: Optimizer;
  /** The run's parameters (epochs, iterations per epoch, samples, batch size, keys). */
  readonly params: TrainParams;
  /** The history so far (epochs recorded before the current one). */
  readonly history: History;
  /** Set to true to stop training (as returning `"stop"` from a hook does). */
  stopTraining: boolean;
  /** The current epoch index (0-based). */
  epoch: number;
  /** The current batch index within the epoch (0-based). */
  iteration: number;
  /** Weight updates done so far in this run. */
  step: number;
  /** The current batch during batch hooks; undefined otherwise. Do not keep it: its buffers are reused. */
  batch: { readonly x: Tensor; readonly y: Tensor } | undefined;
  /** The epoch's running loss and metric values so far (computed on demand; cheap but not free). */
  runningLogs(): Logs;
}

/**
 * Hooks called by `fit`/`fitAsync` (every one optional). Epoch and batch
 * indices are 0-based. Hooks run in the order the callbacks were given;
 * epoch logs are shared, so a callback may add keys that later callbacks
 * and the history then see. Returning `"stop"` (or setting
 * `context.stopTraining`) ends training. `fit` refuses hooks that return a
 * Promise (use `fitAsync`, which awaits them).
 *
 * @example
 * ```ts
 * const printer: Callback = {
 *   onEpochEnd(epoch, logs) { console.log(epoch, logs.loss); },
 * };
 * ```
 */
export interface Callback {
  /** Before the first epoch. */
  onTrainBegin?(context: TrainContext): CallbackResult;
  /** After the last epoch (also after an early stop), with the last epoch's logs. */
  onTrainEnd?(logs: Logs, context: TrainContext): CallbackResult;
  /** When training ends with an error (a NaN loss, a failing callback); cleanup only. */
  onTrainAbort?(error: unknown, context: TrainContext): void | Promise<void>;
  /** Before an epoch's first batch. */
  onEpochBegin?(epoch: number, context: TrainContext): CallbackResult;
  /** After an epoch and its validation, with its logs (`loss`, metrics, `val_` keys). */
  onEpochEnd?(epoch: number, logs: Logs, context: TrainContext): CallbackResult;
  /** Before a batch's forward pass. */
  onBatchBegin?(iteration: number, context: TrainContext): CallbackResult;
  /** After a batch's weight update. */
  onBatchEnd?(iteration: number, logs: BatchLogs, context: TrainContext): CallbackResult;
}

type Hook = Exclude<keyof Callback, "onTrainAbort">;
const HOOKS: readonly Hook[] = [
  "onTrainBegin",
  "onTrainEnd",
  "onEpochBegin",
  "onEpochEnd",
  "onBatchBegin",
  "onBatchEnd",
];

function nameOf(cb: Callback): string {
  const n = (cb as object).constructor?.name;
  return n && n !== "Object" ? n : "callback";
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (
    x !== null &&
    (typeof x === "object" || typeof x === "function") &&
    typeof (x as { then?: unknown }).then === "function"
  );
}

/**
 * The callbacks of a run, indexed by hook so that a hook nobody implements
 * costs nothing per batch. `callSync` is used by `fit` (a Promise is an
 * error), `callAsync` by `fitAsync` (Promises are awaited).
 * @internal
 */
export class CallbackList {
  readonly all: readonly Callback[];
  private readonly byHook = new Map<Hook, Callback[]>();

  constructor(op: string, callbacks: readonly Callback[]) {
    callbacks.forEach((cb, i) => {
      if (typeof cb !== "object" || cb === null)
        throw new ValueError(
          op,
          "callbacks",
          `callback ${i} is ${cb === null ? "null" : typeof cb}, expected an object with hooks such as onEpochEnd`,
        );
      for (const h of HOOKS) {
        const f = (cb as Record<string, unknown>)[h];
        if (f !== undefined && typeof f !== "function")
          throw new ValueError(op, "callbacks", `${nameOf(cb)}.${h} is not a function`);
      }
    });
    this.all = callbacks;
    for (const h of HOOKS)
      this.byHook.set(
        h,
        callbacks.filter((cb) => typeof cb[h] === "function"),
      );
  }

  /** True when some callback implements `hook`. */
  has(hook: Hook): boolean {
    return this.byHook.get(hook)!.length > 0;
  }

  /** Calls `hook` on every callback that has it, synchronously. */
  callSync(op: string, hook: Hook, context: TrainContext, ...args: unknown[]): void {
    for (const cb of this.byHook.get(hook)!) {
      const r = (cb[hook] as (...a: unknown[]) => unknown).call(cb, ...args, context);
      if (r === "stop") context.stopTraining = true;
      else if (isThenable(r)) {
        (r as Promise<unknown>).then(undefined, () => {});
        throw new ValueError(
          op,
          "callbacks",
          `${nameOf(cb)}.${hook} returned a Promise; fit runs synchronously and cannot wait for it. Use fitAsync, which awaits async callbacks`,
        );
      }
    }
  }

  /** Calls `hook` on every callback that has it, awaiting any Promise. */
  async callAsync(hook: Hook, context: TrainContext, ...args: unknown[]): Promise<void> {
    for (const cb of this.byHook.get(hook)!) {
      let r = (cb[hook] as (...a: unknown[]) => unknown).call(cb, ...args, context);
      if (isThenable(r)) r = await r;
      if (r === "stop") context.stopTraining = true;
    }
  }

  /** Tells every callback that training failed; errors thrown by these hooks are ignored. */
  abortSync(error: unknown, context: TrainContext): void {
    for (const cb of this.all) {
      if (typeof cb.onTrainAbort !== "function") continue;
      try {
        const r = cb.onTrainAbort(error, context);
        if (isThenable(r)) (r as Promise<void>).then(undefined, () => {});
      } catch {}
    }
  }

  /** {@link CallbackList.abortSync}, awaiting each hook. */
  async abortAsync(error: unknown, context: TrainContext): Promise<void> {
    for (const cb of this.all) {
      if (typeof cb.onTrainAbort !== "function") continue;
      try {
        await cb.onTrainAbort(error, context);
      } catch {}
    }
  }
}
