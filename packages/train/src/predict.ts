import { noGrad } from "@neurite/autograd";
import { Module } from "@neurite/layers";
import { checkOptions, optionNames, Tensor, ValueError } from "@neurite/tensor";
import { checkBatchSize, checkTensor, rowsView } from "./internal/data.js";
import { checkFiniteData, checkFiniteOption } from "./internal/finite.js";
import { fmtShape } from "./metrics/targets.js";

/** Options of {@link predict}. */
export interface PredictOptions {
  /** Samples per forward pass (default 32). The result does not depend on it. */
  batchSize?: number;
  /**
   * Check `x` for NaN and infinite values first (default true): the error
   * names the row and the column instead of returning NaN predictions.
   */
  checkFinite?: boolean;
}

const PREDICT_OPTIONS = optionNames<PredictOptions>({ batchSize: true, checkFinite: true });

/**
 * The model's outputs for every sample of `x`, computed in batches in eval
 * mode without recording gradients (BatchNorm uses its running statistics,
 * Dropout is off, so the same input always gives the same output). Each
 * module's mode is restored afterwards.
 *
 * @param model - the model
 * @param x - inputs, samples along the first axis
 * @returns a tensor `[samples, ...output]` in the model's output dtype
 * @example
 * ```ts
 * const probs = predict(model, xTest);      // [45, 3]
 * const classes = probs.argmax(1);          // [45]
 * ```
 */
export function predict(model: Module, x: Tensor, options: PredictOptions = {}): Tensor {
  const op = "predict";
  if (!(model instanceof Module))
    throw new ValueError(
      op,
      "model",
      `expected a Module, got ${model === null ? "null" : typeof model}`,
    );
  checkTensor(op, "x", x);
  checkOptions(op, options, PREDICT_OPTIONS);
  const bs = checkBatchSize(op, options.batchSize ?? 32);
  if (checkFiniteOption(op, options.checkFinite)) checkFiniteData(op, "x", x);
  const n = x.shape[0]!;
  if (n === 0)
    throw new ValueError(
      op,
      "x",
      `expected at least one sample, got 0 (shape ${fmtShape(x.shape)})`,
    );
  return model.withMode(false, () =>
    noGrad(() => {
      let out: Tensor | undefined;
      let width = 0;
      for (let s = 0; s < n; s += bs) {
        const e = Math.min(n, s + bs);
        let y: Tensor;
        try {
          y = model.call(rowsView(x, s, e)).value;
        } catch (err) {
          const wrapped = new ValueError(
            op,
            "x",
            `the model cannot take a batch of shape ${fmtShape([e - s, ...x.shape.slice(1)])}: ${err instanceof Error ? err.message : String(err)}`,
          );
          (wrapped as Error & { cause?: unknown }).cause = err;
          throw wrapped;
        }
        if (y.rank === 0 || y.shape[0] !== e - s)
          throw new ValueError(
            op,
            "model",
            `a batch of ${e - s} samples gave an output of shape ${fmtShape(y.shape)}; the output needs one row per sample`,
          );
        if (s === 0 && e === n) return y;
        if (out === undefined) {
          width = y.size / (e - s);
          const Ctor = y.data.constructor as new (len: number) => Tensor["data"];
          out = new Tensor(new Ctor(n * width), [n, ...y.shape.slice(1)]);
        }
        if (y.size !== (e - s) * width)
          throw new ValueError(
            op,
            "model",
            `the output's shape changed between batches: ${fmtShape(out.shape.slice(1))} then ${fmtShape(y.shape.slice(1))}`,
          );
        out.data.set(y.data, s * width);
      }
      return out!;
    }),
  );
}
