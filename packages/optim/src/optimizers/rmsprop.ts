import { kernels } from "@neurite/tensor";
import type { FloatArray } from "../internal/float.js";
import { bool, nonNegative, type OptionSpec, positive, unitInterval } from "../internal/options.js";
import {
  Optimizer,
  type OptimizerOptions,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
  type StateLayout,
} from "../optimizer.js";

/** Options of {@link RMSprop} (PyTorch's defaults). */
export interface RMSpropOptions extends OptimizerOptions {
  /** Learning rate. Default `0.01` (PyTorch; Keras uses `0.001`). */
  lr: number;
  /** Smoothing constant α of the squared-gradient average, in `[0, 1]`. Default `0.99` (Keras's `rho` is 0.9). */
  alpha: number;
  /** ε added to the denominator, `> 0`. Default `1e-8`. */
  eps: number;
  /** L2 penalty λ added to the gradient, `>= 0`. Default `0`. */
  weightDecay: number;
  /** Momentum factor μ, `>= 0`. Default `0`. */
  momentum: number;
  /** Divide by an estimate of the gradient's variance instead of its second moment. Default `false`. */
  centered: boolean;
}

const SPEC: OptionSpec<RMSpropOptions> = {
  defaults: { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false },
  rules: {
    lr: nonNegative,
    alpha: unitInterval,
    eps: positive,
    weightDecay: nonNegative,
    momentum: nonNegative,
    centered: bool,
  },
};

/**
 * RMSprop (Hinton), following `torch.optim.RMSprop`. For each element:
 *
 * ```text
 * g ← g + λ·θ                              (if weightDecay λ ≠ 0)
 * v ← α·v + (1 − α)·g²
 * centered:  ḡ ← α·ḡ + (1 − α)·g;  s ← √(max(v − ḡ², 0)) + ε
 * otherwise: s ← √v + ε
 * momentum μ > 0:  b ← μ·b + g/s;  θ ← θ − lr·b
 * otherwise:       θ ← θ − lr·g/s
 * ```
 *
 * The `max(·, 0)` guards the centered variance against rounding below zero
 * (where PyTorch would produce NaN); otherwise the formula is PyTorch's.
 * Buffers start at zero. State: `squareAvg` (v), `gradAvg` (ḡ, centered),
 * `momentumBuffer` (b, momentum > 0).
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  /** Default options of RMSprop. */
  static readonly defaults: Readonly<RMSpropOptions> = SPEC.defaults;

  /**
   * @param params - Variables that require gradients, or parameter groups `{ params, ...options }`
   * @param options - options for every group; see {@link RMSpropOptions} for defaults
   */
  constructor(params: ParamsInput<RMSpropOptions>, options?: Partial<RMSpropOptions>) {
    super("RMSprop", SPEC, params, options);
  }

  /** The state this optimizer keeps per parameter (see the class description). */
  protected override layout(o: RMSpropOptions): StateLayout {
    const required = ["squareAvg"];
    if (o.momentum > 0) required.push("momentumBuffer");
    if (o.centered) required.push("gradAvg");
    return { required, optional: ["momentumBuffer", "gradAvg"] };
  }

  /** The update rule of the class description, through the backend's kernel. */
  protected override update(
    p: FloatArray,
    g: FloatArray,
    state: ParamState,
    o: ParamGroup<RMSpropOptions>,
  ): void {
    const sq = this.buffer(state, "squareAvg", p);
    const avg = o.centered ? this.buffer(state, "gradAvg", p) : null;
    const buf = o.momentum > 0 ? this.buffer(state, "momentumBuffer", p) : null;
    kernels().rmsprop(p, g, sq, avg, buf, o.lr, o.alpha, o.eps, o.weightDecay, o.momentum);
  }
}
