import { kernels } from "@neurite/tensor";
import type { FloatArray } from "../internal/float.js";
import type { AdamOptions } from "./adam.js";

/**
 * Where Adam adds ε:
 * - `"keras"`: `θ ← θ − α·m / (√v + ε)` with `α = lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ)`
 *   (tf.keras / Keras 3 `Adam`, and the original paper's efficient form);
 * - `"pytorch"`: `θ ← θ − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)` (`torch.optim.Adam`).
 *
 * They differ only in how much ε counts: the Keras form equals the PyTorch
 * form with `ε·√(1 − β₂ᵗ)` in place of ε.
 */
export type EpsStyle = "keras" | "pytorch";

/**
 * Step size `a` of Adam's update at `step`, written for both ε styles as
 * `θ ← θ − a·m / (√v·c + ε)` (see {@link EpsStyle}): `lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)`
 * for `"keras"`, `lr/(1 − β₁ᵗ)` for `"pytorch"`.
 */
function adamStepSize(
  step: number,
  lr: number,
  beta1: number,
  beta2: number,
  style: EpsStyle,
): number {
  const bc1 = 1 - beta1 ** step;
  return style === "keras" ? (lr * Math.sqrt(1 - beta2 ** step)) / bc1 : lr / bc1;
}

/**
 * Scale `c` of `√v` in Adam's update `θ ← θ − a·m / (√v·c + ε)` at `step`:
 * `1` for `"keras"`, `1/√(1 − β₂ᵗ)` for `"pytorch"` (see {@link EpsStyle}).
 */
function adamSqrtScale(step: number, beta2: number, style: EpsStyle): number {
  return style === "keras" ? 1 : 1 / Math.sqrt(1 - beta2 ** step);
}

/**
 * One Adam/AdamW update of a parameter through the backend's `adam` kernel:
 * computes the step's bias corrections and passes `l2` (Adam's coupled
 * weightDecay) and `decay` (AdamW's `1 − lr·λ`; 1 for none). `vMax` is
 * AMSGrad's running maximum of `v`, or null.
 */
export function adamUpdate(
  p: FloatArray,
  g: FloatArray,
  m: FloatArray,
  v: FloatArray,
  vMax: FloatArray | null,
  step: number,
  o: AdamOptions,
  l2: number,
  decay: number,
): void {
  const [beta1, beta2] = o.betas;
  const a = adamStepSize(step, o.lr, beta1, beta2, o.epsStyle);
  const c = adamSqrtScale(step, beta2, o.epsStyle);
  kernels().adam(p, g, m, v, vMax, a, c, beta1, beta2, o.eps, l2, decay);
}
