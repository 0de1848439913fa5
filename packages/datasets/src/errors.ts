import { ValueError } from "@neurite/tensor";

/**
 * A CSV input that cannot be read as asked: a malformed row, a value that is not
 * a number, a missing value under the `"error"` policy, an unknown category.
 * `line` is 1-based and counts physical lines of the text (a quoted field that
 * spans lines counts each of them); `column` is 1-based, and `columnName` is the
 * header name when the file has one.
 */
export class CsvError extends ValueError {
  /** 1-based line of the text where the offending row starts. */
  readonly line: number;
  /** 1-based column of the offending field (0 when the problem is the whole row). */
  readonly column: number;
  /** The header name of that column, when known. */
  readonly columnName: string | undefined;

  /**
   * @param op - the function that read the CSV, e.g. `"parseCsv"`
   * @param arg - its argument holding the CSV: `"text"`, `"source"` or `"path"`
   * @param line - 1-based line number
   * @param column - 1-based column number, or 0 for a whole-row problem
   * @param columnName - the column's header name, if any
   * @param detail - what was expected and what came
   */
  constructor(
    op: string,
    arg: string,
    line: number,
    column: number,
    columnName: string | undefined,
    detail: string,
  ) {
    const where =
      column > 0
        ? `line ${line}, column ${column}${columnName !== undefined ? ` (${JSON.stringify(columnName)})` : ""}`
        : `line ${line}`;
    super(op, arg, `${where}: ${detail}`);
    this.line = line;
    this.column = column;
    this.columnName = columnName;
  }
}
