import { ValueError } from "@neurite/tensor";
import { bostonBookSplit } from "../embedded/boston_book_split.js";
import { wineBookSplit } from "../embedded/wine_book_split.js";
import { describe } from "../internal/describe.js";
import { type EmbeddedFile, embeddedText } from "../internal/embedded.js";
import type { IndexSplit } from "../types.js";

/** Datasets with a fixed textbook split. */
export type BookSplitName = "wine" | "boston";

const FILES: Record<BookSplitName, { file: EmbeddedFile; rows: number; train: number }> = {
  wine: { file: wineBookSplit, rows: 178, train: 133 },
  boston: { file: bostonBookSplit, rows: 506, train: 379 },
};

const cache = new Map<BookSplitName, { train: Int32Array; test: Int32Array }>();

function decode(name: BookSplitName): { train: Int32Array; test: Int32Array } {
  const spec = FILES[name];
  const json = JSON.parse(embeddedText(spec.file)) as { train: number[]; test: number[] };
  const train = Int32Array.from(json.train);
  const test = Int32Array.from(json.test);
  const seen = new Uint8Array(spec.rows);
  for (const i of [...train, ...test]) seen[i]!++;
  if (train.length !== spec.train || !seen.every((c) => c === 1))
    throw new ValueError(
      "bookSplit",
      "name",
      `the embedded ${name} split is not a partition of ${spec.rows} rows`,
    );
  return { train, test };
}

/**
 * The textbook's fixed 75/25 split of `"wine"` (133 train / 45 test) or
 * `"boston"` (379 / 127): the row indices that scikit-learn's
 * `train_test_split(X, y, random_state=0)` chose, so that Neurite trains and
 * tests on exactly the rows that the Keras and PyTorch runs used. Apply it with
 * {@link applySplit}.
 *
 * @param name - `"wine"` or `"boston"`
 * @returns fresh `Int32Array`s of row indices (into `loadWine()` / `loadBoston()` order)
 * @throws ValueError for another name
 * @example
 * ```ts
 * const { x, y } = loadWine();
 * const { xTrain, yTrain, xTest, yTest } = applySplit(x, y, bookSplit("wine"));
 * ```
 */
export function bookSplit(name: BookSplitName): IndexSplit {
  if (name !== "wine" && name !== "boston")
    throw new ValueError("bookSplit", "name", `expected "wine" or "boston", got ${describe(name)}`);
  let s = cache.get(name);
  if (s === undefined) {
    s = decode(name);
    cache.set(name, s);
  }
  return { train: s.train.slice(), test: s.test.slice() };
}
