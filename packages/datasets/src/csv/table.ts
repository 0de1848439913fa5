import type { Tensor } from "@neurite/tensor";

/** What {@link parseCsv} returns. */
export interface CsvTable {
  /** Features `[rows, featureNames.length]` (float32 unless `options.dtype`). */
  readonly x: Tensor;
  /** Target: int32 labels for a class target, float values otherwise; `null` without a target. */
  readonly y: Tensor | null;
  /** One name per column of `x`; one-hot columns are named `column=category`. */
  readonly featureNames: string[];
  /** Name of the target column, or `null`. */
  readonly targetName: string | null;
  /** Class names by label for a class target; `[targetName]` for a value target; `[]` without one. */
  readonly targetNames: string[];
  /** Every column name of the text (header names, or `column_<index>` without a header). */
  readonly columns: string[];
  /** Whether the first row (after `skipRows`) was read as a header. */
  readonly hasHeader: boolean;
  /** The categories of each categorical feature column, in encoding order. */
  readonly categories: Record<string, string[]>;
  /** 1-based lines of rows left out by `missing: "drop"`, in order. */
  readonly droppedLines: number[];
}

/** One batch of rows from {@link streamCsv}. */
export interface CsvBatch {
  /** Features of the batch `[rows, featureNames.length]`. */
  readonly x: Tensor;
  /** Targets of the batch, or `null` without a target column. */
  readonly y: Tensor | null;
  /** Index of this batch in the stream, from 0. */
  readonly index: number;
  /** 1-based source line of each row of the batch. */
  readonly lines: Int32Array;
  /**
   * Lines dropped by `missing: "drop"` after the previous batch's last row and
   * before the next batch's first row (the last batch also reports drops after it).
   */
  readonly droppedLines: number[];
  /** One name per column of `x`. */
  readonly featureNames: string[];
  /** Class names, `[targetName]`, or `[]`, as in {@link CsvTable}. */
  readonly targetNames: string[];
}
