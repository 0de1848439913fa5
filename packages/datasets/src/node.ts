/**
 * @packageDocumentation
 * `@neurite/datasets/node`: the Node-only part of `@neurite/datasets`, reading
 * CSV and IDX files from the file system. Everything else (built-in datasets,
 * parsing text and bytes, splits, scalers, loaders) is in the main entry, which
 * also works in browsers.
 */

import { createReadStream, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { DTypeError, type Tensor, ValueError } from "@neurite/tensor";
import type { CsvOptions, CsvStreamOptions } from "./csv/options.js";
import { parseCsvText } from "./csv/parse.js";
import { streamCsvAs } from "./csv/stream.js";
import type { CsvBatch, CsvTable } from "./csv/table.js";
import { decodeIdx } from "./idx/decode.js";
import { type IdxDataset, type IdxImageOptions, pairUp, toImages, toLabels } from "./idx/images.js";
import { describe } from "./internal/describe.js";

function checkPath(op: string, arg: string, path: unknown): string | URL {
  if (typeof path === "string" && path.length > 0) return path;
  if (path instanceof URL) return path;
  throw new DTypeError(op, arg, `expected a file path (string or URL), got ${describe(path)}`);
}

function fsError(op: string, arg: string, path: string | URL, e: unknown): ValueError {
  const err = e as NodeJS.ErrnoException;
  return new ValueError(
    op,
    arg,
    `cannot read ${JSON.stringify(String(path))}: ${err.code ?? ""} ${err.message}`.trim(),
  );
}

async function readBytes(
  op: string,
  arg: string,
  path: unknown,
): Promise<{ bytes: Uint8Array; path: string | URL }> {
  const p = checkPath(op, arg, path);
  try {
    return { bytes: await readFile(p), path: p };
  } catch (e) {
    throw fsError(op, arg, p, e);
  }
}

/**
 * Reads a CSV file (UTF-8) and parses it as {@link parseCsv} does.
 *
 * @param path - file path or `file:` URL
 * @param options - as for `parseCsv`
 * @throws ValueError when the file cannot be read; CsvError for malformed data
 * @example
 * ```ts
 * const t = await readCsvFile("houses.csv", { target: "price", categorical: ["city"] });
 * ```
 */
export async function readCsvFile(path: string | URL, options?: CsvOptions): Promise<CsvTable> {
  const op = "readCsvFile";
  const p = checkPath(op, "path", path);
  let text: string;
  try {
    text = await readFile(p, "utf8");
  } catch (e) {
    throw fsError(op, "path", p, e);
  }
  return parseCsvText(op, text, options, "path");
}

/**
 * {@link readCsvFile}, synchronously (for scripts).
 * @throws ValueError when the file cannot be read; CsvError for malformed data
 */
export function readCsvFileSync(path: string | URL, options?: CsvOptions): CsvTable {
  const op = "readCsvFileSync";
  const p = checkPath(op, "path", path);
  let text: string;
  try {
    text = readFileSync(p, "utf8");
  } catch (e) {
    throw fsError(op, "path", p, e);
  }
  return parseCsvText(op, text, options, "path");
}

async function* fileChunks(op: string, path: string | URL): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) yield chunk as string;
  } catch (e) {
    throw fsError(op, "path", path, e);
  } finally {
    stream.destroy();
  }
}

/**
 * Streams a CSV file in batches of `batchSize` rows without loading it whole
 * (64 KiB reads); see `streamCsv` for the rules. Each `for await` reads the
 * file again from the start, so it can feed a `StreamLoader` for many epochs.
 *
 * @param path - file path or `file:` URL
 * @param options - CSV options plus `batchSize`
 * @throws ValueError at once for bad options; while iterating, ValueError when
 *   the file cannot be read and CsvError for malformed data
 */
export function streamCsvFile(
  path: string | URL,
  options: CsvStreamOptions,
): AsyncIterable<CsvBatch> {
  const op = "streamCsvFile";
  const p = checkPath(op, "path", path);
  return streamCsvAs(op, () => fileChunks(op, p), options, "path");
}

/**
 * Reads an IDX file (plain or gzip) into a tensor, as `parseIdx` does.
 * @throws ValueError when the file cannot be read, has a wrong magic number or is truncated
 */
export async function readIdxFile(path: string | URL): Promise<Tensor> {
  const op = "readIdxFile";
  const { bytes, path: p } = await readBytes(op, "path", path);
  return decodeIdx(op, "path", bytes, String(p)).tensor;
}

/**
 * Reads an IDX images file such as MNIST's `train-images-idx3-ubyte(.gz)`
 * into float32 images `[n, rows, cols]` (or `[n, rows·cols]` with `flatten`).
 * @throws ValueError for an unreadable or malformed file; ShapeError/DTypeError if it is not 3-D uint8
 */
export async function readIdxImages(
  path: string | URL,
  options?: IdxImageOptions,
): Promise<Tensor> {
  const op = "readIdxImages";
  const { bytes, path: p } = await readBytes(op, "path", path);
  return toImages(op, "path", decodeIdx(op, "path", bytes, String(p)), options, String(p));
}

/**
 * Reads an IDX labels file such as MNIST's `train-labels-idx1-ubyte(.gz)` into int32 labels `[n]`.
 * @throws ValueError for an unreadable or malformed file; ShapeError if it is not 1-D
 */
export async function readIdxLabels(path: string | URL): Promise<Tensor> {
  const op = "readIdxLabels";
  const { bytes, path: p } = await readBytes(op, "path", path);
  return toLabels(op, "path", decodeIdx(op, "path", bytes, String(p)), String(p));
}

/**
 * Reads a pair of IDX files (images and labels), e.g. MNIST or Fashion-MNIST
 * you downloaded yourself, and checks that they hold as many samples.
 *
 * @example
 * ```ts
 * const { x, y } = await readIdxDataset("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", { flatten: true });
 * ```
 * @throws ShapeError when the counts differ, and as {@link readIdxImages}/{@link readIdxLabels}
 */
export async function readIdxDataset(
  imagesPath: string | URL,
  labelsPath: string | URL,
  options?: IdxImageOptions,
): Promise<IdxDataset> {
  const op = "readIdxDataset";
  const [img, lab] = await Promise.all([
    readBytes(op, "imagesPath", imagesPath),
    readBytes(op, "labelsPath", labelsPath),
  ]);
  const x = toImages(
    op,
    "imagesPath",
    decodeIdx(op, "imagesPath", img.bytes, String(img.path)),
    options,
    String(img.path),
  );
  const y = toLabels(
    op,
    "labelsPath",
    decodeIdx(op, "labelsPath", lab.bytes, String(lab.path)),
    String(lab.path),
  );
  return pairUp(op, x, y);
}

export type { CsvBatch, CsvOptions, CsvStreamOptions, CsvTable, IdxDataset, IdxImageOptions };
