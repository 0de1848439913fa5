import { isGradEnabled, type Variable } from "@neurite/autograd";
import { Dense, losses, type Module, Sequential } from "@neurite/layers";
import { Adam, ReduceLROnPlateau, SGD, StepLR } from "@neurite/optim";
import { Rng, randn, type Tensor, tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  type Callback,
  EarlyStopping,
  fit,
  LearningRateScheduler,
  NonFiniteLossError,
  TerminateOnNaN,
  type TrainContext,
} from "../src/index.js";
import { scriptedMetric, weightValues } from "./helpers.js";

const rng = new Rng(5);
const x = randn([30, 3], rng);
const y = x.matmul(tensor([[1], [-2], [0.5]])).add(0.3);

const small = (seed = 1) =>
  new Sequential([
    new Dense(4, { inputDim: 3, activation: "tanh", seed }),
    new Dense(1, { seed: seed + 1 }),
  ]);

/** The EarlyStopping runs: mse on the data above, batches of 10, silent. */
const fitWith = (model: Module, epochs: number, callbacks: Callback[]) =>
  fit(model, x, y, { loss: "mse", epochs, batchSize: 10, callbacks, verbose: 0 });

describe("EarlyStopping", () => {
  it("stops when the monitored value has not improved for `patience` epochs and restores the best weights", () => {
    const model = small();
    const s = scriptedMetric("score", [1, 0.9, 0.8, 0.85, 0.82, 0.7, 0.6]);
    const stop = new EarlyStopping({ monitor: "score", patience: 2, restoreBestWeights: true });
    const h = fitWith(model, 7, [s, stop]);
    expect(stop.stoppedEpoch).toBe(4);
    expect(stop.bestEpoch).toBe(2);
    expect(stop.best).toBe(0.8);
    expect(h.length).toBe(5);
    expect(h.stoppedEarly).toBe(true);
    expect(h.history.score).toEqual([1, 0.9, 0.8, 0.85, 0.82]);
    expect(weightValues(model)).toEqual(s.weights[2]);
    expect(weightValues(model)).not.toEqual(s.weights[4]);
  });

  it("restores the best weights also when the epochs run out (keras-team/keras#12511)", () => {
    const model = small();
    const s = scriptedMetric("val_accuracy", [0.5, 0.7, 0.9, 0.8, 0.85]);
    const stop = new EarlyStopping({
      monitor: "val_accuracy",
      patience: 3,
      restoreBestWeights: true,
    });
    const h = fitWith(model, 5, [s, stop]);
    expect(h.length).toBe(5);
    expect(h.stoppedEarly).toBe(false);
    expect(stop.stoppedEpoch).toBe(-1);
    expect(stop.bestEpoch).toBe(2); // "auto" maximizes accuracies
    expect(weightValues(model)).toEqual(s.weights[2]);
  });

  it("honours minDelta, mode and startFromEpoch, and keeps the last weights without restoreBestWeights", () => {
    const s = scriptedMetric("score", [1, 0.99, 0.985, 0.98, 0.5]);
    const stop = new EarlyStopping({ monitor: "score", patience: 2, minDelta: 0.05 });
    const model = small();
    fitWith(model, 5, [s, stop]);
    expect(stop.stoppedEpoch).toBe(2); // 0.99 and 0.985 are not better than 1 by more than 0.05
    expect(weightValues(model)).toEqual(s.weights[2]);
    const late = new EarlyStopping({ monitor: "score", patience: 0, startFromEpoch: 3 });
    const s2 = scriptedMetric("score", [1, 2, 3, 4, 5, 6]);
    fitWith(small(), 6, [s2, late]);
    expect(late.stoppedEpoch).toBe(4);
    const max = new EarlyStopping({ monitor: "score", mode: "max", patience: 1 });
    const s3 = scriptedMetric("score", [1, 2, 1.5, 1.7, 3]);
    fitWith(small(), 5, [s3, max]);
    expect(max.stoppedEpoch).toBe(2);
  });

  it("says which keys exist when the monitored one does not", () => {
    expect(() =>
      fit(small(), x, y, { loss: "mse", epochs: 2, callbacks: [new EarlyStopping()], verbose: 0 }),
    ).toThrow(
      /EarlyStopping: argument 'monitor': 'val_loss' is not in the epoch's logs \(they have loss\); validation keys need validationData/,
    );
  });
});

