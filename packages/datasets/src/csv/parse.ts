import { DTypeError, Tensor } from "@neurite/tensor";
import { describe } from "../internal/describe.js";
import { allocate } from "../internal/rows.js";
import { inferCodings } from "./codings.js";
import { encoderFor, type FeatureCoding } from "./encoder.js";
import type { CsvOptions } from "./options.js";
import { CsvRowReader, sniffDialect } from "./reader.js";
import { planFromRows, readSettings } from "./settings.js";
import type { CsvTable } from "./table.js";

/** Characters looked at to guess line breaks and the delimiter. */
export const SNIFF_CHARS = 65536;

/**
 * Parses CSV text into a feature tensor and an optional target, with papaparse.
 *
 * Every field is checked: a row with the wrong number of fields, a text where a
 * number is expected, an unknown category or class, or a missing value under
 * the `"error"` policy throws a {@link CsvError} naming the line and the column.
 * Nothing is skipped silently; blank lines and comment lines hold no data.
 *
 * @param text - the CSV text
 * @param options - header, delimiter, columns, categorical encodings, missing values; see {@link CsvOptions}
 * @throws CsvError for malformed data; ValueError for bad options
 * @example
 * ```ts
 * const t = parseCsv("size,color,price\n1.5,red,10\n2,blue,12\n", {
 *   target: "price",
 *   categorical: ["color"],
 * });
 * t.featureNames; // ["size", "color=blue", "color=red"]
 * t.y;            // float32 [10, 12]
 * ```
 */
export function parseCsv(text: string, options?: CsvOptions): CsvTable {
  const op = "parseCsv";
  if (typeof text !== "string")
    throw new DTypeError(op, "text", `expected a string, got ${describe(text)}`);
  return parseCsvText(op, text, options);
}

/**
 * {@link parseCsv} under another public name (`readCsvFile`, the built-in
 * loaders); `input` names the argument that held the CSV in error messages.
 */
export function parseCsvText(
  op: string,
  text: string,
  options?: CsvOptions,
  input = "text",
): CsvTable {
  const s = readSettings(op, options);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const dialect = sniffDialect(text.slice(0, SNIFF_CHARS), s.delimiter, s.quoteChar, s.comments);
  const reader = new CsvRowReader(op, dialect, input);
  const rows = [...reader.push(text), ...reader.end()].slice(s.skipRows);
  const { plan, headerRow } = planFromRows(op, s, rows, input);
  const data = headerRow === null ? rows : rows.slice(1);
  const placeholder = plan.features.map(
    (p): FeatureCoding => ({
      index: p.index,
      name: p.name,
      kind: "number",
      categories: [],
      fill: 0,
    }),
  );
  const probeTarget = plan.target && { ...plan.target, kind: "value" as const, classes: [] };
  const probe = encoderFor(op, plan, s, placeholder, probeTarget, input);
  const { features, target } = inferCodings(op, plan, data, s.policy, s.isMissing, probe);
  const enc = encoderFor(op, plan, s, features, target, input);
  const x = allocate(s.dtype, data.length * enc.width);
  const y =
    target === null ? null : allocate(target.kind === "class" ? "int32" : s.dtype, data.length);
  const droppedLines: number[] = [];
  let n = 0;
  for (const row of data) {
    if (enc.encode(row, x, n, y)) n++;
    else droppedLines.push(row.line);
  }
  const categories: Record<string, string[]> = {};
  for (const f of features) if (f.kind !== "number") categories[f.name] = [...f.categories];
  return {
    x: new Tensor(n === data.length ? x : x.slice(0, n * enc.width), [n, enc.width]),
    y: y === null ? null : new Tensor(n === data.length ? y : y.slice(0, n), [n]),
    featureNames: enc.featureNames,
    targetName: target?.name ?? null,
    targetNames:
      target === null ? [] : target.kind === "class" ? [...target.classes] : [target.name],
    columns: plan.names,
    hasHeader: plan.hasHeader,
    categories,
    droppedLines,
  };
}
