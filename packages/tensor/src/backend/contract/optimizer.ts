import type { TypedArray } from "../../dtype.js";
import type { KernelResult } from "../kernels.js";

/** Storage of a float tensor: what parameters, gradients and optimizer state are made of. */
export type FloatArray = Float32Array | Float64Array;

/**
 * Kernels of one family: every optimizer's update, in place, and the two
 * reductions of gradient clipping. Part of {@link Kernels}.
 *
 * Common rules of the update kernels:
 * - `p` (the parameter) and every state array (`m`, `v`, ...) have the same
 *   length and dtype; `g` (the gradient) has that length and may be float32 or
 *   float64 whatever `p`'s dtype; no two arrays overlap;
 * - each element is computed in float64 from the stored values, and each new
 *   value is rounded once to its array's type when stored; a value used again
 *   later in the same element's update is the unrounded float64 one (so a
 *   float64 call is exactly the formula, and a float32 call rounds only on store);
 * - `p` and the state arrays are read and written; `g` is only read;
 * - scalars that depend only on the step (bias corrections, schedules) come
 *   precomputed from the optimizer;
 * - NaN and ±Infinity propagate through the arithmetic as IEEE 754 says
 *   (comparisons with NaN are false, as written in each formula).
 *
 * `l2` is PyTorch's coupled weight decay: when `l2 ≠ 0`, `d = g + l2·θ`, else
 * `d = g` exactly (no `0·θ` term, so an infinite θ does not make `d` NaN).
 */
