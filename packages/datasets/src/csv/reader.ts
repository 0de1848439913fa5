import Papa from "papaparse";
import { CsvError } from "../errors.js";

/** One record of a CSV text: its fields and the 1-based line where it starts. */
export interface RawRow {
  /** The fields as written (quotes removed). */
  readonly fields: string[];
  /** 1-based line of the text where the record starts. */
  readonly line: number;
}

/** How the text is delimited. */
export interface Dialect {
  /** Field delimiter, e.g. `","`. */
  readonly delimiter: string;
  /** Line break: `"\n"`, `"\r\n"` or `"\r"`. */
  readonly linebreak: string;
  /** Quote character. */
  readonly quoteChar: string;
  /** Lines starting with this string are comments; `false` for none. */
  readonly comments: string | false;
}

interface StepResult {
  data: string[][];
  errors: { code: string; message: string; index?: number }[];
  meta: { cursor: number };
}

/**
 * Guesses the line break and (when `delimiter` is `"auto"`) the delimiter from
 * the start of a text, with papaparse's own detection.
 */
export function sniffDialect(
  sample: string,
  delimiter: string,
  quoteChar: string,
  comments: string | false,
): Dialect {
  const meta = Papa.parse(sample, {
    preview: 10,
    skipEmptyLines: true,
    quoteChar,
    comments,
    delimiter: delimiter === "auto" ? "" : delimiter,
  }).meta;
  return { delimiter: meta.delimiter, linebreak: meta.linebreak, quoteChar, comments };
}

/**
 * Turns CSV text, given whole or in chunks, into records with line numbers.
 * Parsing is done by papaparse's parser, the same way papaparse streams files:
 * each call parses the unconsumed text and keeps the last, possibly incomplete,
 * record for the next call. Blank lines are skipped (they hold no record).
 */
export class CsvRowReader {
  private pending = "";
  private pendingLine = 1;

  /**
   * @param op - the public function reading, for error messages
   * @param dialect - delimiter, line break, quote and comment settings
   * @param input - the name of the argument holding the CSV, for error messages
   */
  constructor(
    private readonly op: string,
    private readonly dialect: Dialect,
    private readonly input = "text",
  ) {}

  /** Adds text; returns the records completed by it. */
  push(chunk: string): RawRow[] {
    return this.run(this.pending + chunk, false);
  }

  /** Ends the input; returns the records left. */
  end(): RawRow[] {
    const text = this.pending;
    this.pending = "";
    return text.length === 0 ? [] : this.run(text, true);
  }

  private run(text: string, final: boolean): RawRow[] {
    const { linebreak, comments } = this.dialect;
    const rows: RawRow[] = [];
    // Line counting: `line` is the line number at offset `pos` of `text`.
    let pos = 0;
    let line = this.pendingLine;
    const lineAt = (offset: number): number => {
      for (;;) {
        const nl = text.indexOf(linebreak, pos);
        if (nl < 0 || nl >= offset) break;
        line++;
        pos = nl + linebreak.length;
      }
      return line;
    };
    let prevCursor = 0;
    const step = (r: StepResult): void => {
      let start = prevCursor;
      prevCursor = r.meta.cursor;
      if (comments !== false) {
        while (text.startsWith(comments, start)) {
          const nl = text.indexOf(linebreak, start);
          if (nl < 0) break;
          start = nl + linebreak.length;
        }
      }
      const fields = r.data[0]!;
      const at = lineAt(start);
      if (r.errors.length > 0) {
        const e = r.errors[0]!;
        const errLine = e.index !== undefined ? lineAt(Math.max(e.index, start)) : at;
        let col = fields.findIndex((f) => f.includes(this.dialect.quoteChar));
        if (col < 0) col = fields.length - 1;
        throw new CsvError(
          this.op,
          this.input,
          errLine,
          col + 1,
          undefined,
          `malformed quoted field (${e.message.toLowerCase()})`,
        );
      }
      if (fields.length === 1 && fields[0] === "") return; // blank line
      rows.push({ fields, line: at });
    };
    const parser = new Papa.Parser({
      delimiter: this.dialect.delimiter,
      newline: this.dialect.linebreak as "\n" | "\r\n" | "\r",
      quoteChar: this.dialect.quoteChar,
      comments: this.dialect.comments,
      step: step as unknown as (r: Papa.ParseStepResult<unknown>) => void,
    });
    const res = parser.parse(text, 0, !final) as { meta: { cursor: number } };
    const consumed = final ? text.length : res.meta.cursor;
    this.pendingLine = lineAt(consumed);
    this.pending = text.slice(consumed);
    return rows;
  }
}
