import { LRScheduler, type Optimizer, ReduceLROnPlateau } from "@neurite/optim";
import { checkOptions, optionNames, ValueError } from "@neurite/tensor";
import type { Logs } from "../history.js";
import type { Callback, TrainContext } from "./callback.js";
import { checkMonitor, monitored } from "./monitor.js";

/** A schedule as a function: the learning rate for `epoch` (0-based), given the current one. */
export type ScheduleFunction = (epoch: number, lr: number) => number;

/** Options of {@link LearningRateScheduler}. */
export interface LearningRateSchedulerOptions {
  /** For a `ReduceLROnPlateau`: the log key passed to its `step` (default `"val_loss"`, or `"loss"` without validation). */
  monitor?: string;
}

const LR_SCHEDULER_OPTIONS = optionNames<LearningRateSchedulerOptions>({ monitor: true });

/**
 * Sets the optimizer's learning rate per epoch and adds it to the epoch's
 * logs as `learning_rate` (so it lands in the history). It wraps either:
 *
 * - a function `(epoch, lr) → newLr` (Keras's form), called before each
 *   epoch; the new rate goes to every parameter group;
 * - a scheduler from `@neurite/optim` (`StepLR`, `ExponentialLR`,
 *   `CosineAnnealingLR`, `LinearLR`, `LambdaLR`, `SequentialLR`): stepped
 *   after each epoch, as PyTorch expects;
 * - a `ReduceLROnPlateau`: stepped after each epoch with the monitored value.
 *
 * A scheduler must drive the optimizer that `fit` uses (pass an Optimizer
 * instance to `fit`, and build the scheduler on it).
 *
 * @example
 * ```ts
 * const halve = new LearningRateScheduler((epoch, lr) => (epoch > 0 && epoch % 10 === 0 ? lr / 2 : lr));
 * const opt = new Adam(model.parameters(), { lr: 0.01 });
 * const cosine = new LearningRateScheduler(new CosineAnnealingLR(opt, { tMax: 30 }));
 * fit(model, x, y, { loss: "mse", optimizer: opt, epochs: 30, callbacks: [cosine] });
 * ```
 */
export class LearningRateScheduler implements Callback {
  /** What decides the rate. */
  readonly schedule: ScheduleFunction | LRScheduler | ReduceLROnPlateau;
  private readonly monitorOption: string | undefined;

  /** @param schedule - a function `(epoch, lr) → lr` or an optim scheduler; @param options - `monitor` for ReduceLROnPlateau */
  constructor(
    schedule: ScheduleFunction | LRScheduler | ReduceLROnPlateau,
    options: LearningRateSchedulerOptions = {},
  ) {
    checkOptions("LearningRateScheduler", options, LR_SCHEDULER_OPTIONS);
    const op = "LearningRateScheduler";
    if (
      typeof schedule !== "function" &&
      !(schedule instanceof LRScheduler) &&
      !(schedule instanceof ReduceLROnPlateau)
    )
      throw new ValueError(
        op,
        "schedule",
        "expected a function (epoch, lr) => lr, or a scheduler from @neurite/optim (StepLR, CosineAnnealingLR, ReduceLROnPlateau, ...)",
      );
    this.schedule = schedule;
    this.monitorOption =
      options.monitor === undefined ? undefined : checkMonitor(op, options.monitor);
  }

  onTrainBegin(context: TrainContext): void {
    const s = this.schedule;
    if (typeof s !== "function" && s.optimizer !== context.optimizer)
      throw new ValueError(
        "LearningRateScheduler",
        "schedule",
        "the scheduler drives another optimizer than the one fit uses: build the optimizer yourself, build the scheduler on it, and pass that optimizer to fit",
      );
  }

  onEpochBegin(epoch: number, context: TrainContext): void {
    const s = this.schedule;
    if (typeof s !== "function") return;
    const groups = context.optimizer.paramGroups;
    const lr = s(epoch, groups[0]!.lr);
    if (typeof lr !== "number" || !Number.isFinite(lr) || lr < 0)
      throw new ValueError(
        "LearningRateScheduler",
        "schedule",
        `the schedule returned ${String(lr)} for epoch ${epoch}; expected a finite number >= 0`,
      );
    for (const g of groups) g.lr = lr;
  }

  onEpochEnd(_epoch: number, logs: Logs, context: TrainContext): void {
    logs.learning_rate = lrOf(context.optimizer);
    const s = this.schedule;
    if (s instanceof ReduceLROnPlateau) {
      const key = this.monitorOption ?? ("val_loss" in logs ? "val_loss" : "loss");
      s.step(monitored("LearningRateScheduler", key, logs));
    } else if (s instanceof LRScheduler) s.step();
  }
}

function lrOf(opt: Optimizer): number {
  return opt.paramGroups[0]!.lr;
}
