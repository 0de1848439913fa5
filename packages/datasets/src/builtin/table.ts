import { Tensor, ValueError } from "@neurite/tensor";
import { parseCsvText } from "../csv/parse.js";
import { CsvRowReader, type Dialect } from "../csv/reader.js";
import { type EmbeddedFile, embeddedText } from "../internal/embedded.js";

/** A parsed built-in file: all numbers, row-major, in float64. */
export interface NumericTable {
  /** Rows. */
  readonly rows: number;
  /** Columns. */
  readonly cols: number;
  /** Values, `rows * cols`, row-major. */
  readonly data: Float64Array;
}

/**
 * Parses an embedded all-numeric file (after `skipRows` header records) with
 * the package's CSV reader, and checks its size against what the loader expects.
 */
export function numericTable(
  op: string,
  file: EmbeddedFile,
  options: { skipRows: number; delimiter?: string; rows: number; cols: number },
): NumericTable {
  const t = parseCsvText(op, embeddedText(file), {
    header: false,
    skipRows: options.skipRows,
    delimiter: options.delimiter ?? ",",
    dtype: "float64",
  });
  const [rows, cols] = t.x.shape as [number, number];
  if (rows !== options.rows || cols !== options.cols)
    throw new ValueError(
      op,
      "",
      `embedded ${file.file} has ${rows}x${cols} values, expected ${options.rows}x${options.cols}`,
    );
  return { rows, cols, data: t.x.data as Float64Array };
}

/** The fields of record `n` (1-based) of an embedded CSV file, trimmed (a header line, e.g. column names). */
export function recordFields(op: string, file: EmbeddedFile, n: number): string[] {
  const text = embeddedText(file);
  let end = 0;
  for (let i = 0; i < n; i++) end = text.indexOf("\n", end) + 1;
  const reader = new CsvRowReader(op, EMBEDDED_DIALECT);
  const rows = [...reader.push(text.slice(0, end)), ...reader.end()];
  return rows[n - 1]!.fields.map((f) => f.trim());
}

/** How the embedded files are written. */
const EMBEDDED_DIALECT: Dialect = {
  delimiter: ",",
  linebreak: "\n",
  quoteChar: '"',
  comments: false,
};

/** Splits a table into float32 features (all columns but the last) and its last column. */
export function featuresAndLast(t: NumericTable): { x: Float32Array; last: Float64Array } {
  const f = t.cols - 1;
  const x = new Float32Array(t.rows * f);
  const last = new Float64Array(t.rows);
  for (let r = 0; r < t.rows; r++) {
    for (let c = 0; c < f; c++) x[r * f + c] = t.data[r * t.cols + c]!;
    last[r] = t.data[r * t.cols + f]!;
  }
  return { x, last };
}

/** Decoded arrays of a built-in dataset, kept once per session. */
export interface Cached {
  /** Features, float32 row-major. */
  readonly x: Float32Array;
  /** Features per row. */
  readonly features: number;
  /** Targets: int32 labels or float32 values. */
  readonly y: Int32Array | Float32Array;
}

/**
 * Memoizes `build` and hands out fresh tensors on every call, so a caller who
 * writes into a returned tensor cannot change what the next caller gets.
 */
export function cachedLoader(build: () => Cached): () => { x: Tensor; y: Tensor } {
  let cache: Cached | null = null;
  return () => {
    cache ??= build();
    const rows = cache.y.length;
    return {
      x: new Tensor(cache.x.slice(), [rows, cache.features]),
      y: new Tensor(cache.y.slice(), [rows]),
    };
  };
}

/** Float64 values as int32 labels. */
export function labels(values: Float64Array): Int32Array {
  return Int32Array.from(values);
}
