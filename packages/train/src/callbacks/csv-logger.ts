import { appendFileSync, existsSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ensureDirectorySync } from "@neurite/layers/node";
import { checkOptions, optionNames, ValueError } from "@neurite/tensor";
import type { Logs } from "../history.js";
import type { Callback } from "./callback.js";

/** Options of {@link CSVLogger}. */
export interface CSVLoggerOptions {
  /** Column separator (default `,`). */
  separator?: string;
  /** Add to an existing file instead of replacing it (default false). */
  append?: boolean;
}

const CSV_LOGGER_OPTIONS = optionNames<CSVLoggerOptions>({ separator: true, append: true });

/**
 * Writes one CSV row per epoch to a file (Node only), as Keras's callback:
 * an `epoch` column (0-based) then the epoch's log keys in the order the
 * first epoch had them (`loss`, metrics, `val_` keys, then keys added by
 * callbacks such as `learning_rate`). Each row is appended as soon as the
 * epoch ends, so the file is useful while training runs and after a crash.
 *
 * ```text
 * epoch,loss,accuracy,val_loss,val_accuracy
 * 0,1.16600,0.36842,1.01630,0.60000
 * ```
 */
export class CSVLogger implements Callback {
  /** The file written. */
  readonly filename: string;
  /** The column separator. */
  readonly separator: string;
  /** Whether rows are added to an existing file. */
  readonly append: boolean;
  private columns: string[] | undefined;

  /** @param filename - the CSV file; @param options - separator and append */
  constructor(filename: string, options: CSVLoggerOptions = {}) {
    checkOptions("CSVLogger", options, CSV_LOGGER_OPTIONS);
    if (typeof filename !== "string" || filename.length === 0)
      throw new ValueError("CSVLogger", "filename", "expected a file path");
    this.filename = filename;
    this.separator = options.separator ?? ",";
    this.append = options.append ?? false;
  }

  onTrainBegin(): void {
    this.columns = undefined;
    // Checked level by level: a recursive mkdirSync never returns under /proc (Node 20).
    ensureDirectorySync("CSVLogger", "filename", dirname(this.filename));
    if (!this.append) writeFileSync(this.filename, "");
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    let head = "";
    if (this.columns === undefined) {
      this.columns = Object.keys(logs);
      const empty = !existsSync(this.filename) || statSync(this.filename).size === 0;
      if (empty) head = `${["epoch", ...this.columns].join(this.separator)}\n`;
    }
    const row = [String(epoch), ...this.columns.map((k) => (k in logs ? String(logs[k]) : ""))];
    appendFileSync(this.filename, `${head}${row.join(this.separator)}\n`);
  }
}