/** A custom loss that turns NaN on the `bad`-th training call (calls under noGrad do not count). */
function nanAt(bad: number) {
  let calls = 0;
  return (yPred: Variable, yTrue: Variable | Tensor) => {
    const l = losses.mse(yPred, yTrue);
    if (!isGradEnabled()) return l;
    return calls++ === bad ? l.mul(Number.NaN) : l;
  };
}

/** Keeps the weights at the start of every batch, by (epoch, iteration). */
function recorder(): Callback & { at: Map<string, Record<string, number[]>> } {
  return {
    at: new Map(),
    onBatchBegin(iteration: number, ctx: TrainContext) {
      this.at.set(`${ctx.epoch}:${iteration}`, weightValues(ctx.model));
    },
  };
}

describe("TerminateOnNaN (on by default)", () => {
  it("throws an error naming the epoch and iteration and restores the weights that gave the last finite loss", () => {
    const model = small();
    const rec = recorder();
    let error: unknown;
    try {
      // 3 batches per epoch: the 8th training call is epoch 2, iteration 1 (0-based)
      fit(model, x, y, { loss: nanAt(7), epochs: 5, batchSize: 10, callbacks: [rec], verbose: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonFiniteLossError);
    const e = error as NonFiniteLossError;
    expect(e.epoch).toBe(2);
    expect(e.iteration).toBe(1);
    expect(e.value).toBeNaN();
    expect(e.restored).toBe("before-previous-step");
    expect(e.message).toMatch(
      /^fit: argument 'loss': the loss became NaN in epoch 3\/5 at iteration 2\/3 \(0-based: epoch 2, iteration 1\); the last finite batch loss was [\d.]+\. Training stopped/,
    );
    expect(weightValues(model)).toEqual(rec.at.get("2:0")); // the weights before the previous update
    expect(model.training).toBe(true);
  });

  it("catches a loss that explodes under a huge learning rate, keeping finite weights", () => {
    const model = small();
    const rec = recorder();
    const opt = new SGD(model.parameters(), { lr: 1e25 });
    let error: NonFiniteLossError | undefined;
    try {
      fit(model, x, y, {
        loss: "mse",
        optimizer: opt,
        epochs: 20,
        batchSize: 10,
        callbacks: [rec],
        verbose: 0,
      });
    } catch (e) {
      error = e as NonFiniteLossError;
    }
    expect(error).toBeInstanceOf(NonFiniteLossError);
    const { epoch, iteration } = error!;
    const prev = iteration > 0 ? `${epoch}:${iteration - 1}` : `${epoch - 1}:2`;
    expect(weightValues(model)).toEqual(rec.at.get(prev));
    for (const t of Object.values(model.stateDict()))
      for (const v of t.data) expect(Number.isFinite(v)).toBe(true);
    expect(error!.message).toMatch(/lower learning rate/);
  });

  it("blames the data when the batch holds NaN, keeping the weights from just before that batch", () => {
    const bad = x.clone();
    bad.data[3 * 14 + 1] = Number.NaN; // sample 14: the second batch of 10, unshuffled
    const model = small();
    const rec = recorder();
    expect(() =>
      fit(model, bad, y, {
        loss: "mse",
        epochs: 2,
        batchSize: 10,
        shuffle: false,
        callbacks: [rec],
        verbose: 0,
        checkFinite: false, // let the bad batch reach the guard
      }),
    ).toThrow(
      /epoch 1\/2 at iteration 2\/3.*restored to the ones before this batch.*x or y holds NaN or infinite values/,
    );
    expect(weightValues(model)).toEqual(rec.at.get("0:1"));
  });

  it("can be turned off, or told to stop without an error", () => {
    const h = fit(small(), x, y, {
      loss: nanAt(4),
      epochs: 3,
      batchSize: 10,
      terminateOnNaN: false,
      verbose: 0,
    });
    expect(h.length).toBe(3);
    expect(h.history.loss![1]).toBeNaN();
    const quiet = new TerminateOnNaN({ throwError: false });
    const h2 = fit(small(), x, y, {
      loss: nanAt(4),
      epochs: 3,
      batchSize: 10,
      callbacks: [quiet],
      verbose: 0,
    });
    expect(h2.length).toBe(2);
    expect(h2.stoppedEarly).toBe(true);
    expect(Number.isFinite(h2.history.loss![1])).toBe(true); // the epoch's batches before the bad one
  });
});

describe("LearningRateScheduler", () => {
  /** Records the learning rate in force during each epoch. */
  const lrProbe = (): Callback & { lrs: number[] } => ({
    lrs: [],
    onBatchBegin(iteration, ctx) {
      if (iteration === 0) this.lrs.push(ctx.optimizer.paramGroups[0]!.lr);
    },
  });

  it("sets the rate per epoch from a function (epoch, lr) and logs it as learning_rate", () => {
    const probe = lrProbe();
    const sched = new LearningRateScheduler((epoch, lr) => (epoch === 0 ? 0.1 : lr / 2));
    const h = fit(small(), x, y, {
      loss: "mse",
      optimizer: "sgd",
      epochs: 4,
      batchSize: 10,
      callbacks: [sched, probe],
      verbose: 0,
    });
    expect(probe.lrs).toEqual([0.1, 0.05, 0.025, 0.0125]);
    expect(h.history.learning_rate).toEqual([0.1, 0.05, 0.025, 0.0125]);
  });

  it("drives an optim scheduler (stepped after each epoch) and ReduceLROnPlateau", () => {
    const model = small();
    const opt = new Adam(model.parameters(), { lr: 0.08 });
    const probe = lrProbe();
    fit(model, x, y, {
      loss: "mse",
      optimizer: opt,
      epochs: 4,
      batchSize: 10,
      callbacks: [new LearningRateScheduler(new StepLR(opt, { stepSize: 1, gamma: 0.5 })), probe],
      verbose: 0,
    });
    expect(probe.lrs).toEqual([0.08, 0.04, 0.02, 0.01]);

    const m2 = small();
    const opt2 = new SGD(m2.parameters(), { lr: 0.01 });
    const plateau = new ReduceLROnPlateau(opt2, { factor: 0.5, patience: 0 });
    const s = scriptedMetric("score", [3, 2, 2.5, 2.6, 1]);
    const probe2 = lrProbe();
    fit(m2, x, y, {
      loss: "mse",
      optimizer: opt2,
      epochs: 5,
      batchSize: 10,
      callbacks: [s, new LearningRateScheduler(plateau, { monitor: "score" }), probe2],
      verbose: 0,
    });
    expect(probe2.lrs).toEqual([0.01, 0.01, 0.01, 0.005, 0.0025]);
  });

  it("refuses a scheduler built for another optimizer", () => {
    const other = new SGD(small(7).parameters(), { lr: 0.1 });
    expect(() =>
      fit(small(), x, y, {
        loss: "mse",
        callbacks: [new LearningRateScheduler(new StepLR(other, { stepSize: 1 }))],
        verbose: 0,
      }),
    ).toThrow(/drives another optimizer than the one fit uses/);
  });
});

describe("callbacks in general", () => {
  it("receive every hook in order, with iteration counts and logs", () => {
    const events: string[] = [];
    const cb: Callback = {
      onTrainBegin: (ctx) => {
        events.push(`train ${ctx.params.epochs}x${ctx.params.iterationsPerEpoch}`);
      },
      onEpochBegin: (e) => {
        events.push(`epoch ${e}`);
      },
      onBatchBegin: (i) => {
        events.push(`b${i}`);
      },
      onBatchEnd: (i, logs) => {
        events.push(`e${i}:${logs.size}`);
      },
      onEpochEnd: (e, logs) => {
        events.push(`end ${e} ${Object.keys(logs).join(",")}`);
      },
      onTrainEnd: () => {
        events.push("done");
      },
    };
    fit(small(), x, y, {
      loss: "mse",
      metrics: ["mae"],
      epochs: 2,
      batchSize: 12,
      validationSplit: 0.2,
      callbacks: [cb],
      verbose: 0,
    });
    expect(events).toEqual([
      "train 2x2",
      "epoch 0",
      "b0",
      "e0:12",
      "b1",
      "e1:12",
      "end 0 loss,mae,val_loss,val_mae",
      "epoch 1",
      "b0",
      "e0:12",
      "b1",
      "e1:12",
      "end 1 loss,mae,val_loss,val_mae",
      "done",
    ]);
  });

  it("batch logs carry the running, batch-size-weighted loss of the epoch", () => {
    const seen: { loss: number; batchLoss: number; size: number }[] = [];
    const h = fit(small(), x, y, {
      loss: "mse",
      epochs: 1,
      batchSize: 12,
      callbacks: [{ onBatchEnd: (_i, logs) => void seen.push({ ...logs }) }],
      verbose: 0,
    });
    expect(seen.map((s) => s.size)).toEqual([12, 12, 6]);
    const weighted =
      (seen[0]!.batchLoss * 12 + seen[1]!.batchLoss * 12 + seen[2]!.batchLoss * 6) / 30;
    expect(seen[2]!.loss).toBeCloseTo(weighted, 12);
    expect(h.history.loss![0]).toBe(seen[2]!.loss);
  });

  it('stop training by returning "stop" or setting context.stopTraining', () => {
    const h = fit(small(), x, y, {
      loss: "mse",
      epochs: 10,
      batchSize: 10,
      callbacks: [{ onEpochEnd: (e) => (e === 1 ? "stop" : undefined) }],
      verbose: 0,
    });
    expect(h.length).toBe(2);
    expect(h.stoppedEarly).toBe(true);
    let batches = 0;
    const h2 = fit(small(), x, y, {
      loss: "mse",
      epochs: 10,
      batchSize: 10,
      callbacks: [
        {
          onBatchEnd: (i, _logs, ctx) => {
            batches++;
            if (ctx.epoch === 1 && i === 1) ctx.stopTraining = true;
          },
        },
      ],
      verbose: 0,
    });
    expect(batches).toBe(5);
    expect(h2.length).toBe(2); // the interrupted epoch is still closed and logged
  });

  it("fit refuses hooks that return a Promise and tells to use fitAsync; onTrainAbort runs on errors", () => {
    let aborted: unknown;
    expect(() =>
      fit(small(), x, y, {
        loss: "mse",
        epochs: 2,
        callbacks: [{ onEpochEnd: async () => {}, onTrainAbort: (e) => void (aborted = e) }],
        verbose: 0,
      }),
    ).toThrow(/fit: argument 'callbacks': callback.onEpochEnd returned a Promise.*Use fitAsync/);
    expect(aborted).toBeInstanceOf(Error);
  });

  it("a hook that throws stops training with its error and modes are restored", () => {
    const model = small();
    model.eval();
    expect(() =>
      fit(model, x, y, {
        loss: "mse",
        epochs: 3,
        callbacks: [
          {
            onBatchEnd: () => {
              throw new Error("boom");
            },
          },
        ],
        verbose: 0,
      }),
    ).toThrow("boom");
    expect(model.training).toBe(false);
  });
});
