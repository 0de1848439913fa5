import type { Variable } from "@neurite/autograd";
import type { Rng, Tensor } from "@neurite/tensor";
import { checkOptions, optionNames } from "@neurite/tensor";
import { checkRate, dropout } from "../functional/dropout.js";
import { Module, type SymbolicShape } from "../module.js";
import { type RandomOptions, resolveRng } from "../random.js";
import { layerInput } from "./shared.js";

/** Options of {@link Dropout}. */
export interface DropoutOptions extends RandomOptions {
  /** A name for `summary()`. */
  name?: string;
}

const DROPOUT_OPTIONS = optionNames<DropoutOptions>({ seed: true, rng: true, name: true });

/**
 * Inverted dropout. In training mode each value is zeroed with probability
 * `rate` and the survivors are scaled by `1 / (1 − rate)`, so the layer's
 * expected output equals its input; in eval mode it returns its input
 * unchanged. The mask comes from the layer's own generator: the same seed
 * gives the same masks, call after call.
 *
 * @example
 * ```ts
 * const drop = new Dropout(0.5, { seed: 7 });
 * drop.call(x);          // training: about half the values are 0, the rest doubled
 * drop.eval().call(x);   // identity
 * ```
 */
export class Dropout extends Module {
  /** Probability of dropping each value, in [0, 1). */
  readonly rate: number;
  private readonly rng: Rng;
  private readonly seed: number | undefined;

  /**
   * @param rate - the share of values dropped, in [0, 1)
   * @throws ValueError for a rate outside [0, 1)
   */
  constructor(rate: number, options: DropoutOptions = {}) {
    super();
    checkOptions("Dropout", options, DROPOUT_OPTIONS);
    this.rate = checkRate("Dropout", rate);
    this.rng = resolveRng("Dropout", options);
    this.seed = options.seed;
    this.name = options.name;
  }

  /** Dropout keeps its input's shape, whatever it is. */
  override get preservesShape(): boolean {
    return true;
  }

  override get className(): string {
    return "Dropout";
  }

  override computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape.slice();
  }

  /** Drops values in training mode; returns `x` itself in eval mode. */
  forward(x: Variable | Tensor): Variable {
    const v = layerInput("Dropout", x);
    if (!this.training || this.rate === 0) return v;
    return dropout(v, this.rate, this.rng);
  }

  override getConfig(): Record<string, unknown> {
    return { rate: this.rate, seed: this.seed ?? null, name: this.name ?? null };
  }
}
