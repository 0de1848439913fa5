import { kernels } from "@neurite/tensor";
import type { FloatArray } from "../internal/float.js";
import { nonNegative, type OptionSpec, positive } from "../internal/options.js";
import {
  Optimizer,
  type OptimizerOptions,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
  type StateLayout,
} from "../optimizer.js";

/** Options of {@link Adagrad} (PyTorch's defaults). */
export interface AdagradOptions extends OptimizerOptions {
  /** Learning rate. Default `0.01` (PyTorch; Keras uses `0.001`). */
  lr: number;
  /** Learning-rate decay η, `>= 0`: step t uses `lr / (1 + (t − 1)·η)`. Default `0`. */
  lrDecay: number;
  /** L2 penalty λ added to the gradient, `>= 0`. Default `0`. */
  weightDecay: number;
  /** Starting value of the sum of squared gradients, `>= 0`. Default `0` (Keras uses `0.1`). */
  initialAccumulatorValue: number;
  /** ε added to the denominator, `> 0`. Default `1e-10`. */
  eps: number;
}

const SPEC: OptionSpec<AdagradOptions> = {
  defaults: { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10 },
  rules: {
    lr: nonNegative,
    lrDecay: nonNegative,
    weightDecay: nonNegative,
    initialAccumulatorValue: nonNegative,
    eps: positive,
  },
};

/**
 * Adagrad (Duchi et al.), following `torch.optim.Adagrad`. For each element,
 * at step `t`:
 *
 * ```text
 * g ← g + λ·θ                          (if weightDecay λ ≠ 0)
 * s ← s + g²                           (s starts at initialAccumulatorValue)
 * θ ← θ − lr/(1 + (t − 1)·η) · g / (√s + ε)
 * ```
 *
 * State: `sum` (s), created at a parameter's first update.
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  /** Default options of Adagrad. */
  static readonly defaults: Readonly<AdagradOptions> = SPEC.defaults;

  /**
   * @param params - Variables that require gradients, or parameter groups `{ params, ...options }`
   * @param options - options for every group; see {@link AdagradOptions} for defaults
   */
  constructor(params: ParamsInput<AdagradOptions>, options?: Partial<AdagradOptions>) {
    super("Adagrad", SPEC, params, options);
  }

  /** The state this optimizer keeps per parameter (see the class description). */
  protected override layout(): StateLayout {
    return { required: ["sum"] };
  }

  /** The update rule of the class description, through the backend's kernel. */
  protected override update(
    p: FloatArray,
    g: FloatArray,
    state: ParamState,
    o: ParamGroup<AdagradOptions>,
  ): void {
    const sum = this.buffer(state, "sum", p, o.initialAccumulatorValue);
    const clr = o.lr / (1 + (state.step - 1) * o.lrDecay);
    kernels().adagrad(p, g, sum, clr, o.eps, o.weightDecay);
  }
}
