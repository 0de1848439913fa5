import { DTypeError, Tensor, type TypedArray, ValueError } from "@neurite/tensor";
import { checkInt } from "../internal/check.js";
import { describe } from "../internal/describe.js";
import { allocate } from "../internal/rows.js";
import { streamCodings } from "./codings.js";
import { encoderFor } from "./encoder.js";
import { HEADER_SAMPLE } from "./header.js";
import type { CsvStreamOptions } from "./options.js";
import { SNIFF_CHARS } from "./parse.js";
import { CsvRowReader, type RawRow, sniffDialect } from "./reader.js";
import { CSV_OPTIONS, planFromRows, readSettings, type Settings } from "./settings.js";
import type { CsvBatch } from "./table.js";

/** streamCsv takes the CSV options and its batch size. */
const CSV_STREAM_OPTIONS = [...CSV_OPTIONS, "batchSize"];

/**
 * Where streamed CSV text comes from: a whole string, or chunks of text or
 * UTF-8 bytes from an (async) iterable or a web `ReadableStream` (a Node
 * `Readable` is an async iterable too).
 */
export type CsvSource =
  | string
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>
  | ReadableStream<string | Uint8Array>;

function isReadableStream(s: unknown): s is ReadableStream<string | Uint8Array> {
  return typeof (s as { getReader?: unknown }).getReader === "function";
}

async function* chunks(op: string, source: CsvSource): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  const text = (c: unknown): string => {
    if (typeof c === "string") return c;
    if (c instanceof Uint8Array) return decoder.decode(c, { stream: true });
    throw new DTypeError(op, "source", `expected chunks of text or Uint8Array, got ${describe(c)}`);
  };
  if (typeof source === "string") yield source;
  else if (isReadableStream(source)) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        yield text(value);
      }
    } finally {
      reader.releaseLock();
    }
  } else {
    for await (const c of source as AsyncIterable<unknown>) yield text(c);
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

async function* records(
  op: string,
  source: CsvSource,
  s: Settings,
  input: string,
): AsyncGenerator<RawRow> {
  let reader: CsvRowReader | null = null;
  let sample = "";
  let skipped = 0;
  const take = function* (rows: RawRow[]): Generator<RawRow> {
    for (const r of rows) {
      if (skipped < s.skipRows) skipped++;
      else yield r;
    }
  };
  for await (let c of chunks(op, source)) {
    if (reader === null) {
      sample += c;
      // Wait for a full line (or enough text) to guess the line break.
      const nl = sample.search(/\r\n|\n|\r(?!$)/);
      if (nl < 0 && sample.length < SNIFF_CHARS) continue;
      if (sample.charCodeAt(0) === 0xfeff) sample = sample.slice(1);
      reader = new CsvRowReader(
        op,
        sniffDialect(sample.slice(0, SNIFF_CHARS), s.delimiter, s.quoteChar, s.comments),
        input,
      );
      c = sample;
    }
    yield* take(reader.push(c));
  }
  if (reader === null) {
    if (sample.charCodeAt(0) === 0xfeff) sample = sample.slice(1);
    reader = new CsvRowReader(
      op,
      sniffDialect(sample, s.delimiter, s.quoteChar, s.comments),
      input,
    );
    yield* take(reader.push(sample));
  }
  yield* take(reader.end());
}

/**
 * Reads CSV text in batches of `batchSize` rows without holding the whole text:
 * an async iterable of {@link CsvBatch}. Rows are checked as in
 * {@link parseCsv}; because the stream is never seen whole, categorical columns
 * must list their categories, a class target its `classes`, and missing values
 * can only be filled with a number (or dropped).
 *
 * Each iteration reads the source again, so pass a source that can be iterated
 * more than once (a string, an array) or build a new stream per pass, as
 * `streamCsvFile` from `@neurite/datasets/node` does.
 *
 * @param source - text, or chunks of text or UTF-8 bytes
 * @param options - CSV options plus `batchSize`
 * @throws ValueError at once for bad options; CsvError while iterating for bad data
 * @example
 * ```ts
 * for await (const batch of streamCsv(chunks, { batchSize: 1024, target: "label", classes: [0, 1] })) {
 *   // batch.x: [1024, features], batch.y: int32 [1024]
 * }
 * ```
 */
export function streamCsv(source: CsvSource, options: CsvStreamOptions): AsyncIterable<CsvBatch> {
  return streamCsvAs("streamCsv", source, options);
}

/**
 * {@link streamCsv} under another public name (for `streamCsvFile`); `input`
 * names the argument that holds the CSV in error messages.
 */
export function streamCsvAs(
  op: string,
  source: CsvSource | (() => CsvSource),
  options: CsvStreamOptions,
  input = "source",
): AsyncIterable<CsvBatch> {
  const s = readSettings(op, options, CSV_STREAM_OPTIONS);
  const batchSize = checkInt(
    op,
    "options.batchSize",
    (s.options as Partial<CsvStreamOptions>).batchSize,
    1,
  );
  if (s.policy.kind === "fill" && typeof s.policy.strategy !== "number")
    throw new ValueError(
      op,
      "options.missing.fill",
      `${JSON.stringify(s.policy.strategy)} needs the whole column; while streaming, fill with a number or use "drop"`,
    );
  if (
    source == null ||
    (typeof source !== "string" &&
      typeof source !== "function" &&
      !isReadableStream(source) &&
      typeof (source as Iterable<unknown>)[Symbol.iterator] !== "function" &&
      typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] !== "function")
  )
    throw new DTypeError(
      op,
      "source",
      `expected text, an iterable or a ReadableStream, got ${describe(source)}`,
    );
  return {
    [Symbol.asyncIterator]: () =>
      batches(op, typeof source === "function" ? source() : source, s, batchSize, input),
  };
}

