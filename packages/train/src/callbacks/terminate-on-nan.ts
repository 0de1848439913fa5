import { noGrad } from "@neurite/autograd";
import { type Module, Sequential } from "@neurite/layers";
import { brand, checkOptions, optionNames, type Tensor } from "@neurite/tensor";
import { NonFiniteLossError } from "../errors.js";
import { allFinite } from "../internal/finite.js";
import { StateSnapshot, stateTensors } from "../internal/snapshot.js";
import type { Callback, TrainContext } from "./callback.js";

/** Options of {@link TerminateOnNaN}. */
export interface TerminateOnNaNOptions {
  /**
   * Throw a {@link NonFiniteLossError} (default true). With false, training
   * just stops, as Keras's callback does; the weights are restored either way
   * unless `restoreWeights` is false.
   */
  throwError?: boolean;
  /** Put back the last weights that gave a finite loss (default true). */
  restoreWeights?: boolean;
}

const TERMINATE_ON_NAN_OPTIONS = optionNames<TerminateOnNaNOptions>({
  throwError: true,
  restoreWeights: true,
});

function firstBadLayer(model: Module, x: Tensor): string | undefined {
  if (!(model instanceof Sequential)) return undefined;
  try {
    return model.withMode(false, () =>
      noGrad(() => {
        let h = x;
        for (const [i, layer] of model.layers.entries()) {
          h = layer.call(h).value;
          if (!allFinite(h.data)) return `layer ${i} (${layer.name ?? layer.className})`;
        }
        return undefined;
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * Stops training when the loss becomes NaN or infinite, or when an update
 * leaves NaN or infinite values in the weights or buffers (a non-finite
 * gradient, or BatchNorm statistics of bad data, even while the loss stays
 * finite), with an error that names the epoch and iteration, and puts back
 * the last good weights. `fit` adds one by default (turn it off with
 * `terminateOnNaN: false`).
 *
 * How "the last good weights" are found: the state (parameters and buffers
 * such as BatchNorm's running statistics) is copied before every batch into
 * two alternating preallocated buffers. The loop checks each batch's loss
 * before its backward pass, so a bad batch is never applied. When the batch's
 * data is finite, the update before it is what broke the model, so the state
 * from before that update (the one that gave the last finite loss) comes
 * back; when the data holds NaN or infinities, the state from just before
 * this batch does. After every step one pass over the parameters and buffers
 * checks that they are still finite (a non-finite gradient always shows up
 * there, since every optimizer moves each weight by its gradient); when they
 * are not, the state from just before the batch comes back. The optimizer's
 * state is not rolled back.
 */
export class TerminateOnNaN implements Callback {
  static {
    // instanceof holds across copies of the package (ESM and CJS builds in one app).
    // biome-ignore lint/complexity/noThisInStatic: naming the class would make esbuild rename it (_TerminateOnNaN)
    brand(this, "TerminateOnNaN");
  }

  /** Whether a {@link NonFiniteLossError} is thrown. */
  readonly throwError: boolean;
  /** Whether weights are restored. */
  readonly restoreWeights: boolean;
  private readonly snaps = [new StateSnapshot(), new StateSnapshot()];
  private current = 0;
  private lastFinite: number | undefined;

  /** @param options - see {@link TerminateOnNaNOptions} */
  constructor(options: TerminateOnNaNOptions = {}) {
    checkOptions("TerminateOnNaN", options, TERMINATE_ON_NAN_OPTIONS);
    this.throwError = options.throwError ?? true;
    this.restoreWeights = options.restoreWeights ?? true;
  }

  onTrainBegin(context: TrainContext): void {
    this.lastFinite = undefined;
    for (const s of this.snaps) {
      s.track(context.model);
      s.saved = false;
    }
  }

  onEpochBegin(_epoch: number, context: TrainContext): void {
    for (const s of this.snaps) s.track(context.model);
  }

  onBatchBegin(_iteration: number, _context: TrainContext): void {
    if (!this.restoreWeights) return;
    this.current ^= 1;
    this.snaps[this.current]!.save();
  }

  onBatchEnd(_iteration: number, logs: { batchLoss: number }): void {
    this.lastFinite = logs.batchLoss;
  }

  /**
   * Called by the loop after each optimizer step: when any parameter or
   * buffer holds NaN or an infinity, restores the weights from before the
   * batch, then throws or stops training.
   * @returns true when the weights are all finite
   * @internal
   */
  checkWeights(op: string, loss: number, context: TrainContext): boolean {
    if (this.snaps[0]!.firstNonFiniteTensor() < 0) return true;
    const { params } = context;
    const { badData, nonFiniteParameters } = diagnose(context);
    const now = this.snaps[this.current]!;
    const restore = this.restoreWeights && now.saved;
    if (restore) now.restore();
    context.stopTraining = true;
    if (!this.throwError) return false;
    throw new NonFiniteLossError(op, {
      source: "weights",
      epoch: context.epoch,
      iteration: context.iteration,
      epochs: params.epochs,
      iterationsPerEpoch: params.iterationsPerEpoch,
      value: loss,
      lastFiniteLoss: this.lastFinite,
      restored: restore ? "before-this-batch" : "none",
      nonFiniteParameters,
      badData,
      firstBadLayer: undefined,
    });
  }

  /**
   * Called by the loop with a batch loss that is not finite, before its
   * backward pass. Restores weights, then throws or stops training.
   * @internal
   */
  onNonFiniteLoss(op: string, value: number, context: TrainContext): void {
    const { model, params } = context;
    const batch = context.batch;
    const { badData, nonFiniteParameters } = diagnose(context);
    const layer = !badData && batch !== undefined ? firstBadLayer(model, batch.x) : undefined;
    let restored: "before-previous-step" | "before-this-batch" | "none" = "none";
    if (this.restoreWeights) {
      const now = this.snaps[this.current]!;
      const before = this.snaps[this.current ^ 1]!;
      if (!badData && before.saved) {
        before.restore();
        restored = "before-previous-step";
      } else if (now.saved) {
        now.restore();
        restored = "before-this-batch";
      }
    }
    context.stopTraining = true;
    if (!this.throwError) return;
    throw new NonFiniteLossError(op, {
      source: "loss",
      epoch: context.epoch,
      iteration: context.iteration,
      epochs: params.epochs,
      iterationsPerEpoch: params.iterationsPerEpoch,
      value,
      lastFiniteLoss: this.lastFinite,
      restored,
      nonFiniteParameters,
      badData,
      firstBadLayer: layer,
    });
  }
}

/** What a non-finite loss or weight report says of the batch and the weights. */
function diagnose(context: TrainContext): { badData: boolean; nonFiniteParameters: string[] } {
  const batch = context.batch;
  return {
    badData: batch !== undefined && !(allFinite(batch.x.data) && allFinite(batch.y.data)),
    nonFiniteParameters: stateTensors(context.model)
      .filter(([, t]) => !allFinite(t.data))
      .map(([n]) => n),
  };
}
