import { optionNames, ValueError } from "@neurite/tensor";
import { CsvError } from "../errors.js";
import { checkInt, checkOptions } from "../internal/check.js";
import { describe } from "../internal/describe.js";
import { detectHeader } from "./header.js";
import type { CsvOptions } from "./options.js";
import { checkPolicy, missingTest, type Policy } from "./policy.js";
import type { RawRow } from "./reader.js";
import { type ColumnPlan, planColumns } from "./schema.js";

/** Checked CSV options shared by parsing and streaming. */
export interface Settings {
  readonly options: CsvOptions;
  readonly policy: Policy;
  readonly isMissing: (s: string) => boolean;
  readonly skipRows: number;
  readonly header: boolean | "auto";
  readonly delimiter: string;
  readonly quoteChar: string;
  readonly comments: string | false;
  readonly dtype: "float32" | "float64";
}

/** The option names of {@link CsvOptions}. */
export const CSV_OPTIONS = optionNames<CsvOptions>({
  header: true,
  delimiter: true,
  quoteChar: true,
  comments: true,
  skipRows: true,
  target: true,
  targetType: true,
  classes: true,
  features: true,
  categorical: true,
  categoricalEncoding: true,
  missing: true,
  naValues: true,
  dtype: true,
});

/** Checks the options that do not depend on the data; `known` lists the accepted option names. */
export function readSettings(
  op: string,
  options: CsvOptions | undefined,
  known: readonly string[] = CSV_OPTIONS,
): Settings {
  const o = checkOptions(op, options, known) as CsvOptions;
  const header = o.header ?? "auto";
  if (header !== true && header !== false && header !== "auto")
    throw new ValueError(
      op,
      "options.header",
      `expected true, false or "auto", got ${describe(header)}`,
    );
  const delimiter = o.delimiter ?? ",";
  if (typeof delimiter !== "string" || delimiter.length === 0 || /[\r\n"]/.test(delimiter))
    throw new ValueError(
      op,
      "options.delimiter",
      `expected a non-empty string without quotes or line breaks (or "auto"), got ${describe(delimiter)}`,
    );
  const quoteChar = o.quoteChar ?? '"';
  if (typeof quoteChar !== "string" || quoteChar.length !== 1 || quoteChar === delimiter)
    throw new ValueError(
      op,
      "options.quoteChar",
      `expected one character other than the delimiter, got ${describe(quoteChar)}`,
    );
  const comments = o.comments ?? false;
  if (
    comments !== false &&
    (typeof comments !== "string" || comments.length === 0 || comments === delimiter)
  )
    throw new ValueError(
      op,
      "options.comments",
      `expected a non-empty string other than the delimiter, or false, got ${describe(comments)}`,
    );
  const dtype = o.dtype ?? "float32";
  if (dtype !== "float32" && dtype !== "float64")
    throw new ValueError(
      op,
      "options.dtype",
      `expected "float32" or "float64", got ${describe(dtype)}`,
    );
  return {
    options: o,
    policy: checkPolicy(op, o.missing),
    isMissing: missingTest(op, o.naValues),
    skipRows: checkInt(op, "options.skipRows", o.skipRows ?? 0, 0),
    header,
    delimiter,
    quoteChar,
    comments,
    dtype,
  };
}

/** Column names and the column plan from the first records (after `skipRows`). */
export function planFromRows(
  op: string,
  s: Settings,
  first: readonly RawRow[],
  input = "text",
): { plan: ColumnPlan; headerRow: RawRow | null } {
  if (first.length === 0)
    throw new ValueError(
      op,
      input,
      `expected at least one row after skipping ${s.skipRows}, got none`,
    );
  const hasHeader = s.header === "auto" ? detectHeader(first, s.isMissing) : s.header;
  const headerRow = hasHeader ? first[0]! : null;
  // A header alone is almost always a truncated export, not an empty data set.
  if (headerRow !== null && first.length === 1)
    throw new CsvError(
      op,
      input,
      headerRow.line,
      0,
      undefined,
      `the header (${headerRow.fields.join(", ")}) is followed by no data rows; expected at least one`,
    );
  const names = first[0]!.fields.map((f, i) =>
    hasHeader && f.trim() !== "" ? f.trim() : `column_${i}`,
  );
  return { plan: planColumns(op, s.options, names, hasHeader), headerRow };
}
