import { optionNames, Rng, Tensor, type TypedArray, ValueError } from "@neurite/tensor";
import { checkBool, checkInt, checkOptions, checkRng, checkSameRows } from "../internal/check.js";
import { allocate, copyRows, rowSize } from "../internal/rows.js";
import type { DataLoaderBatch } from "./batch.js";
import { baseSeed, epochSeed } from "./seed.js";

/** Options of {@link DataLoader}. */
export interface DataLoaderOptions {
  /** Samples per batch: a whole number ≥ 1. */
  readonly batchSize: number;
  /** Visit the samples in a new random order every epoch (default false). */
  readonly shuffle?: boolean;
  /** Seed or `Rng` for the shuffles (default seed 0). Epoch `e`'s order depends only on it and `e`. */
  readonly seed?: number | Rng;
  /** Skip the last batch when it would be smaller than `batchSize` (default false). */
  readonly dropLast?: boolean;
  /**
   * Let shuffled batches share two preallocated buffers instead of allocating
   * each batch (default false). Only safe when a batch is no longer used once
   * the batch after next is requested, as in a training loop.
   */
  readonly reuseBuffers?: boolean;
}

const DATA_LOADER_OPTIONS = optionNames<DataLoaderOptions>({
  batchSize: true,
  shuffle: true,
  seed: true,
  dropLast: true,
  reuseBuffers: true,
});

interface Buffers {
  x: TypedArray;
  y: TypedArray;
}

/**
 * Iterates over `(x, y)` in mini-batches, one epoch per `for...of`.
 *
 * The book's three terms, concretely: `batchSize` samples make one batch; one
 * **iteration** processes one batch (one weight update); one **epoch** visits
 * every sample once, in `iterationsPerEpoch` iterations: ⌈n / batchSize⌉, or
 * ⌊n / batchSize⌋ with `dropLast`. Wine's 133 training samples in batches of 5
 * take 27 iterations per epoch (26 batches of 5 and one of 3), so 30 epochs
 * make 810 weight updates.
 *
 * Each `for...of` (sync or `for await`) runs the next epoch: 0, 1, 2, … even if
 * the previous loop stopped early; `epoch(e)` runs a given epoch. With
 * `shuffle`, epoch `e`'s order is a permutation that depends only on the seed
 * and `e`, so runs repeat bit for bit.
 *
 * Memory: without `shuffle`, batches are views of `x` and `y` (no copy; treat
 * them as read-only). With `shuffle`, rows are gathered into new tensors, or
 * into two alternating reused buffers with `reuseBuffers: true` — then a batch's
 * tensors are overwritten two batches later, so copy anything you keep longer.
 *
 * @example
 * ```ts
 * const loader = new DataLoader(xTrain, yTrain, { batchSize: 5, shuffle: true, seed: 0 });
 * loader.iterationsPerEpoch; // 27 for 133 samples
 * for (let e = 0; e < 30; e++) {
 *   for (const { x, y, iteration } of loader) {
 *     // one weight update per batch
 *   }
 * }
 * ```
 */
export class DataLoader implements Iterable<DataLoaderBatch>, AsyncIterable<DataLoaderBatch> {
  /** Number of samples. */
  readonly length: number;
  /** Samples per batch. */
  readonly batchSize: number;
  /** Whether each epoch visits the samples in a new random order. */
  readonly shuffle: boolean;
  /** Whether a last, smaller batch is skipped. */
  readonly dropLast: boolean;
  /** Whether shuffled batches reuse two buffers. */
  readonly reuseBuffers: boolean;
  /** Batches per epoch: ⌈length / batchSize⌉, or ⌊length / batchSize⌋ with `dropLast`. */
  readonly iterationsPerEpoch: number;
  private readonly x: Tensor;
  private readonly y: Tensor;
  private readonly seed: number;
  private next = 0;
  private buffers: Buffers[] = [];
  private flip = 0;

