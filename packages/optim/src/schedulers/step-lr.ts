import { optionNames } from "@neurite/tensor";
import type { Optimizer } from "../optimizer.js";
import { checkOptionsObject, integerAtLeast, numberWhere } from "./checks.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of {@link StepLR}. */
export interface StepLROptions {
  /** Epochs between decays, an integer `>= 1`. Required. */
  stepSize: number;
  /** Factor applied at each decay, `> 0`. Default `0.1`. */
  gamma?: number;
}

const STEP_L_R_OPTIONS = optionNames<StepLROptions>({ stepSize: true, gamma: true });

/**
 * Decays the learning rate by `gamma` every `stepSize` epochs, as PyTorch's
 * `StepLR`: `lr(e) = base · gamma^⌊e / stepSize⌋`.
 *
 * @example
 * ```ts
 * const sched = new StepLR(opt, { stepSize: 30, gamma: 0.1 }); // 0.1 → 0.01 at epoch 30
 * ```
 */
export class StepLR extends LRScheduler {
  /** Epochs between decays. */
  readonly stepSize: number;
  /** Decay factor. */
  readonly gamma: number;

  /**
   * @param optimizer - the optimizer whose groups' `lr` to set
   * @param options - `stepSize` (required) and `gamma` (default 0.1)
   */
  constructor(optimizer: Optimizer, options: StepLROptions) {
    checkOptionsObject("StepLR", options, STEP_L_R_OPTIONS);
    const stepSize = integerAtLeast("StepLR", "stepSize", options.stepSize, 1);
    const gamma = numberWhere(
      "StepLR",
      "gamma",
      options.gamma ?? 0.1,
      (v) => v > 0,
      "a number > 0",
    );
    super("StepLR", optimizer, (base, e) => base * gamma ** Math.floor(e / stepSize));
    this.stepSize = stepSize;
    this.gamma = gamma;
  }
}
