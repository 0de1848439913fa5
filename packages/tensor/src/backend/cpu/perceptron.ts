import type { PerceptronKernels } from "../contract/perceptron.js";

/** The net input of unit `o` for the sample at `offset` of `x`. */
function net(
  x: ArrayLike<number>,
  offset: number,
  w: Float64Array,
  b: Float64Array,
  inputs: number,
  outputs: number,
  o: number,
): number {
  let s = b[o]!;
  for (let i = 0; i < inputs; i++) s += x[offset + i]! * w[i * outputs + o]!;
  return s;
}

/** Reference {@link PerceptronKernels.perceptronNet}. */
export const perceptronNet: PerceptronKernels["perceptronNet"] = (
  x,
  w,
  b,
  out,
  rows,
  inputs,
  outputs,
) => {
  for (let r = 0; r < rows; r++)
    for (let o = 0; o < outputs; o++)
      out[r * outputs + o] = net(x, r * inputs, w, b, inputs, outputs, o);
};

/** Reference {@link PerceptronKernels.perceptronUpdate}. */
export const perceptronUpdate: PerceptronKernels["perceptronUpdate"] = (
  x,
  xOffset,
  y,
  yOffset,
  w,
  b,
  inputs,
  outputs,
  lr,
  threshold,
  output,
  error,
) => {
  for (let o = 0; o < outputs; o++) {
    const s = net(x, xOffset, w, b, inputs, outputs, o);
    const yhat = s > threshold ? 1 : Number.isNaN(s) ? s : 0;
    const e = y[yOffset + o]! - yhat;
    output[o] = yhat;
    error[o] = e;
    if (e !== 0) {
      for (let i = 0; i < inputs; i++) w[i * outputs + o]! += lr * e * x[xOffset + i]!;
      b[o]! += lr * e;
    }
  }
};
