import { optionNames, ValueError } from "@neurite/tensor";
import { describe } from "../internal/describe.js";
import type { Optimizer } from "../optimizer.js";
import { checkOptionsObject } from "./checks.js";
import { LRScheduler } from "./lr-scheduler.js";

/** Options of {@link LambdaLR}. */
export interface LambdaLROptions {
  /** The factor of the base rate at an epoch (`group` is the group's index). Required. */
  lrLambda: (epoch: number, group: number) => number;
}

const LAMBDA_L_R_OPTIONS = optionNames<LambdaLROptions>({ lrLambda: true });

/**
 * A schedule of your own, as PyTorch's `LambdaLR`: `lr(e) = base · lrLambda(e)`.
 * The factor must be a finite number `>= 0`.
 *
 * @example
 * ```ts
 * new LambdaLR(opt, { lrLambda: (e) => 1 / (1 + 0.1 * e) }); // inverse-time decay
 * ```
 */
export class LambdaLR extends LRScheduler {
  /**
   * @param optimizer - the optimizer whose groups' `lr` to set
   * @param options - `lrLambda` (required)
   */
  constructor(optimizer: Optimizer, options: LambdaLROptions) {
    checkOptionsObject("LambdaLR", options, LAMBDA_L_R_OPTIONS);
    const f = options.lrLambda;
    if (typeof f !== "function") {
      throw new ValueError("LambdaLR", "lrLambda", `expected a function, got ${describe(f)}`);
    }
    super("LambdaLR", optimizer, (base, e, gi) => {
      const factor = f(e, gi);
      if (typeof factor !== "number" || !Number.isFinite(factor) || factor < 0) {
        throw new ValueError(
          "LambdaLR",
          "lrLambda",
          `returned ${describe(factor)} at epoch ${e}; expected a finite number >= 0`,
        );
      }
      return base * factor;
    });
  }
}
