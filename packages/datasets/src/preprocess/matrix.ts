import { ShapeError, Tensor, type TypedArray, ValueError } from "@neurite/tensor";
import { check2d, fmtShape } from "../internal/check.js";
import { describe } from "../internal/describe.js";
import { allocate } from "../internal/rows.js";

/** Machine epsilon of float64. */
export const EPS = 2.220446049250313e-16;

/**
 * Checks a `[samples, features]` input of a scaler: 2-D, finite values and, once
 * fitted, the fitted number of features. Returns `[rows, features]`.
 */
export function checkMatrix(
  op: string,
  x: unknown,
  features: number | null,
  fitShape?: readonly number[],
): [number, number] {
  const t = check2d(op, "x", x);
  const [n, f] = t.shape as [number, number];
  if (features !== null && f !== features)
    throw new ShapeError(
      op,
      "x",
      `expected ${features} features (the scaler was fitted on shape ${fmtShape(fitShape ?? [])}), got shape ${fmtShape(t.shape)}`,
    );
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i]!))
      throw new ValueError(
        op,
        "x",
        `value ${d[i]} at row ${Math.floor(i / f)}, column ${i % f} is not finite`,
      );
  }
  return [n, f];
}

/**
 * Checks the training data of a scaler's `fit`: a valid matrix (see
 * {@link checkMatrix}) with at least one sample. Returns `[rows, features]`.
 */
export function checkTrainingMatrix(op: string, x: unknown): [number, number] {
  const [n, f] = checkMatrix(op, x, null);
  if (n === 0) throw new ValueError(op, "x", `expected at least one sample, got shape [0,${f}]`);
  return [n, f];
}

/** Returns a scaler's fitted state, or throws the "not fitted" error before `fit`. */
export function requireFitted<S>(op: string, state: S | null): S {
  if (state === null)
    throw new ValueError(op, "x", "the scaler is not fitted; call fit(xTrain) first");
  return state;
}

/**
 * Maps every value of a checked `[n, f]` matrix through `fn(value, column)`
 * into a new tensor of the same shape (float64 stays float64, else float32).
 */
export function mapColumns(
  x: Tensor,
  n: number,
  f: number,
  fn: (value: number, column: number) => number,
): Tensor {
  const out = outputLike(x);
  const d = x.data;
  for (let r = 0; r < n; r++)
    for (let c = 0; c < f; c++) {
      const i = r * f + c;
      out[i] = fn(d[i]!, c);
    }
  return new Tensor(out, [n, f]);
}

/** The output array of a transform: float64 stays float64, anything else becomes float32. */
export function outputLike(x: Tensor): TypedArray {
  return allocate(x.dtype === "float64" ? "float64" : "float32", x.size);
}

/** Column minimum and maximum of a checked matrix. */
export function columnMinMax(x: Tensor, n: number, f: number): [Float64Array, Float64Array] {
  const lo = new Float64Array(f).fill(Number.POSITIVE_INFINITY);
  const hi = new Float64Array(f).fill(Number.NEGATIVE_INFINITY);
  const d = x.data;
  for (let r = 0; r < n; r++)
    for (let c = 0; c < f; c++) {
      const v = d[r * f + c]!;
      if (v < lo[c]!) lo[c] = v;
      if (v > hi[c]!) hi[c] = v;
    }
  return [lo, hi];
}

/** Column mean and population variance (divides by n), two passes in float64. */
export function columnMeanVar(x: Tensor, n: number, f: number): [Float64Array, Float64Array] {
  const mean = new Float64Array(f);
  const variance = new Float64Array(f);
  const d = x.data;
  for (let r = 0; r < n; r++) for (let c = 0; c < f; c++) mean[c]! += d[r * f + c]!;
  for (let c = 0; c < f; c++) mean[c]! /= n;
  for (let r = 0; r < n; r++)
    for (let c = 0; c < f; c++) {
      const e = d[r * f + c]! - mean[c]!;
      variance[c]! += e * e;
    }
  for (let c = 0; c < f; c++) variance[c]! /= n;
  return [mean, variance];
}

/** Reads a list of finite numbers of a given length from JSON. */
export function jsonNumbers(
  op: string,
  json: Record<string, unknown>,
  key: string,
  length: number | null,
): Float64Array {
  const v = json[key];
  if (
    !Array.isArray(v) ||
    (length !== null && v.length !== length) ||
    !v.every((e) => typeof e === "number" && Number.isFinite(e))
  )
    throw new ValueError(
      op,
      "json",
      `expected "${key}" to be an array of ${length ?? "some"} finite numbers, got ${Array.isArray(v) ? `an array of length ${v.length}` : typeof v}`,
    );
  return Float64Array.from(v as number[]);
}

/** Reads a saved scaler's `nSamplesSeen`: a positive integer. */
export function jsonSamplesSeen(op: string, json: Record<string, unknown>): number {
  const n = json.nSamplesSeen;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1)
    throw new ValueError(
      op,
      "json",
      `expected "nSamplesSeen" to be a positive integer, got ${describe(n)}`,
    );
  return n;
}

/** Checks that a value parsed from JSON is an object of the given `type`. */
export function jsonObject(op: string, json: unknown, type: string): Record<string, unknown> {
  const o = typeof json === "string" ? safeParse(op, json) : json;
  if (typeof o !== "object" || o === null || (o as { type?: unknown }).type !== type)
    throw new ValueError(
      op,
      "json",
      `expected a ${type} state (an object with type "${type}"), got ${o === null ? "null" : typeof o === "object" ? `type ${JSON.stringify((o as { type?: unknown }).type)}` : typeof o}`,
    );
  return o as Record<string, unknown>;
}

function safeParse(op: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ValueError(op, "json", `not valid JSON: ${(e as Error).message}`);
  }
}
