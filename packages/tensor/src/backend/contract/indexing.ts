import type { TypedArray } from "../../dtype.js";
import type { KernelResult } from "../kernels.js";

/** Kernels of indexing gradients. Part of {@link Kernels}. */
export interface IndexingKernels {
  /**
   * The gradient of a gather along the middle axis of `[outer, dim, inner]`:
   * for each `o`, `j` and `i`, `out[o, idx[j], i] += g[o, j, i]`, so repeated
   * indices accumulate (in the order of `j`). `out` is `[outer, dim, inner]`
   * and is added to, not overwritten (pass zeros for a fresh gradient); `g` is
   * `[outer, idx.length, inner]`. Indices are already checked and normalized to
   * `[0, dim)`. `g` and `out` share one float dtype.
   */
  scatterAdd(
    g: TypedArray,
    idx: Int32Array,
    out: TypedArray,
    outer: number,
    dim: number,
    inner: number,
  ): KernelResult;
}
