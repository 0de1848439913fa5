import { NeuriteError } from "@neurite/tensor";

/**
 * Misuse of the autograd engine: `backward()` on a non-scalar without a
 * gradient, a gradient of the wrong shape or dtype, a graph already freed by an
 * earlier backward, a gradient rule returning the wrong shape, a function given
 * to `grad`/`gradCheck` that does not return a Variable, ... Like every Neurite
 * error, `op` names the operation and `arg` the argument at fault.
 */
export class AutogradError extends NeuriteError {}

/** @internal A short description of any value for "got ..." in error messages. */
export function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (typeof x === "object") return `a ${(x as object).constructor?.name ?? "object"}`;
  if (typeof x === "string") return `the string "${x}"`;
  return `${typeof x} ${String(x)}`;
}