  /**
   * @param x - features, `[n, ...]`
   * @param y - targets, `[n, ...]`
   * @param options - `batchSize` (required), `shuffle`, `seed`, `dropLast`, `reuseBuffers`
   * @throws ShapeError when x and y have different lengths; ValueError for a batch size of 0,
   *   no samples, or a batch size larger than the data with `dropLast`
   */
  constructor(x: Tensor, y: Tensor, options: DataLoaderOptions) {
    const op = "DataLoader";
    const n = checkSameRows(op, x, y);
    const o = checkOptions(op, options, DATA_LOADER_OPTIONS);
    if (o.batchSize === undefined)
      throw new ValueError(op, "options.batchSize", "expected a batch size >= 1, got none");
    this.batchSize = checkInt(op, "options.batchSize", o.batchSize, 1);
    this.shuffle = checkBool(op, "options.shuffle", o.shuffle ?? false);
    this.dropLast = checkBool(op, "options.dropLast", o.dropLast ?? false);
    this.reuseBuffers = checkBool(op, "options.reuseBuffers", o.reuseBuffers ?? false);
    const seed = o.seed ?? 0;
    if (!(seed instanceof Rng)) checkRng(op, "options.seed", seed);
    this.seed = baseSeed(seed);
    if (n === 0) throw new ValueError(op, "x", "expected at least one sample, got 0");
    if (this.dropLast && this.batchSize > n)
      throw new ValueError(
        op,
        "options.batchSize",
        `batch size ${this.batchSize} is larger than the ${n} samples, so dropLast would leave no batch at all`,
      );
    this.length = n;
    this.x = x;
    this.y = y;
    this.iterationsPerEpoch = this.dropLast
      ? Math.floor(n / this.batchSize)
      : Math.ceil(n / this.batchSize);
  }

  /** The epoch the next `for...of` will run (0 before the first). */
  get nextEpoch(): number {
    return this.next;
  }

  /**
   * The order in which epoch `e` visits the samples: `0..n-1`, or with
   * `shuffle` a permutation determined by the seed and `e`.
   * @throws ValueError for a negative or non-integer epoch
   */
  order(e: number): Int32Array {
    checkInt("DataLoader.order", "epoch", e, 0);
    if (!this.shuffle) return Int32Array.from({ length: this.length }, (_, i) => i);
    return new Rng(epochSeed(this.seed, e)).permutation(this.length);
  }

  /**
   * The batches of epoch `e` (does not move the `for...of` counter).
   * @throws ValueError for a negative or non-integer epoch
   */
  epoch(e: number): IterableIterator<DataLoaderBatch> {
    checkInt("DataLoader.epoch", "epoch", e, 0);
    return this.batches(e);
  }

  /** Runs the next epoch. */
  [Symbol.iterator](): IterableIterator<DataLoaderBatch> {
    return this.batches(this.next++);
  }

  /** Runs the next epoch, for `for await` loops that also take streamed loaders. */
  async *[Symbol.asyncIterator](): AsyncIterableIterator<DataLoaderBatch> {
    yield* this.batches(this.next++);
  }

  private *batches(e: number): IterableIterator<DataLoaderBatch> {
    const order = this.order(e);
    const n = this.length;
    const bs = this.batchSize;
    for (let it = 0; it < this.iterationsPerEpoch; it++) {
      const start = it * bs;
      const end = Math.min(start + bs, n);
      const indices = order.subarray(start, end);
      yield {
        x: this.take(this.x, indices, start, end, "x"),
        y: this.take(this.y, indices, start, end, "y"),
        epoch: e,
        iteration: it,
        step: e * this.iterationsPerEpoch + it,
        indices,
      };
    }
  }

  private take(
    t: Tensor,
    indices: Int32Array,
    start: number,
    end: number,
    which: "x" | "y",
  ): Tensor {
    const w = rowSize(t);
    const rows = end - start;
    const shape = [rows, ...t.shape.slice(1)];
    if (!this.shuffle) return new Tensor(t.data.subarray(start * w, end * w), shape);
    let out: TypedArray;
    if (this.reuseBuffers) {
      if (which === "x") this.flip ^= 1;
      const key = this.flip * 2 + (rows === this.batchSize ? 0 : 1);
      let b = this.buffers[key];
      if (b === undefined || b.x.length !== rows * rowSize(this.x)) {
        b = {
          x: allocate(this.x.dtype, rows * rowSize(this.x)),
          y: allocate(this.y.dtype, rows * rowSize(this.y)),
        };
        this.buffers[key] = b;
      }
      out = b[which];
    } else out = allocate(t.dtype, rows * w);
    copyRows(t, indices, 0, rows, out);
    return new Tensor(out, shape);
  }
}
