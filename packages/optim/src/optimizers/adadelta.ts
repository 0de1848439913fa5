import { kernels } from "@neurite/tensor";
import type { FloatArray } from "../internal/float.js";
import { nonNegative, type OptionSpec, positive, unitInterval } from "../internal/options.js";
import {
  Optimizer,
  type OptimizerOptions,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
  type StateLayout,
} from "../optimizer.js";

/** Options of {@link Adadelta} (PyTorch's defaults). */
export interface AdadeltaOptions extends OptimizerOptions {
  /** Factor applied to the computed step. Default `1` (PyTorch; Keras uses `0.001`). */
  lr: number;
  /** Decay rate ρ of both running averages, in `[0, 1]`. Default `0.9` (Keras uses `0.95`). */
  rho: number;
  /** ε inside both square roots, `> 0`. Default `1e-6` (Keras uses `1e-7`). */
  eps: number;
  /** L2 penalty λ added to the gradient, `>= 0`. Default `0`. */
  weightDecay: number;
}

const SPEC: OptionSpec<AdadeltaOptions> = {
  defaults: { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0 },
  rules: { lr: nonNegative, rho: unitInterval, eps: positive, weightDecay: nonNegative },
};

/**
 * Adadelta (Zeiler), following `torch.optim.Adadelta`. For each element:
 *
 * ```text
 * g ← g + λ·θ                          (if weightDecay λ ≠ 0)
 * v ← ρ·v + (1 − ρ)·g²
 * Δ ← √(u + ε) / √(v + ε) · g
 * u ← ρ·u + (1 − ρ)·Δ²
 * θ ← θ − lr·Δ
 * ```
 *
 * State: `squareAvg` (v) and `accDelta` (u), starting at zero.
 */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  /** Default options of Adadelta. */
  static readonly defaults: Readonly<AdadeltaOptions> = SPEC.defaults;

  /**
   * @param params - Variables that require gradients, or parameter groups `{ params, ...options }`
   * @param options - options for every group; see {@link AdadeltaOptions} for defaults
   */
  constructor(params: ParamsInput<AdadeltaOptions>, options?: Partial<AdadeltaOptions>) {
    super("Adadelta", SPEC, params, options);
  }

  /** The state this optimizer keeps per parameter (see the class description). */
  protected override layout(): StateLayout {
    return { required: ["squareAvg", "accDelta"] };
  }

  /** The update rule of the class description, through the backend's kernel. */
  protected override update(
    p: FloatArray,
    g: FloatArray,
    state: ParamState,
    o: ParamGroup<AdadeltaOptions>,
  ): void {
    const sq = this.buffer(state, "squareAvg", p);
    const acc = this.buffer(state, "accDelta", p);
    kernels().adadelta(p, g, sq, acc, o.lr, o.rho, o.eps, o.weightDecay);
  }
}
