import { DTypeError, ShapeError, Tensor, ValueError } from "@neurite/tensor";
import { fmtShape } from "../metrics/targets.js";
import { checkFiniteData, finiteBatches } from "./finite.js";
import { describeGot } from "./format.js";

/** One mini-batch as the loop needs it. */
export interface BatchLike {
  /** Features `[b, ...]`. */
  readonly x: Tensor;
  /** Targets `[b, ...]`. */
  readonly y: Tensor;
}

/**
 * A source of mini-batches, such as `@neurite/datasets`' `DataLoader`: each
 * `for...of` is one epoch of `iterationsPerEpoch` batches.
 */
export interface BatchSource extends Iterable<BatchLike> {
  /** Batches per epoch. */
  readonly iterationsPerEpoch: number;
  /** Samples per epoch. */
  readonly length: number;
  /** Samples per batch. */
  readonly batchSize: number;
}

/** Validation data: `[x, y]`, `{ x, y }`, or a batch source such as a `DataLoader`. */
export type ValidationData = readonly [Tensor, Tensor] | { x: Tensor; y: Tensor } | BatchSource;

/** True for objects shaped like a DataLoader. */
export function isBatchSource(x: unknown): x is BatchSource {
  if (typeof x !== "object" || x === null) return false;
  const s = x as Record<PropertyKey, unknown>;
  return (
    typeof s[Symbol.iterator] === "function" &&
    typeof s.iterationsPerEpoch === "number" &&
    typeof s.length === "number"
  );
}

/** Throws unless `t` is a Tensor with at least one dimension. */
export function checkTensor(op: string, arg: string, t: unknown): asserts t is Tensor {
  if (!(t instanceof Tensor))
    throw new DTypeError(
      op,
      arg,
      `expected a Tensor, got ${t === null ? "null" : Array.isArray(t) ? "an array (wrap it with tensor(...))" : typeof t}`,
    );
  if (t.rank === 0)
    throw new ShapeError(op, arg, "expected samples along the first axis, got a scalar (shape [])");
}

/** Checks `x` and `y` as a pair of sample tensors and returns the sample count. */
export function checkPair(op: string, x: unknown, y: unknown, xArg = "x", yArg = "y"): number {
  checkTensor(op, xArg, x);
  checkTensor(op, yArg, y);
  const n = x.shape[0]!;
  if (y.shape[0] !== n)
    throw new ShapeError(
      op,
      yArg,
      `${xArg} has ${n} samples (shape ${fmtShape(x.shape)}) but ${yArg} has ${y.shape[0]} (shape ${fmtShape(y.shape)}); they need one target per sample`,
    );
  if (n === 0)
    throw new ValueError(
      op,
      xArg,
      `expected at least one sample, got 0 (shape ${fmtShape(x.shape)})`,
    );
  return n;
}

/** Rows `[start, end)` of `t`, sharing its storage. */
export function rowsView(t: Tensor, start: number, end: number): Tensor {
  const w = t.shape[0] === 0 ? 0 : t.size / t.shape[0]!;
  return new Tensor(t.data.subarray(start * w, end * w), [end - start, ...t.shape.slice(1)]);
}

/** Consecutive batches of `x` and `y` (views, no copy), for evaluation and prediction. */
export function* sequentialBatches(x: Tensor, y: Tensor, batchSize: number): Generator<BatchLike> {
  const n = x.shape[0]!;
  for (let s = 0; s < n; s += batchSize) {
    const e = Math.min(n, s + batchSize);
    yield { x: rowsView(x, s, e), y: rowsView(y, s, e) };
  }
}

/** Checks a batch size option. */
export function checkBatchSize(op: string, v: unknown, arg = "batchSize"): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1)
    throw new ValueError(op, arg, `expected a whole number >= 1, got ${describeGot(v)}`);
  return v;
}

/** The validation half of a run: its batches and sample count. */
export interface ValidationSource {
  /** The batches of one pass over the validation data. */
  batches(): Iterable<BatchLike>;
  /** Validation samples. */
  samples: number;
  /** The first batch, for checks. */
  first(): BatchLike;
}

/**
 * Validation data as a {@link ValidationSource}; tensors are checked for NaN
 * and infinities up front, a loader's batches as they come, unless
 * `checkFinite` is false.
 */
export function validationSource(
  op: string,
  data: unknown,
  batchSize: number,
  checkFinite = true,
): ValidationSource {
  if (isBatchSource(data)) {
    if (data.length === 0)
      throw new ValueError(op, "validationData", "the validation loader has no samples");
    return {
      batches: () => (checkFinite ? finiteBatches(op, "validationData", data) : data),
      samples: data.length,
      first: () => {
        for (const b of data) return b;
        throw new ValueError(op, "validationData", "the validation loader yielded no batch");
      },
    };
  }
  let x: unknown;
  let y: unknown;
  if (Array.isArray(data)) {
    if (data.length !== 2)
      throw new ValueError(
        op,
        "validationData",
        `expected [x, y] (two tensors), got an array of length ${data.length}`,
      );
    [x, y] = data;
  } else if (typeof data === "object" && data !== null && "x" in data && "y" in data) {
    ({ x, y } = data as { x: unknown; y: unknown });
  } else throw new ValueError(op, "validationData", "expected [x, y], { x, y } or a DataLoader");
  const n = checkPair(op, x, y, "validationData[0] (x)", "validationData[1] (y)");
  const vx = x as Tensor;
  const vy = y as Tensor;
  if (checkFinite) {
    checkFiniteData(op, "validationData[0] (x)", vx);
    checkFiniteData(op, "validationData[1] (y)", vy);
  }
  return {
    batches: () => sequentialBatches(vx, vy, batchSize),
    samples: n,
    first: () => ({
      x: rowsView(vx, 0, Math.min(n, batchSize)),
      y: rowsView(vy, 0, Math.min(n, batchSize)),
    }),
  };
}
