import {
  DTypeError,
  optionNames,
  Rng,
  ShapeError,
  Tensor,
  type TypedArray,
  ValueError,
} from "@neurite/tensor";
import {
  checkBool,
  checkInt,
  checkOptions,
  checkRng,
  checkSameRows,
  fmtShape,
} from "../internal/check.js";
import { describe } from "../internal/describe.js";
import { allocate, rowSize } from "../internal/rows.js";
import type { Batch } from "./batch.js";
import { baseSeed, epochSeed } from "./seed.js";

/** A chunk of samples from a streamed source, e.g. a {@link CsvBatch}. */
export interface StreamChunk {
  /** Features `[rows, ...]`. */
  readonly x: Tensor;
  /** Targets `[rows, ...]` (a chunk without targets is an error). */
  readonly y: Tensor | null;
}

/** Options of {@link StreamLoader}. */
export interface StreamLoaderOptions {
  /** Samples per batch: a whole number ≥ 1. */
  readonly batchSize: number;
  /** Skip a last batch smaller than `batchSize` (default false). */
  readonly dropLast?: boolean;
  /**
   * Shuffle within a window of this many samples (default 0: stream order).
   * Each incoming sample swaps with a random one of the window, which mixes
   * neighbouring rows; a window as large as the data shuffles it fully.
   */
  readonly shuffleBuffer?: number;
  /** Seed or `Rng` for the shuffle window (default seed 0). */
  readonly seed?: number | Rng;
}

const STREAM_LOADER_OPTIONS = optionNames<StreamLoaderOptions>({
  batchSize: true,
  dropLast: true,
  shuffleBuffer: true,
  seed: true,
});

interface Layout {
  xShape: number[];
  yShape: number[];
  xw: number;
  yw: number;
  xType: Tensor["dtype"];
  yType: Tensor["dtype"];
}

/**
 * Mini-batches from a streamed source (such as `streamCsv` or `streamCsvFile`),
 * for data that does not fit in memory: an async iterable of {@link Batch}es,
 * one epoch per `for await`. Chunks of any size are re-cut into batches of
 * `batchSize`; the number of iterations per epoch is unknown in advance.
 * Every epoch iterates the source again, so the source must be re-iterable
 * (`streamCsv` over a string and `streamCsvFile` are).
 *
 * @example
 * ```ts
 * const source = streamCsvFile("big.csv", { batchSize: 4096, target: "label", classes: [0, 1] });
 * const loader = new StreamLoader(source, { batchSize: 32, shuffleBuffer: 10_000, seed: 1 });
 * for (let e = 0; e < 3; e++) for await (const { x, y, iteration } of loader) { ... }
 * ```
 */
export class StreamLoader implements AsyncIterable<Batch> {
  /** Samples per batch. */
  readonly batchSize: number;
  /** Whether a last, smaller batch is skipped. */
  readonly dropLast: boolean;
  /** Size of the shuffle window (0: no shuffling). */
  readonly shuffleBuffer: number;
  private readonly source: AsyncIterable<StreamChunk> | Iterable<StreamChunk>;
  private readonly seed: number;
  private next = 0;

  /**
   * @param source - an (async) iterable of `{ x, y }` chunks, iterated once per epoch
   * @param options - `batchSize` (required), `dropLast`, `shuffleBuffer`, `seed`
   * @throws ValueError for a batch size below 1 or a bad shuffle window
   */
  constructor(
    source: AsyncIterable<StreamChunk> | Iterable<StreamChunk>,
    options: StreamLoaderOptions,
  ) {
    const op = "StreamLoader";
    if (
      source === null ||
      typeof source !== "object" ||
      (typeof (source as AsyncIterable<StreamChunk>)[Symbol.asyncIterator] !== "function" &&
        typeof (source as Iterable<StreamChunk>)[Symbol.iterator] !== "function")
    )
      throw new DTypeError(
        op,
        "source",
        `expected an iterable or async iterable of { x, y } chunks, got ${describe(source)}`,
      );
    const o = checkOptions(op, options, STREAM_LOADER_OPTIONS);
    if (o.batchSize === undefined)
      throw new ValueError(op, "options.batchSize", "expected a batch size >= 1, got none");
    this.batchSize = checkInt(op, "options.batchSize", o.batchSize, 1);
    this.dropLast = checkBool(op, "options.dropLast", o.dropLast ?? false);
    this.shuffleBuffer = checkInt(op, "options.shuffleBuffer", o.shuffleBuffer ?? 0, 0);
    const seed = o.seed ?? 0;
    if (!(seed instanceof Rng)) checkRng(op, "options.seed", seed);
    this.seed = baseSeed(seed);
    this.source = source;
  }

  /** The epoch the next `for await` will run (0 before the first). */
  get nextEpoch(): number {
    return this.next;
  }

  /** Runs the next epoch. */
  [Symbol.asyncIterator](): AsyncIterator<Batch> {
    return this.epoch(this.next++)[Symbol.asyncIterator]();
  }

