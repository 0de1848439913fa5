import { ValueError } from "@neurite/tensor";
import { describe } from "../internal/describe.js";
import { DEFAULT_NA_VALUES, type FillStrategy, type MissingPolicy } from "./options.js";

/** A checked missing-value policy. */
export type Policy =
  | { readonly kind: "error" }
  | { readonly kind: "drop" }
  | { readonly kind: "fill"; readonly strategy: FillStrategy };

/** Checks `options.missing`. */
export function checkPolicy(op: string, missing: MissingPolicy | undefined): Policy {
  if (missing === undefined || missing === "error") return { kind: "error" };
  if (missing === "drop") return { kind: "drop" };
  if (typeof missing === "object" && missing !== null && "fill" in missing) {
    const s = missing.fill;
    if (
      (typeof s === "number" && Number.isFinite(s)) ||
      s === "mean" ||
      s === "median" ||
      s === "mostFrequent"
    )
      return { kind: "fill", strategy: s };
    throw new ValueError(
      op,
      "options.missing.fill",
      `expected a finite number, "mean", "median" or "mostFrequent", got ${describe(s)}`,
    );
  }
  throw new ValueError(
    op,
    "options.missing",
    `expected "error", "drop" or { fill: ... }, got ${describe(missing)}`,
  );
}

/** A predicate for missing fields built from `options.naValues`. */
export function missingTest(
  op: string,
  naValues: readonly string[] | undefined,
): (s: string) => boolean {
  const list = naValues ?? DEFAULT_NA_VALUES;
  if (!Array.isArray(list) || list.some((v) => typeof v !== "string"))
    throw new ValueError(
      op,
      "options.naValues",
      `expected an array of strings, got ${describe(list)}`,
    );
  const set = new Set(list.map((v) => v.trim()));
  // Trim only when the field has spaces at an end: most fields do not.
  return (s) =>
    set.has(s) ||
    (s.length > 0 &&
      (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) &&
      set.has(s.trim()));
}
