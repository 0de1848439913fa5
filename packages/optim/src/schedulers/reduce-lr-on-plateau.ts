import { brand, optionNames, ValueError } from "@neurite/tensor";
import { describe } from "../internal/describe.js";
import type { Optimizer } from "../optimizer.js";
import { checkOptimizer, checkOptionsObject, integerAtLeast, numberWhere } from "./checks.js";

/** Options of {@link ReduceLROnPlateau} (PyTorch's defaults). */
export interface ReduceLROnPlateauOptions {
  /** `"min"`: the metric should fall (a loss); `"max"`: it should rise (an accuracy). Default `"min"`. */
  mode?: "min" | "max";
  /** Factor applied to the rate on a plateau, in `[0, 1)`. Default `0.1`. */
  factor?: number;
  /** Epochs without improvement tolerated before reducing, an integer `>= 0`. Default `10`. */
  patience?: number;
  /** How much better a metric must be to count as an improvement, `>= 0`. Default `1e-4`. */
  threshold?: number;
  /** `"rel"`: better by a fraction `threshold` of the best; `"abs"`: by `threshold`. Default `"rel"`. */
  thresholdMode?: "rel" | "abs";
  /** Epochs to wait after a reduction before counting bad epochs again, an integer `>= 0`. Default `0`. */
  cooldown?: number;
  /** Lower bound on the rate, one number or one per group, `>= 0`. Default `0`. */
  minLr?: number | readonly number[];
  /** A reduction smaller than this is skipped, `>= 0`. Default `1e-8`. */
  eps?: number;
}

const REDUCE_L_R_ON_PLATEAU_OPTIONS = optionNames<ReduceLROnPlateauOptions>({
  mode: true,
  factor: true,
  patience: true,
  threshold: true,
  thresholdMode: true,
  cooldown: true,
  minLr: true,
  eps: true,
});

/** The saved form of a {@link ReduceLROnPlateau} (plain JSON). */
export interface PlateauStateDict {
  /** Always `"ReduceLROnPlateau"`. */
  scheduler: "ReduceLROnPlateau";
  /** Number of `step(metric)` calls so far. */
  lastEpoch: number;
  /** The best metric seen, or null before the first. */
  best: number | null;
  /** Epochs since the last improvement. */
  numBadEpochs: number;
  /** Epochs of cooldown left. */
  cooldownCounter: number;
  /** The groups' learning rates after the last step. */
  lastLr: number[];
}

/**
 * Reduces the learning rate when a metric stops improving, as PyTorch's
 * `ReduceLROnPlateau` (Keras's callback of the same name). Call
 * `step(metric)` once per epoch with the validation loss (or accuracy in
 * `"max"` mode). An epoch improves when, in `"min"`/`"rel"` mode,
 * `metric < best·(1 − threshold)` (`"abs"`: `metric < best − threshold`;
 * `"max"` mirrors them). After more than `patience` epochs without
 * improvement, each group's rate becomes `max(lr·factor, minLr)` (unless
 * that changes it by less than `eps`), and `cooldown` epochs follow during
 * which bad epochs are not counted.
 *
 * @example
 * ```ts
 * const plateau = new ReduceLROnPlateau(opt, { factor: 0.5, patience: 3 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); plateau.step(validate()); }
 * ```
 */
export class ReduceLROnPlateau {
  static {
    // instanceof holds across copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_ReduceLROnPlateau)
    brand(this, "ReduceLROnPlateau");
  }

  /** The optimizer whose groups' `lr` this scheduler reduces. */
  readonly optimizer: Optimizer;
  /** `"min"` or `"max"`. */
  readonly mode: "min" | "max";
  /** Reduction factor. */
  readonly factor: number;
  /** Bad epochs tolerated. */
  readonly patience: number;
  /** Improvement threshold. */
  readonly threshold: number;
  /** `"rel"` or `"abs"`. */
  readonly thresholdMode: "rel" | "abs";
  /** Cooldown epochs after a reduction. */
  readonly cooldown: number;
  /** Lower bound per group. */
  readonly minLrs: readonly number[];
  /** Smallest reduction applied. */
  readonly eps: number;
  #epoch = 0;
  #best: number;
  #bad = 0;
  #cooldownLeft = 0;

