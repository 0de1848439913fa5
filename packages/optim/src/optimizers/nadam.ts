import { kernels } from "@neurite/tensor";
import type { FloatArray } from "../internal/float.js";
import { betaPair, bool, nonNegative, type OptionSpec, positive } from "../internal/options.js";
import {
  Optimizer,
  type OptimizerOptions,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
  type StateLayout,
} from "../optimizer.js";

/** Options of {@link Nadam} (PyTorch's defaults). */
export interface NadamOptions extends OptimizerOptions {
  /** Learning rate. Default `0.002` (PyTorch; Keras uses `0.001`). */
  lr: number;
  /** `[β₁, β₂]`, each in `[0, 1)`. Default `[0.9, 0.999]`. */
  betas: readonly [number, number];
  /** ε added to the denominator, `> 0`. Default `1e-8` (Keras uses `1e-7`). */
  eps: number;
  /** Weight decay λ, `>= 0`. Default `0`. */
  weightDecay: number;
  /** Momentum decay ψ of the μ schedule, `>= 0`. Default `0.004`. */
  momentumDecay: number;
  /** Apply weight decay as AdamW does (`θ ← θ·(1 − lr·λ)`) instead of adding `λ·θ` to g. Default `false`. */
  decoupledWeightDecay: boolean;
}

const SPEC: OptionSpec<NadamOptions> = {
  defaults: {
    lr: 0.002,
    betas: [0.9, 0.999],
    eps: 1e-8,
    weightDecay: 0,
    momentumDecay: 0.004,
    decoupledWeightDecay: false,
  },
  rules: {
    lr: nonNegative,
    betas: betaPair,
    eps: positive,
    weightDecay: nonNegative,
    momentumDecay: nonNegative,
    decoupledWeightDecay: bool,
  },
};

/**
 * Nadam, Adam with Nesterov momentum (Dozat), following `torch.optim.NAdam`.
 * For each element, at step `t`:
 *
 * ```text
 * θ ← θ·(1 − lr·λ)  if decoupledWeightDecay,  else  g ← g + λ·θ   (if λ ≠ 0)
 * μₜ = β₁·(1 − ½·0.96^(t·ψ)),  μₜ₊₁ = β₁·(1 − ½·0.96^((t+1)·ψ))
 * P ← P·μₜ                                   (P, the product of the μ's, starts at 1)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * s = √(v / (1 − β₂ᵗ)) + ε
 * θ ← θ − lr·(1 − μₜ)/(1 − P) · g/s − lr·μₜ₊₁/(1 − P·μₜ₊₁) · m/s
 * ```
 *
 * State: `expAvg` (m), `expAvgSq` (v) and the number `muProduct` (P).
 */
export class Nadam extends Optimizer<NadamOptions> {
  /** Default options of Nadam. */
  static readonly defaults: Readonly<NadamOptions> = SPEC.defaults;

  /**
   * @param params - Variables that require gradients, or parameter groups `{ params, ...options }`
   * @param options - options for every group; see {@link NadamOptions} for defaults
   */
  constructor(params: ParamsInput<NadamOptions>, options?: Partial<NadamOptions>) {
    super("Nadam", SPEC, params, options);
  }

  /** The state this optimizer keeps per parameter (see the class description). */
  protected override layout(): StateLayout {
    return { required: ["expAvg", "expAvgSq"], scalars: ["muProduct"] };
  }

  /** The update rule of the class description, through the backend's kernel. */
  protected override update(
    p: FloatArray,
    g: FloatArray,
    state: ParamState,
    o: ParamGroup<NadamOptions>,
  ): void {
    const { lr, eps, weightDecay, momentumDecay } = o;
    const [beta1, beta2] = o.betas;
    const t = state.step;
    const m = this.buffer(state, "expAvg", p);
    const v = this.buffer(state, "expAvgSq", p);
    const mu = beta1 * (1 - 0.5 * 0.96 ** (t * momentumDecay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentumDecay));
    const product = (state.scalars.muProduct ?? 1) * mu;
    state.scalars.muProduct = product;
    const gradCoef = (lr * (1 - mu)) / (1 - product);
    const momentCoef = (lr * muNext) / (1 - product * muNext);
    const decay = o.decoupledWeightDecay ? 1 - lr * weightDecay : 1;
    const l2 = o.decoupledWeightDecay ? 0 : weightDecay;
    const bc2 = 1 - beta2 ** t;
    kernels().nadam(p, g, m, v, gradCoef, momentCoef, bc2, beta1, beta2, eps, l2, decay);
  }
}
