import type { TypedArray } from "../../dtype.js";
import type { Rng } from "../../rng.js";
import type { KernelResult } from "../kernels.js";

/** Inverted dropout with a mask drawn from the seeded generator. Part of {@link Kernels}. */
export interface DropoutKernels {
  /**
   * Draws one `rng.uniform()` per element, in index order; an element is
   * dropped when its draw is `< rate`. Writes `mask[i] = 0` (dropped) or
   * `1/(1 − rate)` (kept), and `out[i] = x[i]·mask[i]`. `x`, `out` and `mask`
   * have one float dtype and length; `out` may be `x`, `mask` aliases
   * neither. `rate` is in `[0, 1)`. NaN in `x` stays NaN where kept and
   * becomes NaN·0 = NaN where dropped (as a multiplication does). The
   * backward is `binary("mul", dy, mask)`. The draw order is part of the
   * contract: the same seed gives the same mask on every backend.
   */
  dropout(x: TypedArray, out: TypedArray, mask: TypedArray, rate: number, rng: Rng): KernelResult;
}
