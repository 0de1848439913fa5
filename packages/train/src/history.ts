import { ValueError } from "@neurite/tensor";

/** Numbers by key: `{ loss: 0.41, accuracy: 0.88, val_loss: 0.45, val_accuracy: 0.86 }`. */
export type Logs = Record<string, number>;

/** What a training run was asked to do, as {@link History.params} and callbacks see it. */
export interface TrainParams {
  /** The epoch count the run goes up to (exclusive upper bound of the epoch index). */
  epochs: number;
  /** The first epoch index (0 unless resuming with `initialEpoch`). */
  initialEpoch: number;
  /** Mini-batches per epoch: weight updates per epoch. */
  iterationsPerEpoch: number;
  /** Training samples per epoch. */
  samples: number;
  /** Samples per batch (the last batch of an epoch may be smaller). */
  batchSize: number;
  /** Validation samples (0 without validation). */
  validationSamples: number;
  /** The keys every epoch's logs will hold, in order: `loss`, metrics, `val_loss`, `val_` metrics. */
  keys: string[];
}

/**
 * What `fit` returns: the loss and every metric per epoch, training and
 * validation, under Keras's key names (`loss`, `accuracy`, `val_loss`,
 * `val_accuracy`, ...), plus the run's parameters such as the number of
 * iterations per epoch.
 *
 * @example
 * ```ts
 * const history = fit(model, x, y, { loss: "categoricalCrossEntropy", metrics: ["accuracy"], epochs: 30, batchSize: 5 });
 * history.history.loss;        // 30 numbers, one per epoch
 * history.iterationsPerEpoch;  // 27 for wine's 133 training samples
 * history.last("val_accuracy");
 * ```
 */
export class History {
  /** The epoch index of each recorded entry (0-based, as in Keras's `history.epoch`). */
  readonly epoch: number[] = [];
  /** One array per key, one value per recorded epoch. */
  readonly history: Record<string, number[]> = {};
  /** The run's parameters. */
  readonly params: TrainParams;
  /** True when a callback stopped training before the last epoch. */
  stoppedEarly = false;

  /** @param params - the run's parameters */
  constructor(params: TrainParams) {
    this.params = params;
    for (const k of params.keys) this.history[k] = [];
  }

  /** Mini-batches (weight updates) per epoch. */
  get iterationsPerEpoch(): number {
    return this.params.iterationsPerEpoch;
  }

  /** Number of epochs recorded. */
  get length(): number {
    return this.epoch.length;
  }

  /** The keys, in order (`loss`, metrics, then `val_` keys, then any added by callbacks). */
  get keys(): string[] {
    return Object.keys(this.history);
  }

  /**
   * Appends one epoch. Keys not seen before get an array padded with NaN for
   * the earlier epochs; known keys missing from `logs` get NaN.
   */
  record(epoch: number, logs: Logs): void {
    const n = this.epoch.length;
    for (const k of Object.keys(logs))
      if (!(k in this.history)) this.history[k] = new Array<number>(n).fill(Number.NaN);
    for (const [k, values] of Object.entries(this.history)) values.push(logs[k] ?? Number.NaN);
    this.epoch.push(epoch);
  }

  /** The values of `key`, one per epoch. @throws ValueError for an unknown key */
  get(key: string): number[] {
    const v = this.history[key];
    if (v === undefined)
      throw new ValueError(
        "History.get",
        "key",
        `no key '${key}' (known: ${this.keys.join(", ") || "none"})`,
      );
    return v;
  }

  /** The last epoch's value of `key` (default `loss`). */
  last(key = "loss"): number {
    const v = this.get(key);
    return v.length === 0 ? Number.NaN : v[v.length - 1]!;
  }

  /** One object per epoch, `{ epoch, loss, accuracy, ... }`: the shape charting libraries want. */
  toRows(): ({ epoch: number } & Logs)[] {
    return this.epoch.map((epoch, i) => {
      const row: { epoch: number } & Logs = { epoch };
      for (const [k, v] of Object.entries(this.history)) row[k] = v[i]!;
      return row;
    });
  }

  /** Plain data: `{ epoch, history, params }` (NaN becomes null in JSON). */
  toJSON(): { epoch: number[]; history: Record<string, number[]>; params: TrainParams } {
    return { epoch: this.epoch.slice(), history: { ...this.history }, params: this.params };
  }
}
