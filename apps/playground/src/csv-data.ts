/**
 * The user's CSV: what it holds and how it becomes the training data, read
 * with `parseCsv` of `@neurite/datasets` (whose CsvError names the line and
 * the column of any malformed field). No browser API, so Node tests use it.
 */
import { parseCsv } from "@neurite/datasets";
import type { CustomData } from "./protocol.js";

/** What a CSV file holds, before the target is chosen. */
export interface CsvOverview {
  /** The column names (`column_<i>` without a header). */
  readonly columns: string[];
  /** Data rows. */
  readonly rows: number;
  /** The suggested target: the last column. */
  readonly target: string;
  /**
   * The suggested task for that target: classification when its values are
   * not all numbers, or are whole numbers with at most
   * {@link MAX_SUGGESTED_CLASSES} distinct values (labels such as 0/1);
   * regression otherwise.
   */
  readonly task: "classification" | "regression";
}

/** A numeric target with at most this many distinct whole values is suggested as classes. */
export const MAX_SUGGESTED_CLASSES = 10;

/** The user's choice of target, features and task. */
export interface CsvChoice {
  /** The target column. */
  readonly target: string;
  /** The feature columns (numbers), in file order. */
  readonly features: readonly string[];
  /** Classification (the target's distinct values are the classes) or regression. */
  readonly task: "classification" | "regression";
}

/**
 * Reads the header and the shape of a CSV, and suggests a target and a task.
 *
 * @throws CsvError (line and column) for malformed text, e.g. rows of different lengths
 */
export function inspectCsv(text: string): CsvOverview {
  // Only the first column is encoded here (as labels, one number per row) to
  // count the rows; the fields of every row are still checked.
  const first = parseCsv(text, {
    features: [0],
    categorical: [{ column: 0, encoding: "label" }],
  });
  const columns = first.columns;
  const target = columns[columns.length - 1]!;
  if (columns.length < 2)
    throw new Error(`the file has ${columns.length} column: a target and a feature are needed`);
  const probe = parseCsv(text, {
    target,
    features: [0],
    categorical: [{ column: 0, encoding: "label" }],
  });
  const values = probe.y ? Array.from(probe.y.data as ArrayLike<number>) : [];
  const labels = values.every(Number.isInteger) && new Set(values).size <= MAX_SUGGESTED_CLASSES;
  const isClass = probe.y?.dtype === "int32" || labels;
  return {
    columns,
    rows: first.x.shape[0]!,
    target,
    task: isClass ? "classification" : "regression",
  };
}

/**
 * The data for training: the chosen features (numbers) and target, parsed
 * with `parseCsv`.
 *
 * @param name - the file's name
 * @throws CsvError naming the line and the column of a malformed field; Error for a choice without features
 */
export function readCsvData(text: string, name: string, choice: CsvChoice): CustomData {
  if (choice.features.length === 0) throw new Error("choose at least one feature column");
  if (choice.features.includes(choice.target))
    throw new Error(`the target ${JSON.stringify(choice.target)} cannot also be a feature`);
  const table = parseCsv(text, {
    target: choice.target,
    features: [...choice.features],
    targetType: choice.task === "classification" ? "class" : "value",
  });
  const classes = table.targetNames.length;
  if (choice.task === "classification" && classes < 2)
    throw new Error(
      `the target ${JSON.stringify(choice.target)} has ${classes} class: a classification needs at least 2`,
    );
  return {
    name,
    task: choice.task,
    x: Float32Array.from(table.x.data as ArrayLike<number>),
    y:
      choice.task === "classification"
        ? Int32Array.from(table.y!.data as ArrayLike<number>)
        : Float32Array.from(table.y!.data as ArrayLike<number>),
    rows: table.x.shape[0]!,
    featureNames: table.featureNames,
    targetNames: table.targetNames,
  };
}