  /**
   * @param optimizer - the optimizer to drive
   * @param options - see {@link ReduceLROnPlateauOptions} for the defaults
   */
  constructor(optimizer: Optimizer, options: ReduceLROnPlateauOptions = {}) {
    const op = "ReduceLROnPlateau";
    checkOptimizer(op, optimizer);
    checkOptionsObject(op, options, REDUCE_L_R_ON_PLATEAU_OPTIONS);
    this.optimizer = optimizer;
    const mode = options.mode ?? "min";
    if (mode !== "min" && mode !== "max") {
      throw new ValueError(op, "mode", `expected "min" or "max", got ${describe(mode)}`);
    }
    const thresholdMode = options.thresholdMode ?? "rel";
    if (thresholdMode !== "rel" && thresholdMode !== "abs") {
      throw new ValueError(
        op,
        "thresholdMode",
        `expected "rel" or "abs", got ${describe(thresholdMode)}`,
      );
    }
    this.mode = mode;
    this.thresholdMode = thresholdMode;
    this.factor = numberWhere(
      op,
      "factor",
      options.factor ?? 0.1,
      (v) => v >= 0 && v < 1,
      "a number in [0, 1)",
    );
    this.patience = integerAtLeast(op, "patience", options.patience ?? 10, 0);
    this.threshold = numberWhere(
      op,
      "threshold",
      options.threshold ?? 1e-4,
      (v) => v >= 0,
      "a number >= 0",
    );
    this.cooldown = integerAtLeast(op, "cooldown", options.cooldown ?? 0, 0);
    this.eps = numberWhere(op, "eps", options.eps ?? 1e-8, (v) => v >= 0, "a number >= 0");
    const groups = optimizer.paramGroups.length;
    const minLr = options.minLr ?? 0;
    const list = Array.isArray(minLr) ? minLr : new Array<unknown>(groups).fill(minLr);
    if (list.length !== groups) {
      throw new ValueError(
        op,
        "minLr",
        `expected one number or ${groups} (one per parameter group), got ${list.length}`,
      );
    }
    this.minLrs = list.map((v) => numberWhere(op, "minLr", v, (x) => x >= 0, "numbers >= 0"));
    this.#best = this.#worst();
  }

  /** Number of `step(metric)` calls so far. */
  get lastEpoch(): number {
    return this.#epoch;
  }

  /** The best metric seen so far, or null before the first step. */
  get best(): number | null {
    return Number.isFinite(this.#best) ? this.#best : null;
  }

  /** Epochs since the last improvement. */
  get numBadEpochs(): number {
    return this.#bad;
  }

  /** The groups' current learning rates. */
  get lastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  /**
   * Records one epoch's metric and reduces the rates after a plateau.
   * @throws ValueError if `metric` is not a finite number (a NaN loss means training diverged)
   */
  step(metric: number): void {
    if (typeof metric !== "number" || !Number.isFinite(metric)) {
      throw new ValueError(
        "ReduceLROnPlateau.step",
        "metric",
        `expected a finite number (the epoch's validation loss or metric), got ${describe(metric)}`,
      );
    }
    this.#epoch += 1;
    if (this.#isBetter(metric)) {
      this.#best = metric;
      this.#bad = 0;
    } else {
      this.#bad += 1;
    }
    if (this.#cooldownLeft > 0) {
      this.#cooldownLeft -= 1;
      this.#bad = 0;
    }
    if (this.#bad > this.patience) {
      this.#reduce();
      this.#cooldownLeft = this.cooldown;
      this.#bad = 0;
    }
  }

  /** The scheduler's progress as plain JSON. */
  stateDict(): PlateauStateDict {
    return {
      scheduler: "ReduceLROnPlateau",
      lastEpoch: this.#epoch,
      best: this.best,
      numBadEpochs: this.#bad,
      cooldownCounter: this.#cooldownLeft,
      lastLr: this.lastLr,
    };
  }

  /**
   * Restores progress saved by {@link ReduceLROnPlateau.stateDict} and sets the groups' `lr`.
   * @throws ValueError if the state is not a ReduceLROnPlateau's or has another number of groups
   */
  loadStateDict(stateDict: PlateauStateDict): void {
    const op = "ReduceLROnPlateau.loadStateDict";
    const sd = stateDict as unknown as Record<string, unknown>;
    if (sd === null || typeof sd !== "object" || sd.scheduler !== "ReduceLROnPlateau") {
      throw new ValueError(
        op,
        "stateDict",
        `expected the state of a ReduceLROnPlateau, got ${describe(sd)}`,
      );
    }
    const lastEpoch = integerAtLeast(op, "lastEpoch", sd.lastEpoch, 0);
    const bad = integerAtLeast(op, "numBadEpochs", sd.numBadEpochs, 0);
    const cooldown = integerAtLeast(op, "cooldownCounter", sd.cooldownCounter, 0);
    const best =
      sd.best === null
        ? this.#worst()
        : numberWhere(op, "best", sd.best, () => true, "a number or null");
    const groups = this.optimizer.paramGroups;
    const lrs = sd.lastLr;
    if (!Array.isArray(lrs) || lrs.length !== groups.length) {
      throw new ValueError(
        op,
        "lastLr",
        `expected ${groups.length} learning rates, got ${describe(lrs)}`,
      );
    }
    const checked = lrs.map((v) => numberWhere(op, "lastLr", v, (x) => x >= 0, "numbers >= 0"));
    this.#epoch = lastEpoch;
    this.#bad = bad;
    this.#cooldownLeft = cooldown;
    this.#best = best;
    groups.forEach((g, gi) => {
      g.lr = checked[gi]!;
    });
  }

  #worst(): number {
    return this.mode === "min" ? Infinity : -Infinity;
  }

  #isBetter(a: number): boolean {
    const best = this.#best;
    const t = this.threshold;
    if (this.mode === "min") {
      return this.thresholdMode === "rel" ? a < best * (1 - t) : a < best - t;
    }
    return this.thresholdMode === "rel" ? a > best * (1 + t) : a > best + t;
  }

  #reduce(): void {
    this.optimizer.paramGroups.forEach((g, gi) => {
      const old = g.lr;
      const lr = Math.max(old * this.factor, this.minLrs[gi] ?? 0);
      if (old - lr > this.eps) g.lr = lr;
    });
  }
}
