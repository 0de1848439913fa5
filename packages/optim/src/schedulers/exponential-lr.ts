import { optionNames } from "@neurite/tensor";
import type { Optimizer } from "../optimizer.js";
import { checkOptionsObject, numberWhere } from "./checks.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of {@link ExponentialLR}. */
export interface ExponentialLROptions {
  /** Factor applied every epoch, `> 0`. Required. */
  gamma: number;
}

const EXPONENTIAL_L_R_OPTIONS = optionNames<ExponentialLROptions>({ gamma: true });

/**
 * Multiplies the learning rate by `gamma` every epoch, as PyTorch's
 * `ExponentialLR`: `lr(e) = base · gamma^e` (computed in closed form, so it
 * does not accumulate rounding).
 */
export class ExponentialLR extends LRScheduler {
  /** Decay factor per epoch. */
  readonly gamma: number;

  /**
   * @param optimizer - the optimizer whose groups' `lr` to set
   * @param options - `gamma` (required)
   */
  constructor(optimizer: Optimizer, options: ExponentialLROptions) {
    checkOptionsObject("ExponentialLR", options, EXPONENTIAL_L_R_OPTIONS);
    const gamma = numberWhere(
      "ExponentialLR",
      "gamma",
      options.gamma,
      (v) => v > 0,
      "a number > 0",
    );
    super("ExponentialLR", optimizer, (base, e) => base * gamma ** e);
    this.gamma = gamma;
  }
}
