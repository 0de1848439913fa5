/**
 * Base class of every error Neurite throws on bad input. `op` names the
 * function that refused the input and `arg` the argument at fault, so a
 * message always says where to look: `matmul: inner dimensions differ ...`.
 */
export class NeuriteError extends Error {
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
export class ShapeError extends NeuriteError {}

/** A dtype that the operation does not accept, or operands of different dtypes. */
export class DTypeError extends NeuriteError {}

/** An axis outside `[-rank, rank)`, or repeated in an axis list. */
export class AxisError extends NeuriteError {}

/** A value outside what the operation accepts: NaN where forbidden, a negative count, ... */
export class ValueError extends NeuriteError {}

/** Formats a shape as `[2,3]` for error messages. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}