export interface OptimizerKernels {
  /**
   * SGD with optional momentum (PyTorch's `torch.optim.SGD`). For each `i`:
   * `d = g + l2·θ` (see above); without momentum (`buf` null) `θ ← θ − lr·d`;
   * with it, `b = first ? d : momentum·b + (1 − dampening)·d`, stored into
   * `buf`, then `θ ← θ − lr·(nesterov ? d + momentum·b : b)`.
   */
  sgd(
    p: FloatArray,
    g: FloatArray,
    buf: FloatArray | null,
    lr: number,
    momentum: number,
    dampening: number,
    l2: number,
    nesterov: boolean,
    first: boolean,
  ): KernelResult;
  /**
   * One Adam / AdamW step. For each `i`: `θ' = θ·decay` (AdamW's decoupled
   * decay `1 − lr·λ`; exactly θ when `decay` is 1), `d = g + l2·θ'`,
   * `m = β₁·m + (1 − β₁)·d`, `v = β₂·v + (1 − β₂)·d·d`; with AMSGrad (`vMax`
   * not null) `v̂ = vMax > v ? vMax : v` and `vMax ← v̂` when `v̂` is `v`
   * (a NaN `vMax` is replaced); `θ ← θ' − a·m / (√v̂·c + ε)`.
   * `a` and `c` carry the bias corrections (Keras form:
   * `a = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)`, `c = 1`; PyTorch form: `a = lr/(1 − β₁ᵗ)`,
   * `c = 1/√(1 − β₂ᵗ)`).
   */
  adam(
    p: FloatArray,
    g: FloatArray,
    m: FloatArray,
    v: FloatArray,
    vMax: FloatArray | null,
    a: number,
    c: number,
    beta1: number,
    beta2: number,
    eps: number,
    l2: number,
    decay: number,
  ): KernelResult;
  /**
   * One Adamax step. For each `i`: `d = g + l2·θ`, `m = β₁·m + (1 − β₁)·d`,
   * `u = max(β₂·u, |d| + ε)` (JavaScript's `Math.max`: NaN if either is NaN),
   * `θ ← θ − clr·m / u` with `clr = lr/(1 − β₁ᵗ)`.
   */
  adamax(
    p: FloatArray,
    g: FloatArray,
    m: FloatArray,
    u: FloatArray,
    clr: number,
    beta1: number,
    beta2: number,
    eps: number,
    l2: number,
  ): KernelResult;
  /**
   * One NAdam step. For each `i`: `θ' = θ·decay`, `d = g + l2·θ'`,
   * `m = β₁·m + (1 − β₁)·d`, `v = β₂·v + (1 − β₂)·d·d`,
   * `s = √(v / bc2) + ε`, `θ ← θ' − gradCoef·d/s − momentCoef·m/s`, with
   * `bc2 = 1 − β₂ᵗ` and the μ-schedule coefficients from the optimizer.
   */
  nadam(
    p: FloatArray,
    g: FloatArray,
    m: FloatArray,
    v: FloatArray,
    gradCoef: number,
    momentCoef: number,
    bc2: number,
    beta1: number,
    beta2: number,
    eps: number,
    l2: number,
    decay: number,
  ): KernelResult;
  /**
   * One RMSprop step. For each `i`: `d = g + l2·θ`, `v = α·v + (1 − α)·d·d`
   * into `sq`; centered (`avg` not null): `ḡ = α·ḡ + (1 − α)·d` into `avg`,
   * `var = v − ḡ²`, and `var = 0` where `var < 0`; else `var = v`;
   * `s = √var + ε`; with momentum (`buf` not null) `b = μ·b + d/s` into `buf`
   * and `θ ← θ − lr·b`, else `θ ← θ − lr·d/s`.
   */
  rmsprop(
    p: FloatArray,
    g: FloatArray,
    sq: FloatArray,
    avg: FloatArray | null,
    buf: FloatArray | null,
    lr: number,
    alpha: number,
    eps: number,
    l2: number,
    momentum: number,
  ): KernelResult;
  /**
   * One Adagrad step. For each `i`: `d = g + l2·θ`, `s = s + d·d` into `sum`,
   * `θ ← θ − clr·d / (√s + ε)` with `clr` the decayed learning rate.
   */
  adagrad(
    p: FloatArray,
    g: FloatArray,
    sum: FloatArray,
    clr: number,
    eps: number,
    l2: number,
  ): KernelResult;
  /**
   * One Adadelta step. For each `i`: `d = g + l2·θ`, `v = ρ·v + (1 − ρ)·d·d`
   * into `sq`, `Δ = √(u + ε) / √(v + ε) · d` (u the stored `acc`),
   * `u ← ρ·u + (1 − ρ)·Δ·Δ` into `acc`, `θ ← θ − lr·Δ`.
   */
  adadelta(
    p: FloatArray,
    g: FloatArray,
    sq: FloatArray,
    acc: FloatArray,
    lr: number,
    rho: number,
    eps: number,
    l2: number,
  ): KernelResult;
  /**
   * Adds `x`'s contribution (any dtype) to a global p-norm into `acc[0]` (the
   * one kernel here that reads its output: it accumulates across calls). For a finite
   * `normType`: `acc[0] += Σ |x[i]|^normType` element by element in order,
   * in float64 (`x[i]·x[i]` for 2); for `Infinity`: `acc[0]` becomes the
   * largest `|x[i]|`, or NaN from the first NaN on (a NaN `acc[0]` stays).
   */
  gradNormAccumulate(x: TypedArray, normType: number, acc: Float64Array): KernelResult;
  /**
   * `x[i] = x[i]·s` in place, the product taken in float64 and stored with
   * `x`'s conversion (rounded for float32; truncated and wrapped for int32,
   * as a hand-set integer gradient always was).
   */
  scaleInPlace(x: TypedArray, s: number): KernelResult;
  /**
   * The one allocating hook of the family: appends to `out` a new array of
   * `like`'s type and length, filled with `fill`, for buffers that kernels
   * read and write every step: optimizer state, and autograd's gradient
   * buffers (which `denseBackward` writes and the updates read). A backend may place it in its
   * own memory so that its kernels need no copy per call (the WebAssembly
   * backend does, for float32 state from the update threshold when its memory
   * is shared); the reference appends an ordinary typed array. The array stays
   * valid for as long as the caller holds it, whatever other kernels do.
   */
  allocState(like: FloatArray, fill: number, out: FloatArray[]): KernelResult;
}
