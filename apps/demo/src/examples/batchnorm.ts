/**
 * What batch normalization changes (BOOK.md item 6): the book's wine network
 * trained twice on the same data from the same seed, once with its BatchNorm
 * layer and once without, their loss curves side by side on one scale.
 */
import { losses } from "@neurite/layers";
import { historyComparisonChart } from "@neurite/plot";
import { duration, heading, num, percent, table } from "../format.js";
import { Report } from "../report.js";
import type { ExampleOptions, ExampleResult } from "../types.js";
import { loadBookData, wineModel } from "./book.js";
import { rerunCommand, resolveOptions } from "./common.js";
import { trainAndEvaluate } from "./training.js";

/** One of the two runs. */
export interface BatchNormRun {
  /** Per-epoch `loss`, `accuracy`, `val_loss`, `val_accuracy`. */
  history: Record<string, number[]>;
  /** Final train and test loss and accuracy (eval mode). */
  train: { loss: number; accuracy: number };
  /** Final test loss and accuracy. */
  test: { loss: number; accuracy: number };
  /** Training time in milliseconds. */
  timeMs: number;
}

/** What {@link run} returns. */
export interface BatchNormResult extends ExampleResult {
  /** The run with the BatchNorm layer. */
  withBatchNorm: BatchNormRun;
  /** The run without it. */
  withoutBatchNorm: BatchNormRun;
}

/** Softmax + categorical cross-entropy on logits, as one stable op. */
const LOSS = losses.get("categorical_crossentropy", { fromLogits: true });

const LABELS = { with: "with BatchNorm", without: "without BatchNorm" } as const;

