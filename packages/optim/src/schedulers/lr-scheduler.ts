import { brand, ValueError } from "@neurite/tensor";
import { describe } from "../internal/describe.js";
import type { Optimizer, ParamGroup } from "../optimizer.js";
import { checkOptimizer } from "./checks.js";

/**
 * The learning rate a group had when the first scheduler was attached to it.
 * Every scheduler on the same optimizer starts from it, so schedulers built
 * one after another (to chain them with {@link SequentialLR}) agree on their
 * base, as PyTorch's `initial_lr` does.
 */
const initialLrs = new WeakMap<ParamGroup, number>();

function initialLr(group: ParamGroup): number {
  let lr = initialLrs.get(group);
  if (lr === undefined) {
    lr = group.lr;
    initialLrs.set(group, lr);
  }
  return lr;
}

/** Computes the learning rate of a group at an epoch from the group's base learning rate. */
export type LrFunction = (baseLr: number, epoch: number, group: number) => number;

/** The saved form of a scheduler (plain JSON). */
export interface SchedulerStateDict {
  /** The scheduler's class name, e.g. `"StepLR"`. */
  scheduler: string;
  /** Number of `step()` calls so far. */
  lastEpoch: number;
  /** Each group's base learning rate. */
  baseLrs: number[];
  /** The learning rates the scheduler set last. */
  lastLr: number[];
}

/**
 * Base of the epoch-based schedulers. Like PyTorch's: building one sets
 * every group's `lr` to its value at epoch 0, and each `step()` (once per
 * epoch, after `optimizer.step()`) advances the epoch and sets the new
 * values. Rates come from a closed form in the epoch and the group's base
 * rate, so a schedule can be previewed with {@link LRScheduler.lrAt}; changes
 * made to `lr` by hand are overwritten at the next `step()`.
 */
export abstract class LRScheduler {
  static {
    // instanceof holds across copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_LRScheduler)
    brand(this, "LRScheduler");
  }

  /** The optimizer whose groups' `lr` this scheduler sets. */
  readonly optimizer: Optimizer;
  /** The scheduler's name in messages and state dicts. */
  readonly name: string;
  readonly #compute: LrFunction;
  #baseLrs: number[];
  #epoch = 0;
  #lastLr: number[];

  /**
   * @param name - the scheduler's name
   * @param optimizer - the optimizer to drive
   * @param compute - the learning rate at an epoch, from the group's base rate
   */
  protected constructor(name: string, optimizer: Optimizer, compute: LrFunction) {
    checkOptimizer(name, optimizer);
    this.name = name;
    this.optimizer = optimizer;
    this.#compute = compute;
    this.#baseLrs = optimizer.paramGroups.map(initialLr);
    this.#lastLr = this.#apply();
  }

  /** Number of `step()` calls so far (0 right after construction). */
  get lastEpoch(): number {
    return this.#epoch;
  }

  /** Each group's base learning rate (the `lr` it had when the first scheduler was attached). */
  get baseLrs(): number[] {
    this.#sync();
    return this.#baseLrs.slice();
  }

  /** The learning rates this scheduler set last, one per group. */
  get lastLr(): number[] {
    return this.#lastLr.slice();
  }

  /** Advances one epoch and sets each group's `lr`. Call it after `optimizer.step()`. */
  step(): void {
    this.#epoch += 1;
    this.#lastLr = this.#apply();
  }

  /** The learning rates of the groups at `epoch`, without changing anything. */
  lrAt(epoch: number): number[] {
    if (typeof epoch !== "number" || !Number.isInteger(epoch) || epoch < 0) {
      throw new ValueError(
        `${this.name}.lrAt`,
        "epoch",
        `expected an integer >= 0, got ${describe(epoch)}`,
      );
    }
    this.#sync();
    return this.#baseLrs.map((base, gi) => this.#compute(base, epoch, gi));
  }

  /** The scheduler's progress, as plain JSON, to resume with {@link LRScheduler.loadStateDict}. */
  stateDict(): SchedulerStateDict {
    return {
      scheduler: this.name,
      lastEpoch: this.#epoch,
      baseLrs: this.baseLrs,
      lastLr: this.lastLr,
    };
  }

  /**
   * Restores progress saved by {@link LRScheduler.stateDict} of the same kind
   * of scheduler, and sets the groups' `lr` to the saved last values.
   * @throws ValueError if the state is of another scheduler or another number of groups
   */
  loadStateDict(stateDict: SchedulerStateDict): void {
    const op = `${this.name}.loadStateDict`;
    const sd = stateDict as unknown as Record<string, unknown>;
    if (sd === null || typeof sd !== "object" || sd.scheduler !== this.name) {
      throw new ValueError(
        op,
        "stateDict",
        `expected the state of a ${this.name}, got ${sd !== null && typeof sd === "object" ? `the state of ${typeof sd.scheduler === "string" ? JSON.stringify(sd.scheduler) : describe(sd.scheduler)}` : describe(sd)}`,
      );
    }
    const groups = this.optimizer.paramGroups;
    const { lastEpoch, baseLrs, lastLr } = sd;
    if (typeof lastEpoch !== "number" || !Number.isInteger(lastEpoch) || lastEpoch < 0) {
      throw new ValueError(op, "lastEpoch", `expected an integer >= 0, got ${describe(lastEpoch)}`);
    }
    for (const [arg, list] of [
      ["baseLrs", baseLrs],
      ["lastLr", lastLr],
    ] as const) {
      if (
        !Array.isArray(list) ||
        list.length !== groups.length ||
        !list.every((x) => typeof x === "number" && Number.isFinite(x) && x >= 0)
      ) {
        throw new ValueError(
          op,
          arg,
          `expected ${groups.length} learning rates (one per parameter group), got ${describe(list)}`,
        );
      }
    }
    this.#epoch = lastEpoch;
    this.#baseLrs = (baseLrs as number[]).slice();
    this.#lastLr = (lastLr as number[]).slice();
    groups.forEach((g, gi) => {
      initialLrs.set(g, this.#baseLrs[gi]!);
      g.lr = this.#lastLr[gi]!;
    });
  }

  /** Gives groups added to the optimizer after construction a base rate. */
  #sync(): void {
    const groups = this.optimizer.paramGroups;
    for (let gi = this.#baseLrs.length; gi < groups.length; gi++) {
      this.#baseLrs.push(initialLr(groups[gi]!));
    }
  }

  #apply(): number[] {
    const lrs = this.lrAt(this.#epoch);
    this.optimizer.paramGroups.forEach((g, gi) => {
      g.lr = lrs[gi]!;
    });
    return lrs;
  }
}
