import {
  checkOptions as checkKnownOptions,
  DTypeError,
  Rng,
  ShapeError,
  Tensor,
  ValueError,
} from "@neurite/tensor";
import { describeArg } from "./describe.js";

/** Formats a shape as `[2,3]`. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** Checks that `value` is a Tensor with at least one dimension; returns its row count. */
export function checkRows(op: string, arg: string, value: unknown): number {
  if (!(value instanceof Tensor))
    throw new DTypeError(op, arg, `expected a Tensor, got ${describeArg(value)}`);
  if (value.rank === 0)
    throw new ShapeError(op, arg, "expected a tensor with a first (sample) axis, got a scalar");
  return value.shape[0]!;
}

/** Checks that `x` and `y` hold the same number of samples (first axis). */
export function checkSameRows(op: string, x: unknown, y: unknown): number {
  const n = checkRows(op, "x", x);
  const m = checkRows(op, "y", y);
  if (n !== m) {
    throw new ShapeError(
      op,
      "y",
      `x and y must have the same number of samples; x has ${n} (shape ${fmtShape((x as Tensor).shape)}), y has ${m} (shape ${fmtShape((y as Tensor).shape)})`,
    );
  }
  return n;
}

/** Checks for a 2-D tensor `[samples, features]`. */
export function check2d(op: string, arg: string, x: unknown): Tensor {
  checkRows(op, arg, x);
  const t = x as Tensor;
  if (t.rank !== 2) {
    throw new ShapeError(
      op,
      arg,
      `expected a 2-D tensor [samples, features], got shape ${fmtShape(t.shape)}${t.rank === 1 ? " (use x.reshape([-1, 1]) for a single feature)" : ""}`,
    );
  }
  return t;
}

/** Checks for an integer ≥ `min`. */
export function checkInt(op: string, arg: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new ValueError(op, arg, `expected an integer >= ${min}, got ${describeArg(value)}`);
  }
  return value;
}

/** Checks for a finite number ≥ 0. */
export function checkNonNegative(op: string, arg: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ValueError(op, arg, `expected a finite number >= 0, got ${describeArg(value)}`);
  }
  return value;
}

/** Checks for a finite number. */
export function checkFinite(op: string, arg: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new ValueError(op, arg, `expected a finite number, got ${describeArg(value)}`);
  return value;
}

/** Checks for a boolean. */
export function checkBool(op: string, arg: string, value: unknown): boolean {
  if (typeof value !== "boolean")
    throw new ValueError(op, arg, `expected true or false, got ${describeArg(value)}`);
  return value;
}

/**
 * Turns a seed or an `Rng` into an `Rng` (default seed 0), with an error that
 * names the caller instead of `Rng`.
 */
export function checkRng(op: string, arg: string, value: unknown): Rng {
  if (value === undefined) return new Rng(0);
  if (value instanceof Rng) return value;
  if (typeof value !== "number" || !Number.isSafeInteger(value))
    throw new ValueError(op, arg, `expected an integer seed or an Rng, got ${describeArg(value)}`);
  return new Rng(value);
}

/**
 * Checks that an options argument is a plain object (or absent) whose keys are
 * all in `known`, through tensor's shared check (a misspelling gets a
 * suggestion), and returns it (`{}` when absent).
 */
export function checkOptions<T extends object>(
  op: string,
  value: T | undefined,
  known: readonly string[],
): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new ValueError(op, "options", `expected an options object, got ${describeArg(value)}`);
  checkKnownOptions(op, value, known);
  return value;
}
