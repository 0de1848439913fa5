import { Tensor } from "@neurite/tensor";

/** A short description of any value for error messages: `-1`, `the string "abc"`, `null`, `a Tensor of shape [2,3]`. */
export function describe(x: unknown): string {
  if (x === null) return "null";
  if (x === undefined) return "undefined";
  if (typeof x === "number") return String(x);
  // Says "string" so that "0.1" given for a number is not read as the number.
  if (typeof x === "string") return `the string ${JSON.stringify(x)}`;
  if (typeof x === "boolean" || typeof x === "bigint") return String(x);
  if (x instanceof Tensor) return `a Tensor of shape ${fmtShape(x.shape)}`;
  if (Array.isArray(x)) {
    return x.length <= 4 ? `[${x.map(describe).join(", ")}]` : `an array of length ${x.length}`;
  }
  if (typeof x === "function") return "a function";
  const name = (x as object).constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}

/** Formats a shape as `[2,3]`. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** Names a parameter in messages: `parameter 2 ('dense.kernel') of group 0`. */
export function paramLabel(index: number, name: string | undefined, group?: number): string {
  const named = name ? ` ('${name}')` : "";
  return group === undefined
    ? `parameter ${index}${named}`
    : `parameter ${index}${named} of group ${group}`;
}
