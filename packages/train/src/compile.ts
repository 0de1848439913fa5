import type { Parameter } from "@neurite/autograd";
import { Module } from "@neurite/layers";
import type { Optimizer } from "@neurite/optim";
import { checkOptions, optionNames, Tensor, ValueError } from "@neurite/tensor";
import { type EvaluateOptions, evaluate } from "./evaluate.js";
import { lineProgress, runFit } from "./fit.js";
import { runFitAsync } from "./fit-async.js";
import type { History, Logs } from "./history.js";
import type { BatchSource } from "./internal/data.js";
import { type OptimizerLike, resolveOptimizer } from "./internal/optimizer.js";
import type { ProgressFactory } from "./internal/trainer.js";
import type { MetricLike } from "./metrics/metric.js";
import type {
  FitAsyncLoaderOptions,
  FitAsyncOptions,
  FitLoaderOptions,
  FitOptions,
  LossLike,
} from "./options.js";
import { type PredictOptions, predict } from "./predict.js";

/** What {@link compile} fixes once for every later call. */
export interface CompileOptions {
  /** The loss (required). */
  loss: LossLike;
  /** The optimizer (default `"adam"`); built once and kept across `fit` calls. */
  optimizer?: OptimizerLike;
  /** Metrics reported by `fit` and `evaluate`. */
  metrics?: readonly MetricLike[];
}

const COMPILE_OPTIONS = optionNames<CompileOptions>({ loss: true, optimizer: true, metrics: true });

type Without<T> = Omit<T, "loss" | "optimizer" | "metrics">;

/** A model with its loss, optimizer and metrics fixed, Keras-style (see {@link compile}). */
export interface CompiledModel<M extends Module = Module> {
  /** The model. */
  readonly model: M;
  /** The optimizer, once the first `fit` has built it (undefined before, unless an instance was given). */
  readonly optimizer: Optimizer | undefined;
  /** `fit(model, x, y, { loss, optimizer, metrics, ...options })`. */
  fit(x: Tensor, y: Tensor, options?: Without<FitOptions>): History;
  /** `fit(model, loader, { loss, optimizer, metrics, ...options })`. */
  fit(loader: BatchSource, options?: Without<FitLoaderOptions>): History;
  /** `fitAsync` with the compiled loss, optimizer and metrics. */
  fitAsync(x: Tensor, y: Tensor, options?: Without<FitAsyncOptions>): Promise<History>;
  /** `fitAsync` over a loader with the compiled loss, optimizer and metrics. */
  fitAsync(loader: BatchSource, options?: Without<FitAsyncLoaderOptions>): Promise<History>;
  /** `evaluate(model, x, y, { loss, metrics, batchSize, checkFinite })`. */
  evaluate(
    x: Tensor,
    y: Tensor,
    options?: Pick<EvaluateOptions, "batchSize" | "checkFinite">,
  ): Logs;
  /** `predict(model, x, options)`. */
  predict(x: Tensor, options?: PredictOptions): Tensor;
}

/** {@link compile} with a given progress output. @internal */
export function compileWith<M extends Module>(
  model: M,
  options: CompileOptions,
  progress: ProgressFactory,
): CompiledModel<M> {
  const op = "compile";
  if (!(model instanceof Module))
    throw new ValueError(
      op,
      "model",
      `expected a Module, got ${model === null ? "null" : typeof model}`,
    );
  if (typeof options !== "object" || options === null || options.loss === undefined)
    throw new ValueError(op, "options", "expected { loss, optimizer?, metrics? } with a loss");
  checkOptions(op, options, COMPILE_OPTIONS);
  const spec = options.optimizer ?? "adam";
  let built: Optimizer | undefined = typeof spec === "object" ? spec : undefined;
  // The optimizer is built on the first fit (the model may create its weights on its first
  // call) and reused by every later one, so its state carries over as in Keras.
  const optimizer = (params: Parameter[]): Optimizer =>
    (built ??= resolveOptimizer("fit", spec, params));
  const merge = (args: unknown[]): unknown[] => {
    const at = args[0] instanceof Tensor ? 2 : 1;
    const given = (args[at] ?? {}) as Record<string, unknown>;
    for (const k of ["loss", "optimizer", "metrics"])
      if (k in given)
        throw new ValueError(op, k, `'${k}' was fixed by compile; compile again to change it`);
    const out = args.slice(0, at);
    out.push({ ...given, loss: options.loss, optimizer, metrics: options.metrics });
    return out;
  };
  return {
    model,
    get optimizer() {
      return built;
    },
    fit: (...args: unknown[]) => runFit("fit", model, merge(args), progress),
    fitAsync: (...args: unknown[]) => runFitAsync("fitAsync", model, merge(args), progress),
    evaluate: (x: Tensor, y: Tensor, o: Pick<EvaluateOptions, "batchSize" | "checkFinite"> = {}) =>
      evaluate(model, x, y, { ...o, loss: options.loss, metrics: options.metrics }),
    predict: (x: Tensor, o?: PredictOptions) => predict(model, x, o),
  } as CompiledModel<M>;
}

/**
 * Keras's `model.compile`: fixes the loss, optimizer and metrics once and
 * returns the model with `fit`, `fitAsync`, `evaluate` and `predict` that use
 * them. The optimizer is built once (on the first `fit`), so a second `fit`
 * continues with its state, as in Keras.
 *
 * @example
 * ```ts
 * const net = compile(model, { loss: "categoricalCrossEntropy", optimizer: "adam", metrics: ["accuracy"] });
 * const history = net.fit(xTrain, yTrain, { epochs: 30, batchSize: 5, validationData: [xTest, yTest] });
 * net.evaluate(xTest, yTest); // { loss, accuracy }
 * ```
 */
export function compile<M extends Module>(model: M, options: CompileOptions): CompiledModel<M> {
  return compileWith(model, options, lineProgress);
}
