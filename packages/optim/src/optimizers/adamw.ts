import type { FloatArray } from "../internal/float.js";
import type { OptionSpec } from "../internal/options.js";
import {
  Optimizer,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
  type StateLayout,
} from "../optimizer.js";
import type { AdamOptions } from "./adam.js";
import { adamUpdate } from "./adam-scalars.js";
import { adamLayout, adamSpec } from "./adam-spec.js";

/**
 * Options of {@link AdamW}: those of Adam, except that `weightDecay` is
 * decoupled from the gradient. Default `weightDecay` is `0.01` (PyTorch's;
 * Keras's AdamW uses `0.004`). The other defaults are Adam's (Keras-style ε).
 */
export type AdamWOptions = AdamOptions;

const SPEC: OptionSpec<AdamWOptions> = adamSpec(0.01);

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter), following
 * `torch.optim.AdamW`: the parameter shrinks before the Adam update, and the
 * gradient is not changed.
 *
 * ```text
 * θ ← θ·(1 − lr·λ)
 * then Adam's update of θ with g (no L2 term), as in {@link Adam}
 * ```
 *
 * Keras's `AdamW` (and Keras `Adam(weight_decay=λ)`) applies the same
 * `θ ← θ − θ·λ·lr`. With the defaults (Keras-style ε = 1e-7), pass
 * `{ eps: 1e-8, epsStyle: "pytorch" }` to reproduce `torch.optim.AdamW`.
 *
 * State: `expAvg`, `expAvgSq`, and `maxExpAvgSq` with amsgrad.
 */
export class AdamW extends Optimizer<AdamWOptions> {
  /** Default options of AdamW. */
  static readonly defaults: Readonly<AdamWOptions> = SPEC.defaults;

  /**
   * @param params - Variables that require gradients, or parameter groups `{ params, ...options }`
   * @param options - options for every group; see {@link AdamWOptions} for defaults
   */
  constructor(params: ParamsInput<AdamWOptions>, options?: Partial<AdamWOptions>) {
    super("AdamW", SPEC, params, options);
  }

  /** The state this optimizer keeps per parameter (see the class description). */
  protected override layout(o: AdamWOptions): StateLayout {
    return adamLayout(o);
  }

  /** The update rule of the class description, through the backend's `adam` kernel. */
  protected override update(
    p: FloatArray,
    g: FloatArray,
    state: ParamState,
    o: ParamGroup<AdamWOptions>,
  ): void {
    const m = this.buffer(state, "expAvg", p);
    const v = this.buffer(state, "expAvgSq", p);
    const vMax = o.amsgrad ? this.buffer(state, "maxExpAvgSq", p) : null;
    adamUpdate(p, g, m, v, vMax, state.step, o, 0, 1 - o.lr * o.weightDecay);
  }
}
