import type { FloatArray } from "../internal/float.js";
import {
  Optimizer,
  type OptimizerOptions,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
  type StateLayout,
} from "../optimizer.js";
import { adamUpdate, type EpsStyle } from "./adam-scalars.js";
import { adamLayout, adamSpec } from "./adam-spec.js";

/** Options of {@link Adam}. The defaults are Keras's, as the book's examples use them. */
export interface AdamOptions extends OptimizerOptions {
  /** Learning rate. Default `0.001` (Keras and PyTorch agree). */
  lr: number;
  /** `[β₁, β₂]`, decay rates of the moment estimates, each in `[0, 1)`. Default `[0.9, 0.999]`. */
  betas: readonly [number, number];
  /** ε, `> 0`. Default `1e-7` (Keras; PyTorch uses `1e-8`). */
  eps: number;
  /** L2 penalty λ added to the gradient (PyTorch's coupled form), `>= 0`. Default `0`. */
  weightDecay: number;
  /** Use AMSGrad (the running maximum of `v`). Default `false`. */
  amsgrad: boolean;
  /** Where ε enters the update: `"keras"` (default) or `"pytorch"`; see {@link EpsStyle}. */
  epsStyle: EpsStyle;
}

const SPEC = adamSpec(0);

/**
 * Adam (Kingma & Ba). By default it behaves like Keras's `Adam` (lr 0.001,
 * β = (0.9, 0.999), ε = 1e-7 added to `√v`), which the book's examples rely on.
 * For each element, with gradient `g`, at step `t`:
 *
 * ```text
 * g ← g + λ·θ                                  (if weightDecay λ ≠ 0; PyTorch's L2 form)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * v̂ ← max(v̂, v) and use v̂ for v below          (if amsgrad)
 * epsStyle "keras":   θ ← θ − lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε)
 * epsStyle "pytorch": θ ← θ − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)
 * ```
 *
 * To get exactly `torch.optim.Adam`'s defaults, pass
 * `{ eps: 1e-8, epsStyle: "pytorch" }`. Keras's own `weight_decay` argument
 * is the decoupled form: use {@link AdamW} for it.
 *
 * State: `expAvg` (m), `expAvgSq` (v), and `maxExpAvgSq` (v̂) with amsgrad.
 */
export class Adam extends Optimizer<AdamOptions> {
  /** Default options of Adam. */
  static readonly defaults: Readonly<AdamOptions> = SPEC.defaults;

  /**
   * @param params - Variables that require gradients, or parameter groups `{ params, ...options }`
   * @param options - options for every group; see {@link AdamOptions} for defaults
   */
  constructor(params: ParamsInput<AdamOptions>, options?: Partial<AdamOptions>) {
    super("Adam", SPEC, params, options);
  }

  /** The state this optimizer keeps per parameter (see the class description). */
  protected override layout(o: AdamOptions): StateLayout {
    return adamLayout(o);
  }

  /** The update rule of the class description, through the backend's `adam` kernel. */
  protected override update(
    p: FloatArray,
    g: FloatArray,
    state: ParamState,
    o: ParamGroup<AdamOptions>,
  ): void {
    const m = this.buffer(state, "expAvg", p);
    const v = this.buffer(state, "expAvgSq", p);
    const vMax = o.amsgrad ? this.buffer(state, "maxExpAvgSq", p) : null;
    adamUpdate(p, g, m, v, vMax, state.step, o, o.weightDecay, 1);
  }
}
