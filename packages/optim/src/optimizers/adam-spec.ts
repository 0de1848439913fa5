import {
  betaPair,
  bool,
  nonNegative,
  type OptionSpec,
  oneOf,
  positive,
} from "../internal/options.js";
import type { StateLayout } from "../optimizer.js";
import type { AdamOptions } from "./adam.js";

/**
 * The option spec shared by Adam and AdamW: Keras's defaults (lr 0.001,
 * β = (0.9, 0.999), ε = 1e-7, Keras-style ε) and the same rules. Only the
 * default of `weightDecay` differs between the two.
 */
export function adamSpec(weightDecay: number): OptionSpec<AdamOptions> {
  return {
    defaults: {
      lr: 0.001,
      betas: [0.9, 0.999],
      eps: 1e-7,
      weightDecay,
      amsgrad: false,
      epsStyle: "keras",
    },
    rules: {
      lr: nonNegative,
      betas: betaPair,
      eps: positive,
      weightDecay: nonNegative,
      amsgrad: bool,
      epsStyle: oneOf("keras", "pytorch"),
    },
  };
}

/** State names shared by Adam and AdamW. */
export function adamLayout(o: { amsgrad: boolean }): StateLayout {
  return o.amsgrad
    ? { required: ["expAvg", "expAvgSq", "maxExpAvgSq"] }
    : { required: ["expAvg", "expAvgSq"], optional: ["maxExpAvgSq"] };
}
