import type { TypedArray } from "../../dtype.js";
import type { KernelResult } from "../kernels.js";

/**
 * Kernels of Rosenblatt's perceptron (the book's first model), which learns by
 * its own rule rather than by gradients. Weights and bias are float64 (the
 * rule's updates are exact for the book's integer examples); inputs, targets
 * and outputs may be float32 or float64. Part of {@link Kernels}.
 */
export interface PerceptronKernels {
  /**
   * Net inputs `out[r, o] = b[o] + Σᵢ x[r, i]·w[i, o]` for `rows` samples,
   * summed in float64 in the order `b`, then `i` ascending.
   * @param x - `[rows, inputs]`
   * @param w - `[inputs, outputs]`
   * @param b - `[outputs]`
   * @param out - `[rows, outputs]`, written whole
   */
  perceptronNet(
    x: TypedArray,
    w: Float64Array,
    b: Float64Array,
    out: TypedArray,
    rows: number,
    inputs: number,
    outputs: number,
  ): KernelResult;
  /**
   * The perceptron rule for one sample, each unit on its own: the unit's output
   * is `1` if its net input (as {@link perceptronNet}) is above `threshold`,
   * NaN if it is NaN, else `0`; its error is `target − output`; a wrong unit
   * moves `w[i, o] += lr·error·x[i]` and `b[o] += lr·error`.
   * @param x - the sample's inputs, `inputs` values from `xOffset`
   * @param y - its targets, `outputs` values from `yOffset`
   * @param output - receives each unit's output before the update `[outputs]`
   * @param error - receives each unit's error `[outputs]`
   */
  perceptronUpdate(
    x: TypedArray,
    xOffset: number,
    y: TypedArray,
    yOffset: number,
    w: Float64Array,
    b: Float64Array,
    inputs: number,
    outputs: number,
    lr: number,
    threshold: number,
    output: Float64Array,
    error: Float64Array,
  ): KernelResult;
}