async function* batches(
  op: string,
  source: CsvSource,
  s: Settings,
  batchSize: number,
  input: string,
): AsyncGenerator<CsvBatch> {
  const it = records(op, source, s, input);
  const first: RawRow[] = [];
  let next = await it.next();
  while (!next.done && first.length <= HEADER_SAMPLE) {
    first.push(next.value);
    next = await it.next();
  }
  const { plan, headerRow } = planFromRows(op, s, first, input);
  const { features, target } = streamCodings(op, plan, s.policy);
  const enc = encoderFor(op, plan, s, features, target, input);
  const yType = target === null ? null : target.kind === "class" ? "int32" : s.dtype;
  const targetNames =
    target === null ? [] : target.kind === "class" ? [...target.classes] : [target.name];
  let x: TypedArray = allocate(s.dtype, batchSize * enc.width);
  let y: TypedArray | null = yType === null ? null : allocate(yType, batchSize);
  let lines = new Int32Array(batchSize);
  let dropped: number[] = [];
  let n = 0;
  let index = 0;
  const emit = (): CsvBatch => {
    const batch: CsvBatch = {
      x: new Tensor(n === batchSize ? x : x.slice(0, n * enc.width), [n, enc.width]),
      y: y === null ? null : new Tensor(n === batchSize ? y : y.slice(0, n), [n]),
      index: index++,
      lines: n === batchSize ? lines : lines.slice(0, n),
      droppedLines: dropped,
      featureNames: [...enc.featureNames],
      targetNames: [...targetNames],
    };
    x = allocate(s.dtype, batchSize * enc.width);
    y = yType === null ? null : allocate(yType, batchSize);
    lines = new Int32Array(batchSize);
    dropped = [];
    n = 0;
    return batch;
  };
  // A full batch is held back until the next row is kept, so that lines dropped
  // after its last row are reported with it (and no empty batch is ever yielded).
  const handle = (row: RawRow): CsvBatch | null => {
    if (row === headerRow) return null;
    enc.checkWidth(row);
    if (s.policy.kind === "drop" && enc.hasMissing(row)) {
      dropped.push(row.line);
      return null;
    }
    const full = n === batchSize ? emit() : null;
    enc.encode(row, x, n, y);
    lines[n++] = row.line;
    return full;
  };
  for (const row of first) {
    const b = handle(row);
    if (b !== null) yield b;
  }
  while (!next.done) {
    const b = handle(next.value);
    if (b !== null) yield b;
    next = await it.next();
  }
  // Every row dropped: one empty batch, so that the drops are still reported.
  if (n > 0 || (index === 0 && dropped.length > 0)) yield emit();
}
