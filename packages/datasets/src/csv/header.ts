import type { RawRow } from "./reader.js";
import { parseNumber } from "./values.js";

/** Rows looked at after the first when guessing whether it is a header. */
export const HEADER_SAMPLE = 20;

/**
 * Guesses whether `rows[0]` is a header from it and up to {@link HEADER_SAMPLE}
 * rows below it:
 * 1. some column holds text in the first row and only numbers (or missing
 *    values, with at least one number) below it; or
 * 2. every field of the first row is a distinct, non-numeric text that never
 *    occurs in its column below.
 * Otherwise the first row is data. A file of a single row is a header only when
 * all its fields are non-numeric texts.
 */
export function detectHeader(rows: readonly RawRow[], isMissing: (s: string) => boolean): boolean {
  if (rows.length === 0) return false;
  const first = rows[0]!.fields;
  const below = rows.slice(1, 1 + HEADER_SAMPLE);
  const isText = (s: string): boolean => !isMissing(s) && parseNumber(s) === undefined;
  if (below.length === 0) return first.every(isText);
  for (let j = 0; j < first.length; j++) {
    if (!isText(first[j]!)) continue;
    let numbers = 0;
    let texts = 0;
    for (const r of below) {
      const v = r.fields[j];
      if (v === undefined || isMissing(v)) continue;
      if (parseNumber(v) === undefined) texts++;
      else numbers++;
    }
    if (numbers > 0 && texts === 0) return true;
  }
  const names = first.map((s) => s.trim());
  if (!first.every(isText) || new Set(names).size !== names.length) return false;
  return below.every((r) => r.fields.every((v, j) => v.trim() !== names[j]));
}
