import { kernels } from "@neurite/tensor";
import type { FloatArray } from "../internal/float.js";
import { betaPair, nonNegative, type OptionSpec, positive } from "../internal/options.js";
import {
  Optimizer,
  type OptimizerOptions,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
  type StateLayout,
} from "../optimizer.js";

/** Options of {@link Adamax} (PyTorch's defaults). */
export interface AdamaxOptions extends OptimizerOptions {
  /** Learning rate. Default `0.002` (PyTorch; Keras uses `0.001`). */
  lr: number;
  /** `[β₁, β₂]`, each in `[0, 1)`. Default `[0.9, 0.999]`. */
  betas: readonly [number, number];
  /** ε added to |g| in the infinity norm, `> 0`. Default `1e-8` (Keras uses `1e-7`). */
  eps: number;
  /** L2 penalty λ added to the gradient, `>= 0`. Default `0`. */
  weightDecay: number;
}

const SPEC: OptionSpec<AdamaxOptions> = {
  defaults: { lr: 0.002, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 },
  rules: { lr: nonNegative, betas: betaPair, eps: positive, weightDecay: nonNegative },
};

/**
 * Adamax, Adam with the infinity norm (Kingma & Ba, section 7), following
 * `torch.optim.Adamax`. For each element, at step `t`:
 *
 * ```text
 * g ← g + λ·θ                          (if weightDecay λ ≠ 0)
 * m ← β₁·m + (1 − β₁)·g
 * u ← max(β₂·u, |g| + ε)
 * θ ← θ − lr/(1 − β₁ᵗ) · m / u
 * ```
 *
 * State: `expAvg` (m) and `expInf` (u), starting at zero.
 */
export class Adamax extends Optimizer<AdamaxOptions> {
  /** Default options of Adamax. */
  static readonly defaults: Readonly<AdamaxOptions> = SPEC.defaults;

  /**
   * @param params - Variables that require gradients, or parameter groups `{ params, ...options }`
   * @param options - options for every group; see {@link AdamaxOptions} for defaults
   */
  constructor(params: ParamsInput<AdamaxOptions>, options?: Partial<AdamaxOptions>) {
    super("Adamax", SPEC, params, options);
  }

  /** The state this optimizer keeps per parameter (see the class description). */
  protected override layout(): StateLayout {
    return { required: ["expAvg", "expInf"] };
  }

  /** The update rule of the class description, through the backend's kernel. */
  protected override update(
    p: FloatArray,
    g: FloatArray,
    state: ParamState,
    o: ParamGroup<AdamaxOptions>,
  ): void {
    const [beta1, beta2] = o.betas;
    const m = this.buffer(state, "expAvg", p);
    const u = this.buffer(state, "expInf", p);
    const clr = o.lr / (1 - beta1 ** state.step);
    kernels().adamax(p, g, m, u, clr, beta1, beta2, o.eps, o.weightDecay);
  }
}
