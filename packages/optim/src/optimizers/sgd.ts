import { kernels } from "@neurite/tensor";
import type { FloatArray } from "../internal/float.js";
import { bool, nonNegative, type OptionSpec, unitInterval } from "../internal/options.js";
import {
  Optimizer,
  type OptimizerOptions,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
  type StateLayout,
} from "../optimizer.js";

/** Options of {@link SGD}. */
export interface SGDOptions extends OptimizerOptions {
  /** Learning rate. Default `0.01` (Keras's default; PyTorch's is `0.001`). */
  lr: number;
  /** Momentum factor μ, `>= 0`. Default `0` (plain gradient descent). */
  momentum: number;
  /** Dampening τ of the momentum, in `[0, 1]`. Default `0`. */
  dampening: number;
  /** L2 penalty λ added to the gradient, `>= 0`. Default `0`. */
  weightDecay: number;
  /** Nesterov momentum; needs `momentum > 0` and `dampening = 0`. Default `false`. */
  nesterov: boolean;
}

const SPEC: OptionSpec<SGDOptions> = {
  defaults: { lr: 0.01, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false },
  rules: {
    lr: nonNegative,
    momentum: nonNegative,
    dampening: unitInterval,
    weightDecay: nonNegative,
    nesterov: bool,
  },
  cross(o) {
    if (o.nesterov && o.momentum <= 0) return ["nesterov", "Nesterov momentum needs momentum > 0"];
    if (o.nesterov && o.dampening !== 0) {
      return ["nesterov", `Nesterov momentum needs dampening = 0, got ${o.dampening}`];
    }
    return null;
  },
};

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov
 * momentum and weight decay, following PyTorch's `torch.optim.SGD`. For
 * each element, with gradient `g`, at step `t`:
 *
 * ```text
 * g ← g + λ·θ                          (if weightDecay λ ≠ 0)
 * if μ ≠ 0:
 *   b ← g                 at t = 1     (the buffer starts as the gradient, undamped)
 *   b ← μ·b + (1 − τ)·g   after
 *   g ← g + μ·b  if nesterov, else  g ← b
 * θ ← θ − lr·g
 * ```
 *
 * State: `momentumBuffer` (only when momentum ≠ 0).
 *
 * @example
 * ```ts
 * const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true });
 * ```
 */
export class SGD extends Optimizer<SGDOptions> {
  /** Default options of SGD. */
  static readonly defaults: Readonly<SGDOptions> = SPEC.defaults;

  /**
   * @param params - Variables that require gradients, or parameter groups `{ params, ...options }`
   * @param options - options for every group; see {@link SGDOptions} for defaults
   */
  constructor(params: ParamsInput<SGDOptions>, options?: Partial<SGDOptions>) {
    super("SGD", SPEC, params, options);
  }

  /** The state this optimizer keeps per parameter (see the class description). */
  protected override layout(): StateLayout {
    return { required: [], optional: ["momentumBuffer"] };
  }

  /** The update rule of the class description, through the backend's kernel. */
  protected override update(
    p: FloatArray,
    g: FloatArray,
    state: ParamState,
    o: ParamGroup<SGDOptions>,
  ): void {
    const { lr, momentum, dampening, weightDecay, nesterov } = o;
    if (momentum === 0) {
      kernels().sgd(p, g, null, lr, 0, dampening, weightDecay, false, false);
      return;
    }
    const first = state.buffers.momentumBuffer === undefined;
    const buf = this.buffer(state, "momentumBuffer", p);
    kernels().sgd(p, g, buf, lr, momentum, dampening, weightDecay, nesterov, first);
  }
}
