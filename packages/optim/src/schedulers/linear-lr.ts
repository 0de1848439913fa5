import { optionNames } from "@neurite/tensor";
import type { Optimizer } from "../optimizer.js";
import { checkOptionsObject, integerAtLeast, numberWhere } from "./checks.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of {@link LinearLR}. */
export interface LinearLROptions {
  /** Factor of the base rate at epoch 0, in `(0, 1]`. Default `1/3`. */
  startFactor?: number;
  /** Factor of the base rate from `totalIters` on, in `[0, 1]`. Default `1`. */
  endFactor?: number;
  /** Epochs to go from `startFactor` to `endFactor`, an integer `>= 1`. Default `5`. */
  totalIters?: number;
}

const LINEAR_L_R_OPTIONS = optionNames<LinearLROptions>({
  startFactor: true,
  endFactor: true,
  totalIters: true,
});

/**
 * Linear warm-up (or decay), as PyTorch's `LinearLR`:
 * `lr(e) = base · (start + (end − start) · min(e, totalIters) / totalIters)`.
 * With the defaults the rate climbs from a third of the base rate to the
 * base rate over 5 epochs. Chain it with another schedule through
 * {@link SequentialLR}, e.g. warm-up then cosine annealing.
 *
 * @example
 * ```ts
 * const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 5 });
 * ```
 */
export class LinearLR extends LRScheduler {
  /** Factor at epoch 0. */
  readonly startFactor: number;
  /** Factor from `totalIters` on. */
  readonly endFactor: number;
  /** Length of the ramp in epochs. */
  readonly totalIters: number;

  /**
   * @param optimizer - the optimizer whose groups' `lr` to set
   * @param options - `startFactor` (1/3), `endFactor` (1), `totalIters` (5)
   */
  constructor(optimizer: Optimizer, options: LinearLROptions = {}) {
    checkOptionsObject("LinearLR", options, LINEAR_L_R_OPTIONS);
    const start = numberWhere(
      "LinearLR",
      "startFactor",
      options.startFactor ?? 1 / 3,
      (v) => v > 0 && v <= 1,
      "a number in (0, 1]",
    );
    const end = numberWhere(
      "LinearLR",
      "endFactor",
      options.endFactor ?? 1,
      (v) => v >= 0 && v <= 1,
      "a number in [0, 1]",
    );
    const total = integerAtLeast("LinearLR", "totalIters", options.totalIters ?? 5, 1);
    super(
      "LinearLR",
      optimizer,
      (base, e) => base * (start + ((end - start) * Math.min(e, total)) / total),
    );
    this.startFactor = start;
    this.endFactor = end;
    this.totalIters = total;
  }
}
