import type { TypedArray } from "@neurite/tensor";
import type { FloatArray } from "../internal/float.js";

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
export function adamStepSize(
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
export function adamSqrtScale(step: number, beta2: number, style: EpsStyle): number {
  return style === "keras" ? 1 : 1 / Math.sqrt(1 - beta2 ** step);
}

/**
 * One Adam/AdamW update over typed arrays, in place. `l2` is added to the
 * gradient as `l2·θ` (Adam's weightDecay); `decay` multiplies θ first
 * (AdamW's `1 − lr·λ`; 1 for none). `vMax` is AMSGrad's running maximum of
 * `v`, or null.
 */
export function adamKernel(
  p: FloatArray,
  g: TypedArray,
  m: FloatArray,
  v: FloatArray,
  vMax: FloatArray | null,
  step: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  l2: number,
  decay: number,
  style: EpsStyle,
): void {
  // Both forms as θ ← θ − a·m / (√v·c + ε).
  const a = adamStepSize(step, lr, beta1, beta2, style);
  const c = adamSqrtScale(step, beta2, style);
  const n = p.length;
  for (let i = 0; i < n; i++) {
    let theta = p[i]!;
    if (decay !== 1) theta *= decay;
    const d = l2 !== 0 ? g[i]! + l2 * theta : g[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * d;
    let vi = beta2 * v[i]! + (1 - beta2) * d * d;
    m[i] = mi;
    v[i] = vi;
    if (vMax !== null) {
      if (vMax[i]! > vi) vi = vMax[i]!;
      else vMax[i] = vi;
    }
    p[i] = theta - (a * mi) / (Math.sqrt(vi) * c + eps);
  }
}
