import { optionNames, ValueError } from "@neurite/tensor";
import { describe } from "../internal/describe.js";
import type { Optimizer } from "../optimizer.js";
import { checkOptionsObject } from "./checks.js";
import { LRScheduler, type SchedulerStateDict } from "./lr-scheduler.js";

/** Options of {@link SequentialLR}. */
export interface SequentialLROptions {
  /** The schedules to run one after another, built on the same optimizer. */
  schedulers: readonly LRScheduler[];
  /** The epochs at which to switch to the next schedule: one fewer than `schedulers`, increasing. */
  milestones: readonly number[];
}

const SEQUENTIAL_L_R_OPTIONS = optionNames<SequentialLROptions>({
  schedulers: true,
  milestones: true,
});

/**
 * Runs schedules one after another, as PyTorch's `SequentialLR`: from
 * epoch `milestones[k-1]` the k-th schedule runs, restarted at its own
 * epoch 0. Call `step()` on the SequentialLR only.
 *
 * @example
 * ```ts
 * const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 5 });
 * const cosine = new CosineAnnealingLR(opt, { tMax: 95 });
 * const sched = new SequentialLR(opt, { schedulers: [warmup, cosine], milestones: [5] });
 * ```
 */
export class SequentialLR extends LRScheduler {
  /** The chained schedules. */
  readonly schedulers: readonly LRScheduler[];
  /** Epochs where the next schedule starts. */
  readonly milestones: readonly number[];

  /**
   * @param optimizer - the optimizer all the schedules drive
   * @param options - `schedulers` and `milestones` (both required)
   */
  constructor(optimizer: Optimizer, options: SequentialLROptions) {
    const op = "SequentialLR";
    checkOptionsObject(op, options, SEQUENTIAL_L_R_OPTIONS);
    const { schedulers, milestones } = options;
    if (!Array.isArray(schedulers) || schedulers.length === 0) {
      throw new ValueError(
        op,
        "schedulers",
        `expected a non-empty array of schedulers, got ${describe(schedulers)}`,
      );
    }
    schedulers.forEach((s, i) => {
      if (!(s instanceof LRScheduler)) {
        throw new ValueError(
          op,
          "schedulers",
          `element ${i} is ${describe(s)}; expected an epoch scheduler (ReduceLROnPlateau cannot be chained)`,
        );
      }
      if (s.optimizer !== optimizer) {
        throw new ValueError(op, "schedulers", `element ${i} drives another optimizer`);
      }
    });
    if (
      !Array.isArray(milestones) ||
      milestones.length !== schedulers.length - 1 ||
      !milestones.every(
        (m, i) => Number.isInteger(m) && m > 0 && (i === 0 || m > milestones[i - 1]!),
      )
    ) {
      throw new ValueError(
        op,
        "milestones",
        `expected ${schedulers.length - 1} increasing integers > 0 (one fewer than schedulers), got ${describe(milestones)}`,
      );
    }
    const list = schedulers.slice();
    const marks = milestones.slice();
    super(op, optimizer, (_base, e, gi) => {
      let k = 0;
      while (k < marks.length && e >= marks[k]!) k++;
      const start = k === 0 ? 0 : marks[k - 1]!;
      return list[k]!.lrAt(e - start)[gi]!;
    });
    this.schedulers = list;
    this.milestones = marks;
  }

  /** Restores progress; the chained schedules get the same base rates. */
  override loadStateDict(stateDict: SchedulerStateDict): void {
    super.loadStateDict(stateDict);
    const { baseLrs, lastLr } = this.stateDict();
    for (const s of this.schedulers) s.loadStateDict({ ...s.stateDict(), baseLrs, lastLr });
  }
}