  /**
   * The batches of epoch `e` (the shuffle window's randomness depends on the
   * seed and `e`); does not move the `for await` counter.
   */
  epoch(e: number): AsyncIterable<Batch> {
    checkInt("StreamLoader.epoch", "epoch", e, 0);
    return { [Symbol.asyncIterator]: () => this.batches(e) };
  }

  private async *batches(e: number): AsyncGenerator<Batch> {
    const op = "StreamLoader";
    const bs = this.batchSize;
    const cap = this.shuffleBuffer;
    const rng = new Rng(epochSeed(this.seed, e));
    let layout: Layout | null = null;
    let bx: TypedArray | null = null;
    let by: TypedArray | null = null;
    let px: TypedArray | null = null;
    let py: TypedArray | null = null;
    let count = 0;
    let pooled = 0;
    let iteration = 0;
    const ready: Batch[] = [];
    const put = (xs: TypedArray, ys: TypedArray, xo: number, yo: number, l: Layout): void => {
      bx!.set(xs.subarray(xo, xo + l.xw), count * l.xw);
      by!.set(ys.subarray(yo, yo + l.yw), count * l.yw);
      if (++count === bs) {
        ready.push(this.batch(bx!, by!, bs, l, e, iteration++));
        bx = allocate(l.xType, bs * l.xw);
        by = allocate(l.yType, bs * l.yw);
        count = 0;
      }
    };
    let index = 0;
    for await (const chunk of this.source as AsyncIterable<StreamChunk>) {
      const arg = `source chunk ${index++}`;
      if (chunk === null || typeof chunk !== "object" || !(chunk.x instanceof Tensor))
        throw new DTypeError(
          op,
          "source",
          `${arg}: expected { x, y } tensors, got ${describe(chunk)}`,
        );
      if (chunk.y === null || chunk.y === undefined)
        throw new ValueError(
          op,
          "source",
          `${arg} has no targets (y is null); give the source a target column`,
        );
      const rows = checkSameRows(op, chunk.x, chunk.y);
      if (layout === null) {
        layout = {
          xShape: chunk.x.shape.slice(1),
          yShape: chunk.y.shape.slice(1),
          xw: rowSize(chunk.x),
          yw: rowSize(chunk.y),
          xType: chunk.x.dtype,
          yType: chunk.y.dtype,
        };
        bx = allocate(layout.xType, bs * layout.xw);
        by = allocate(layout.yType, bs * layout.yw);
        if (cap > 0) {
          px = allocate(layout.xType, cap * layout.xw);
          py = allocate(layout.yType, cap * layout.yw);
        }
      } else checkLayout(op, arg, layout, chunk.x, chunk.y);
      const l = layout;
      const xs = chunk.x.data;
      const ys = chunk.y.data;
      for (let r = 0; r < rows; r++) {
        if (cap === 0) put(xs, ys, r * l.xw, r * l.yw, l);
        else if (pooled < cap) {
          px!.set(xs.subarray(r * l.xw, (r + 1) * l.xw), pooled * l.xw);
          py!.set(ys.subarray(r * l.yw, (r + 1) * l.yw), pooled * l.yw);
          pooled++;
        } else {
          const j = rng.int(cap);
          put(px!, py!, j * l.xw, j * l.yw, l);
          px!.set(xs.subarray(r * l.xw, (r + 1) * l.xw), j * l.xw);
          py!.set(ys.subarray(r * l.yw, (r + 1) * l.yw), j * l.yw);
        }
      }
      while (ready.length > 0) yield ready.shift()!;
    }
    if (layout === null) return;
    const l = layout;
    for (const j of rng.permutation(pooled)) put(px!, py!, j * l.xw, j * l.yw, l);
    while (ready.length > 0) yield ready.shift()!;
    if (count > 0 && !this.dropLast)
      yield this.batch(
        bx!.slice(0, count * l.xw),
        by!.slice(0, count * l.yw),
        count,
        l,
        e,
        iteration,
      );
  }

  private batch(
    x: TypedArray,
    y: TypedArray,
    rows: number,
    l: Layout,
    epoch: number,
    iteration: number,
  ): Batch {
    return {
      x: new Tensor(x, [rows, ...l.xShape]),
      y: new Tensor(y, [rows, ...l.yShape]),
      epoch,
      iteration,
    };
  }
}

function checkLayout(op: string, arg: string, l: Layout, x: Tensor, y: Tensor): void {
  const same = (a: readonly number[], b: readonly number[]): boolean =>
    a.length === b.length && a.every((v, i) => v === b[i]);
  if (!same(x.shape.slice(1), l.xShape) || x.dtype !== l.xType)
    throw new ShapeError(
      op,
      "source",
      `${arg}: x has shape ${fmtShape(x.shape)} (${x.dtype}), but earlier chunks had rows of ${fmtShape(l.xShape)} (${l.xType})`,
    );
  if (!same(y.shape.slice(1), l.yShape) || y.dtype !== l.yType)
    throw new ShapeError(
      op,
      "source",
      `${arg}: y has shape ${fmtShape(y.shape)} (${y.dtype}), but earlier chunks had rows of ${fmtShape(l.yShape)} (${l.yType})`,
    );
}
