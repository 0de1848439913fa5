import type { Tensor } from "@neurite/tensor";

/**
 * One mini-batch: the samples of one weight update.
 * `epoch` counts passes over the data and `iteration` counts batches within
 * the epoch, both from 0.
 */
export interface Batch {
  /** Features of the batch, `[batchSize, ...]` (the last batch may be smaller). */
  readonly x: Tensor;
  /** Targets of the batch, `[batchSize, ...]`. */
  readonly y: Tensor;
  /** The epoch this batch belongs to, from 0. */
  readonly epoch: number;
  /** Index of the batch within its epoch, from 0. */
  readonly iteration: number;
}

/** A batch of a {@link DataLoader}, which also knows which rows it holds. */
export interface DataLoaderBatch extends Batch {
  /**
   * Row indices of `x`/`y` in this batch, in batch order. A view of the epoch's
   * order: do not modify it.
   */
  readonly indices: Int32Array;
  /** `epoch * iterationsPerEpoch + iteration`: the number of weight updates before this batch. */
  readonly step: number;
}