/** Runs the example: two trainings, a table and the loss (and accuracy) chart. */
export async function run(options: ExampleOptions = {}): Promise<BatchNormResult> {
  const o = resolveOptions(options, { epochs: 30, batchSize: 5 });
  const { say } = o;
  const data = loadBookData("wine", o.scale);
  say(heading("Batch normalization: the wine network with and without it"));
  say(
    `data: wine, the book's split (${data.xTrain.shape[0]} train, ${data.xTest.shape[0]} test), ${o.scale ? "standardized" : "raw"} features`,
  );
  say("A: Dense(20) → BatchNorm → ReLU → Dense(3) → softmax   (the book's network)");
  say("B: Dense(20) → ReLU → Dense(3) → softmax                (the same without BatchNorm)");
  say(
    `Both start from the same Dense weights (seed ${o.seed}) and see the same batches in the same order;`,
  );
  say(
    `categorical cross-entropy, Adam (Keras defaults), ${o.epochs} epochs, batch size ${o.batchSize}.`,
  );
  say(
    "The loss is computed from the logits, softmax and cross-entropy fused, as Keras does for a softmax",
  );
  say(
    "output: on probabilities clamped to [1e-7, 1 − 1e-7], B's saturated softmax would get no gradient at all.",
  );

  const runs = {} as Record<"with" | "without", BatchNormRun>;
  for (const variant of ["with", "without"] as const) {
    say(`\n${LABELS[variant]}:`);
    // The softmax is folded into the loss (see above); accuracy is the same on logits.
    const model = wineModel(o.seed, {
      batchNorm: variant === "with",
      softmax: false,
      bnMomentum: o.bnMomentum,
    });
    const { history, timeMs, train, test } = trainAndEvaluate(model, data, o, LOSS, ["accuracy"]);
    runs[variant] = {
      history: history.history,
      train: { loss: train.loss!, accuracy: train.accuracy! },
      test: { loss: test.loss!, accuracy: test.accuracy! },
      timeMs,
    };
  }
  const first = (r: BatchNormRun) => r.history.loss![0]!;
  say(`\nTraining time: ${duration(runs.with.timeMs + runs.without.timeMs)} for both runs`);
  say(
    table(
      ["", "loss, epoch 1", "train loss", "test loss", "train acc.", "test acc."],
      (["with", "without"] as const).map((v) => [
        LABELS[v],
        num(first(runs[v])),
        num(runs[v].train.loss),
        num(runs[v].test.loss),
        percent(runs[v].train.accuracy),
        percent(runs[v].test.accuracy),
      ]),
    ),
  );
  const w = runs.with;
  const wo = runs.without;
  say(
    `\nFirst epoch: mean training loss ${num(first(w))} with BatchNorm, ${num(first(wo))} without (${(first(wo) / first(w)).toFixed(1)}× higher).`,
  );
  say(
    o.scale
      ? "With standardized inputs the first layer already sees centred features of unit variance, so BatchNorm has less to fix."
      : "On raw features (proline runs to 1680 while hue stays near 1) the first layer's outputs have wildly different\nscales; BatchNorm rescales them to mean 0 and variance 1 in every batch, so the layers after it learn from the\nfirst batches on, while without it the first epochs are spent undoing huge logits.",
  );
  say(
    `After ${o.epochs} epochs (eval mode): test accuracy ${percent(w.test.accuracy)} with BatchNorm, ${percent(wo.test.accuracy)} without.\nIn eval mode BatchNorm uses its moving averages (momentum ${o.bnMomentum}); on raw features they lag behind the\ndrifting first layer, so the BatchNorm network's test numbers swing from epoch to epoch (see the test curves).`,
  );

  const report = new Report(o.out, {
    example: "batchnorm",
    title: "What batch normalization changes",
    book: [6],
    lead: `The book's wine network trained twice from the same initial Dense weights on the same batches: with its BatchNorm layer and without it (${o.scale ? "standardized" : "raw"} features, ${o.epochs} epochs, batch size ${o.batchSize}). The loss is computed from the logits (fused softmax and cross-entropy), as Keras does for a softmax output.`,
    command: rerunCommand("batchnorm", o, { scale: true }),
  });
  // One panel per network on a shared scale: colour keeps one meaning (train blue, test orange).
  const networks = { [LABELS.without]: runs.without.history, [LABELS.with]: runs.with.history };
  const curves = { trainLabel: "train", validationLabel: "test" };
  const sub = `wine, ${o.scale ? "standardized" : "raw"} features, seed ${o.seed}; same initial weights, same batches`;
  report.chart(
    "loss",
    historyComparisonChart(networks, {
      ...curves,
      metric: "loss",
      title: "Loss per epoch, without and with batch normalization",
      subtitle: sub,
      yLabel: "categorical cross-entropy (log scale)",
      logY: true,
    }),
    "Loss with and without BatchNorm",
    "Both networks start from the same weights and see the same batches; only the BatchNorm layer differs. One vertical scale for both panels, logarithmic: without BatchNorm the raw features (proline up to 1680) give logits in the hundreds and a first-epoch loss far above the other's.",
  );
  report.chart(
    "accuracy",
    historyComparisonChart(networks, {
      ...curves,
      metric: "accuracy",
      title: "Accuracy per epoch, without and with batch normalization",
      subtitle: sub,
      yDomain: [0, 1],
    }),
    "Accuracy with and without BatchNorm",
    "The test curve of the BatchNorm network uses its moving statistics (eval mode).",
  );
  const files = report.finish(
    (["with", "without"] as const).map((v) => [
      LABELS[v],
      `test accuracy ${percent(runs[v].test.accuracy)}, test loss ${num(runs[v].test.loss)}`,
    ]),
  );
  say(`\nCharts and report: ${report.dir}`);

  return {
    example: "batchnorm",
    seed: o.seed,
    epochs: o.epochs,
    batchSize: o.batchSize,
    iterationsPerEpoch: Math.ceil(data.xTrain.shape[0]! / o.batchSize),
    samples: { train: data.xTrain.shape[0]!, test: data.xTest.shape[0]! },
    trainingTimeMs: runs.with.timeMs + runs.without.timeMs,
    metrics: {
      testAccuracyWith: runs.with.test.accuracy,
      testAccuracyWithout: runs.without.test.accuracy,
      testLossWith: runs.with.test.loss,
      testLossWithout: runs.without.test.loss,
      trainLossWith: runs.with.train.loss,
      trainLossWithout: runs.without.train.loss,
    },
    files,
    withBatchNorm: runs.with,
    withoutBatchNorm: runs.without,
  };
}
