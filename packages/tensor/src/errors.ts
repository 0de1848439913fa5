import { brand } from "./brand.js";

/**
 * Base class of every error Neurite throws on bad input. `op` names the
 * function that refused the input and `arg` the argument at fault, so a
 * message always says where to look: `matmul: argument 'b': inner dimensions differ ...`.
 *
 * @example
 * ```ts
 * try {
 *   matmul(zeros([5, 13]), zeros([12, 20]));
 * } catch (e) {
 *   if (e instanceof NeuriteError) console.log(e.op, e.arg); // "matmul" "b"
 * }
 * ```
 */
export class NeuriteError extends Error {
  static {
    // `e instanceof NeuriteError` (and of each subclass below) holds across
    // copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_NeuriteError)
    brand(this, "NeuriteError");
  }

  /** The function or operation that rejected its input, e.g. `"matmul"`. */
  readonly op: string;
  /** The argument at fault, e.g. `"b"` or `"axis"`; empty when not tied to one. */
  readonly arg: string;

  /**
   * @param op - the operation that failed
   * @param arg - the argument at fault (may be empty)
   * @param detail - what was expected and what came
   */
  constructor(op: string, arg: string, detail: string) {
    super(arg ? `${op}: argument '${arg}': ${detail}` : `${op}: ${detail}`);
    this.name = new.target.name;
    this.op = op;
    this.arg = arg;
  }
}

/** Shapes that do not fit: broadcasting, matmul dimensions, reshape sizes, ragged arrays. */
export class ShapeError extends NeuriteError {
  static {
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_ShapeError)
    brand(this, "ShapeError");
  }
}

/**
 * A dtype that the operation does not accept, operands of different dtypes, or
 * an argument of the wrong kind altogether (a string where a tensor was expected).
 */
export class DTypeError extends NeuriteError {
  static {
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_DTypeError)
    brand(this, "DTypeError");
  }
}

/** An axis outside `[-rank, rank)`, or repeated in an axis list. */
export class AxisError extends NeuriteError {
  static {
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_AxisError)
    brand(this, "AxisError");
  }
}

/** A value outside what the operation accepts: NaN where forbidden, a negative count, ... */
export class ValueError extends NeuriteError {
  static {
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_ValueError)
    brand(this, "ValueError");
  }
}

/**
 * Elements asked for synchronously that live in a backend's own memory (a
 * WebGPU buffer): read them with `await t.dataAsync()`.
 */
export class DeviceError extends NeuriteError {
  static {
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_DeviceError)
    brand(this, "DeviceError");
  }
}

/** Formats a shape as `[2,3]` for error messages. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** A short description of any value for "got ..." in error messages. */
export function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (typeof x === "object") return `a ${(x as object).constructor?.name ?? "object"}`;
  if (typeof x === "string") return `the string "${x}"`;
  return `${typeof x} ${String(x)}`;
}
