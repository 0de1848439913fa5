/**
 * A column of a CSV file: its header name, or its 0-based position (negative
 * positions count from the end, `-1` is the last column).
 */
export type ColumnRef = string | number;

/** How a categorical column becomes numbers. */
export type CategoricalEncoding = "onehot" | "label";

/** A categorical feature column with its encoding and, optionally, its categories. */
export interface CategoricalColumn {
  /** The column. */
  readonly column: ColumnRef;
  /**
   * `"onehot"` (default): one 0/1 feature per category, named `column=category`.
   * `"label"`: one feature holding the category's index.
   */
  readonly encoding?: CategoricalEncoding;
  /**
   * The categories in encoding order. When omitted, `parseCsv` uses the sorted
   * distinct values of the column (numerically when all are numbers);
   * `streamCsv` requires them, since it never sees the whole column at once.
   * A value outside the list is an error.
   */
  readonly categories?: readonly (string | number)[];
}

/** A fill strategy for missing values. */
export type FillStrategy = number | "mean" | "median" | "mostFrequent";

/**
 * What to do with a missing value (an empty field or one of `naValues`):
 * - `"error"` (default): throw a `CsvError` naming the line and column;
 * - `"drop"`: leave out every row with a missing value in a used column, and
 *   report their line numbers in `droppedLines`;
 * - `{ fill }`: replace missing feature values by a number, or by the column's
 *   mean, median or most frequent value (computed over the rows present; the most
 *   frequent category for categorical columns, which accept only that strategy).
 *   A missing target is still an error: a made-up label would be a wrong label.
 */
export type MissingPolicy = "error" | "drop" | { readonly fill: FillStrategy };

/** How the target column is read. */
export type TargetType = "auto" | "class" | "value";

/** Options of {@link parseCsv} and `readCsvFile`. */
export interface CsvOptions {
  /**
   * Whether the first row (after `skipRows`) holds column names. `"auto"`
   * (default) decides from the data: a first row with text where the rows below
   * have numbers, or with distinct texts that never occur below, is a header.
   */
  readonly header?: boolean | "auto";
  /** Field delimiter (default `","`); `"auto"` guesses among `, \t | ;`. */
  readonly delimiter?: string;
  /** Quote character (default `"`). */
  readonly quoteChar?: string;
  /** Lines starting with this string are ignored (default: none). */
  readonly comments?: string | false;
  /** Records to skip at the start, before the header or the data (default 0). */
  readonly skipRows?: number;
  /** The target column (default: none, `y` is `null`). */
  readonly target?: ColumnRef;
  /**
   * `"value"`: the target is a number (float `y`). `"class"`: the target is a
   * class label, encoded as int32 indices into `classes`. `"auto"` (default):
   * `"class"` when `classes` is given or a target value is not a number, else
   * `"value"`.
   */
  readonly targetType?: TargetType;
  /**
   * The class names in label order (label `i` is `classes[i]`). When omitted for
   * a class target, `parseCsv` uses the sorted distinct values; `streamCsv`
   * requires them.
   */
  readonly classes?: readonly (string | number)[];
  /** The feature columns, in order (default: every column except the target). */
  readonly features?: readonly ColumnRef[];
  /**
   * Categorical feature columns. A plain column reference uses
   * `categoricalEncoding`; an object can set the encoding and the categories.
   */
  readonly categorical?: readonly (ColumnRef | CategoricalColumn)[];
  /** Encoding of categorical columns given without one (default `"onehot"`). */
  readonly categoricalEncoding?: CategoricalEncoding;
  /** The missing-value policy (default `"error"`). */
  readonly missing?: MissingPolicy;
  /**
   * Field values (after trimming spaces) that mean "missing". Default: `""`,
   * `"NA"`, `"N/A"`, `"NaN"`, `"nan"`, `"null"`, `"NULL"`, `"?"`.
   */
  readonly naValues?: readonly string[];
  /** dtype of `x` and of a value target (default `"float32"`). */
  readonly dtype?: "float32" | "float64";
}

/** Options of {@link streamCsv} and `streamCsvFile`: CSV options plus a batch size. */
export interface CsvStreamOptions extends CsvOptions {
  /** Rows per batch (the last batch may be smaller). */
  readonly batchSize: number;
}

/** The default `naValues`. */
export const DEFAULT_NA_VALUES: readonly string[] = [
  "",
  "NA",
  "N/A",
  "NaN",
  "nan",
  "null",
  "NULL",
  "?",
];
