import { optionNames } from "@neurite/tensor";
import type { Optimizer } from "../optimizer.js";
import { checkOptionsObject, integerAtLeast, numberWhere } from "./checks.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of {@link CosineAnnealingLR}. */
export interface CosineAnnealingLROptions {
  /** Epochs of the half cosine from the base rate down to `etaMin`, an integer `>= 1`. Required. */
  tMax: number;
  /** The lowest learning rate, `>= 0`. Default `0`. */
  etaMin?: number;
}

const COSINE_ANNEALING_L_R_OPTIONS = optionNames<CosineAnnealingLROptions>({
  tMax: true,
  etaMin: true,
});

/**
 * Anneals the learning rate along a half cosine, as PyTorch's
 * `CosineAnnealingLR` (without restarts), in closed form:
 * `lr(e) = etaMin + (base − etaMin) · (1 + cos(π·e / tMax)) / 2`.
 * It reaches `etaMin` at `e = tMax`; past it the cosine rises again, as in PyTorch.
 */
export class CosineAnnealingLR extends LRScheduler {
  /** Half-period in epochs. */
  readonly tMax: number;
  /** Lowest learning rate. */
  readonly etaMin: number;

  /**
   * @param optimizer - the optimizer whose groups' `lr` to set
   * @param options - `tMax` (required) and `etaMin` (default 0)
   */
  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    checkOptionsObject("CosineAnnealingLR", options, COSINE_ANNEALING_L_R_OPTIONS);
    const tMax = integerAtLeast("CosineAnnealingLR", "tMax", options.tMax, 1);
    const etaMin = numberWhere(
      "CosineAnnealingLR",
      "etaMin",
      options.etaMin ?? 0,
      (v) => v >= 0,
      "a number >= 0",
    );
    super(
      "CosineAnnealingLR",
      optimizer,
      (base, e) => etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * e) / tMax))) / 2,
    );
    this.tMax = tMax;
    this.etaMin = etaMin;
  }
}
