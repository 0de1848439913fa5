import { Tensor, ValueError } from "@neurite/tensor";

/** Numbers as a chart takes them: a plain array, a typed array, or a tensor of one value per sample. */
export type NumbersLike = readonly number[] | Float32Array | Float64Array | Int32Array | Tensor;

/** Options of {@link toNumbers}. */
export interface ToNumbersOptions {
  /** Let NaN through (history curves use it for epochs without a value); ±Infinity is refused anyway. */
  allowNaN?: boolean;
  /** Accept an empty input (default false). */
  allowEmpty?: boolean;
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === "object") return `a ${(v as object).constructor?.name ?? "object"}`;
  return `${typeof v} ${String(v)}`;
}

/**
 * Copies chart data into a plain array of finite numbers, refusing what would
 * draw a wrong picture: anything that is not numbers, an empty input, NaN or
 * ±Infinity, and tensors with more than one value per sample.
 *
 * @param op - the chart function, for the error message
 * @param arg - the argument's name, for the error message
 * @throws ValueError naming `op`, `arg`, what was expected and what came
 */
export function toNumbers(
  op: string,
  arg: string,
  input: NumbersLike,
  options: ToNumbersOptions = {},
): number[] {
  let values: ArrayLike<unknown>;
  if (input instanceof Tensor) {
    const { shape } = input;
    const oneColumn = shape.length === 1 || (shape.length === 2 && shape[1] === 1);
    if (!oneColumn)
      throw new ValueError(
        op,
        arg,
        `expected one value per sample (shape [n] or [n,1]), got a tensor of shape [${shape.join(",")}]`,
      );
    values = input.data;
  } else if (Array.isArray(input) || ArrayBuffer.isView(input)) {
    values = input as ArrayLike<unknown>;
  } else {
    throw new ValueError(
      op,
      arg,
      `expected an array of numbers or a tensor, got ${describeValue(input)}`,
    );
  }
  if (values.length === 0 && !options.allowEmpty)
    throw new ValueError(op, arg, "expected at least one value, got none");
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number")
      throw new ValueError(op, arg, `expected numbers, got ${describeValue(v)} at index ${i}`);
    if (!Number.isFinite(v) && !(options.allowNaN && Number.isNaN(v)))
      throw new ValueError(op, arg, `expected finite numbers, got ${v} at index ${i}`);
    out[i] = v;
  }
  return out;
}

/**
 * Throws unless two inputs hold the same number of values.
 * @throws ValueError naming both arguments and both lengths
 */
export function checkSameLength(
  op: string,
  aName: string,
  a: readonly unknown[],
  bName: string,
  b: readonly unknown[],
): void {
  if (a.length !== b.length)
    throw new ValueError(
      op,
      bName,
      `expected as many values as '${aName}' (${a.length}), got ${b.length}`,
    );
}
