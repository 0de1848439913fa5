import { argmax, Tensor, ValueError } from "@neurite/tensor";
import { type NumbersLike, toNumbers } from "./numbers.js";

/**
 * Class labels from integer labels (an array or `[n]` / `[n,1]` tensor) or
 * from a `[n, C]` tensor of one-hot rows or class scores (the largest wins).
 * @throws ValueError for values that are not non-negative integers
 */
export function toLabels(op: string, arg: string, input: NumbersLike): number[] {
  if (input instanceof Tensor && input.rank === 2 && input.shape[1]! > 1)
    return Array.from(argmax(input, 1).data);
  const values = toNumbers(op, arg, input);
  for (const [i, v] of values.entries())
    if (!Number.isInteger(v) || v < 0)
      throw new ValueError(
        op,
        arg,
        `expected class indices (integers ≥ 0) or one-hot rows, got ${v} at index ${i}`,
      );
  return values;
}

/** Checks an optional list of class names against the number of classes seen. */
export function checkClassNames(
  op: string,
  arg: string,
  names: unknown,
  classes: number,
): string[] {
  if (names === undefined) return Array.from({ length: classes }, (_, i) => `class ${i}`);
  if (!Array.isArray(names) || !names.every((n) => typeof n === "string"))
    throw new ValueError(op, arg, "expected an array of strings");
  if (names.length < classes)
    throw new ValueError(
      op,
      arg,
      `expected a name for each of the ${classes} classes, got ${names.length}`,
    );
  return names as string[];
}
