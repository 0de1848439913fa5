import { noGrad, Variable } from "@neurite/autograd";
import type { Loss, Module } from "@neurite/layers";
import { type NeuriteError, ShapeError, Tensor, ValueError } from "@neurite/tensor";
import type { Metric } from "../metrics/metric.js";
import { compatibleShapes, fmtShape, lastDimOf } from "../metrics/targets.js";
import type { BatchLike } from "./data.js";

/** Names of the arguments that the checks blame, e.g. `{ x: "x", y: "y" }` or `{ x: "loader", y: "loader" }`. */
export interface ArgNames {
  x: string;
  y: string;
}

/** An error of the same class as the ones Neurite throws, naming `op` and `arg`, with `cause` attached. */
export function fail(
  kind: "shape" | "value",
  op: string,
  arg: string,
  detail: string,
  cause?: unknown,
): NeuriteError {
  const e = kind === "shape" ? new ShapeError(op, arg, detail) : new ValueError(op, arg, detail);
  if (cause !== undefined) (e as Error & { cause?: unknown }).cause = cause;
  return e;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Runs the model on one batch in eval mode without gradients (no running statistic changes). */
export function dryForward(op: string, model: Module, batch: BatchLike, args: ArgNames): Tensor {
  let out: Variable;
  try {
    out = model.withMode(false, () => noGrad(() => model.call(batch.x)));
  } catch (e) {
    throw fail(
      "shape",
      op,
      args.x,
      `the model cannot take a batch of shape ${fmtShape(batch.x.shape)}: ${messageOf(e)}`,
      e,
    );
  }
  const y = out.value;
  if (y.rank === 0 || y.shape[0] !== batch.x.shape[0])
    throw fail(
      "shape",
      op,
      "model",
      `a batch of ${batch.x.shape[0]} samples (shape ${fmtShape(batch.x.shape)}) gave an output of shape ${fmtShape(y.shape)}; the output needs one row per sample`,
    );
  return y;
}

/**
 * Checks that targets suit the loss before training starts, with messages
 * that name the function, the argument and both shapes, and say what to do.
 */
export function checkTargetsForLoss(
  op: string,
  loss: Loss,
  out: Tensor,
  y: Tensor,
  yArg: string,
): void {
  const o = fmtShape(out.shape);
  const t = fmtShape(y.shape);
  const classes = lastDimOf(out);
  const batch = out.shape.slice(0, -1);
  const labelShaped = sameShape(y.shape, batch) || sameShape(y.shape, [...batch, 1]);
  switch (loss.name) {
    case "categoricalCrossEntropy":
      if (!sameShape(y.shape, out.shape))
        throw fail(
          "shape",
          op,
          yArg,
          labelShaped && classes > 1
            ? `categoricalCrossEntropy needs one-hot targets shaped like the model's output ${o}, got ${t}, which looks like integer class labels. Use loss "sparseCategoricalCrossEntropy", or one-hot encode the targets (oneHot(y, ${classes}))`
            : `categoricalCrossEntropy needs one-hot targets shaped like the model's output ${o}, got ${t}`,
        );
      return;
    case "sparseCategoricalCrossEntropy":
      if (!labelShaped || classes < 2)
        throw fail(
          "shape",
          op,
          yArg,
          sameShape(y.shape, out.shape) && classes > 1
            ? `sparseCategoricalCrossEntropy needs one integer label per sample (shape ${fmtShape(batch)}) for the model's output ${o}, got ${t}, which looks like one-hot targets. Use loss "categoricalCrossEntropy", or pass the labels instead`
            : `sparseCategoricalCrossEntropy needs one integer label per sample (shape ${fmtShape(batch)}) and an output with one score per class, got output ${o} and targets ${t}`,
        );
      return;
    case "mse":
    case "mae":
    case "sse":
    case "huber":
    case "binaryCrossEntropy":
      if (!compatibleShapes(out.shape, y.shape))
        throw fail(
          "shape",
          op,
          yArg,
          `the model's output has shape ${o} but the targets have shape ${t}; ${loss.name} compares them element by element, so they must match${
            labelShaped && classes > 1 && y.dtype === "int32"
              ? " (integer class labels need sparseCategoricalCrossEntropy)"
              : ""
          }`,
        );
      return;
    default:
      return;
  }
}

/** Checks every label of `y` for a sparse loss (one pass over the data, before training). */
export function checkSparseLabels(op: string, y: Tensor, classes: number, yArg: string): void {
  const d = y.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= classes)
      throw fail(
        "value",
        op,
        yArg,
        `label ${v} of sample ${i} is not a class index in [0, ${classes}) for a model with ${classes} outputs`,
      );
  }
}

function checkLoss(op: string, loss: Loss, out: Tensor, batch: BatchLike, args: ArgNames): void {
  checkTargetsForLoss(op, loss, out, batch.y, args.y);
  let value: unknown;
  try {
    value = noGrad(() => loss.call(out, batch.y));
  } catch (e) {
    throw fail(
      "value",
      op,
      "loss",
      `${loss.name} failed on the first batch (model output ${fmtShape(out.shape)}, targets ${fmtShape(batch.y.shape)}): ${messageOf(e)}`,
      e,
    );
  }
  if (!(value instanceof Variable) && !(value instanceof Tensor))
    throw fail(
      "value",
      op,
      "loss",
      `the loss must return a Variable (one number per batch), got ${value === null ? "null" : typeof value}`,
    );
  if (value.size !== 1)
    throw fail(
      "value",
      op,
      "loss",
      `the loss must return one number per batch, got shape ${fmtShape(value.shape)} (reduction "none"?)`,
    );
}

/**
 * The checks done before the first step: a forward pass in eval mode without
 * gradients on the first batch, then the loss and every metric on its output.
 * Nothing is changed: BatchNorm statistics stay, metrics are reset.
 * @returns the output of the dry forward
 */
export function dryRun(
  op: string,
  model: Module,
  loss: Loss | undefined,
  metrics: readonly Metric[],
  batch: BatchLike,
  args: ArgNames,
): Tensor {
  const out = dryForward(op, model, batch, args);
  if (loss) checkLoss(op, loss, out, batch, args);
  for (const m of metrics) {
    try {
      m.reset();
      m.update(out, batch.y);
    } catch (e) {
      throw fail(
        "value",
        op,
        "metrics",
        `metric '${m.name}' cannot score the model's output ${fmtShape(out.shape)} against targets ${fmtShape(batch.y.shape)}: ${messageOf(e)}`,
        e,
      );
    } finally {
      m.reset();
    }
  }
  return out;
}
