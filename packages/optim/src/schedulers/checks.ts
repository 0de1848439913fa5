import { checkOptions, ValueError } from "@neurite/tensor";
import { describe } from "../internal/describe.js";
import { Optimizer } from "../optimizer.js";

/** Throws unless `optimizer` is a Neurite optimizer. */
export function checkOptimizer(op: string, optimizer: unknown): asserts optimizer is Optimizer {
  if (!(optimizer instanceof Optimizer)) {
    throw new ValueError(
      op,
      "optimizer",
      `expected an Optimizer (SGD, Adam, ...), got ${describe(optimizer)}`,
    );
  }
}

/** Throws unless `options` is an object whose keys are all in `known` (a misspelling gets a suggestion). */
export function checkOptionsObject(op: string, options: unknown, known: readonly string[]): void {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new ValueError(op, "options", `expected an object of options, got ${describe(options)}`);
  }
  checkOptions(op, options, known);
}

/** Returns `value` if it is an integer `>= min`, else throws naming the option. */
export function integerAtLeast(op: string, arg: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new ValueError(op, arg, `expected an integer >= ${min}, got ${describe(value)}`);
  }
  return value;
}

/** Returns `value` if it is a finite number in the range described by `test`, else throws. */
export function numberWhere(
  op: string,
  arg: string,
  value: unknown,
  test: (v: number) => boolean,
  expected: string,
): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !test(value)) {
    throw new ValueError(op, arg, `expected ${expected}, got ${describe(value)}`);
  }
  return value;
}
