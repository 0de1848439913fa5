/**
 * The book's classification example (BOOK.md item 9, with items 3, 6 and 8):
 * wine, the book's 75/25 split, `Dense(20) → BatchNorm → ReLU → Dense(3) →
 * softmax`, categorical cross-entropy, Adam, 30 epochs, batch size 5.
 */
import { historyChart } from "@neurite/plot";
import { duration, heading, num, percent, table } from "../format.js";
import { Report } from "../report.js";
import { DEMO_BN_MOMENTUM, type ExampleOptions, type ExampleResult } from "../types.js";
import { bookSplitLines, loadBookData, wineModel } from "./book.js";
import { rerunCommand, resolveOptions } from "./common.js";
import { trainAndEvaluate } from "./training.js";

/** What {@link run} returns. */
export interface WineResult extends ExampleResult {
  /** Per-epoch `loss`, `accuracy`, `val_loss`, `val_accuracy` (validation = the test split). */
  history: Record<string, number[]>;
  /** The model summary table. */
  summary: string;
}

/** Options of {@link run}: the common ones, plus whether to draw charts. */
export interface WineOptions extends ExampleOptions {
  /** Render the charts and the report (default true; the seed sweep turns it off). */
  charts?: boolean;
}

/** Runs the example: trains, prints the summary, progress and accuracies, draws the history. */
export async function run(options: WineOptions = {}): Promise<WineResult> {
  const o = resolveOptions(options, { epochs: 30, batchSize: 5 });
  const { say } = o;
  const data = loadBookData("wine", o.scale);
  const nTrain = data.xTrain.shape[0]!;
  const nTest = data.xTest.shape[0]!;
  const model = wineModel(o.seed, { bnMomentum: o.bnMomentum });
  const summary = model.summary(undefined, { print: false });
  const iterations = Math.ceil(nTrain / o.batchSize);
  const last = nTrain - (iterations - 1) * o.batchSize;

  say(heading("Wine: the book's classification example"));
  say(
    `data:     wine, ${data.shape[0]} samples × ${data.shape[1]} features, 3 classes (one-hot targets)`,
  );
  for (const line of bookSplitLines(nTrain, nTest, o.scale)) say(line);
  say(summary);
  say(
    "input layer: one node per feature (13); output layer: one node per class (3), a score each, made",
  );
  say("probabilities by the softmax; the hidden layer of 20 is normalized per batch, then ReLU.");
  say(
    "loss: categorical cross-entropy; optimizer: Adam (lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7: Keras's defaults)",
  );
  say(
    `BatchNorm: moving-statistics momentum ${o.bnMomentum}${o.bnMomentum === DEMO_BN_MOMENTUM ? " (Keras's layer default is 0.99: --bn-momentum 0.99; the README explains the choice)" : ""}`,
  );
  say(
    `${o.epochs} epochs × ${iterations} iterations (batch size ${o.batchSize}: ${last === o.batchSize ? `${iterations} batches of ${o.batchSize}` : `${iterations - 1} batches of ${o.batchSize} and 1 of ${last}`}) = ${o.epochs * iterations} weight updates; seed ${o.seed}\n`,
  );

  const {
    history,
    timeMs: trainingTimeMs,
    train,
    test,
  } = trainAndEvaluate(model, data, o, "categoricalCrossEntropy", ["accuracy"]);
  say(
    `\nTraining time: ${duration(trainingTimeMs)} (${o.epochs} epochs, ${o.epochs * history.iterationsPerEpoch} updates)`,
  );
  say(
    table(
      ["", "loss", "accuracy"],
      [
        ["train", num(train.loss!), percent(train.accuracy!)],
        ["test", num(test.loss!), percent(test.accuracy!)],
      ],
    ),
  );

  const trainMode = history.history.accuracy!.at(-1)!;
  if (trainMode - train.accuracy! > 0.05)
    say(
      `\nNote: during the last epoch the network scored ${percent(trainMode)} on its training batches in training mode,\nwhere BatchNorm normalizes with each batch's own mean and variance, but ${percent(train.accuracy!)} on the same samples\nin eval mode, where it uses its moving averages (momentum ${o.bnMomentum}). ${o.scale ? "The" : "On raw features the"}\nfirst layer's outputs drift faster than those averages follow, so eval-mode results swing from epoch to epoch.`,
    );
  if (!o.scale)
    say(
      "With the book's raw features the test accuracy varies a lot from seed to seed (apps/demo/README.md has\na 20-seed sweep); try another --seed, or --scale to standardize the features.",
    );

  let files: string[] = [];
  if (options.charts ?? true) {
    const report = new Report(o.out, {
      example: "wine",
      title: "Wine: the book's classification network",
      book: [3, 6, 8, 9],
      lead: `Wine (178 × 13, 3 classes), the book's 75/25 split, ${o.scale ? "standardized" : "raw"} features, Dense(20) → BatchNorm → ReLU → Dense(3) → softmax, categorical cross-entropy, Adam, ${o.epochs} epochs of ${history.iterationsPerEpoch} iterations (batch size ${o.batchSize}).`,
      command: rerunCommand("wine", o, { scale: true }),
    });
    const sub = `seed ${o.seed}, ${o.scale ? "standardized" : "raw"} features, batch size ${o.batchSize}`;
    const curves = { subtitle: sub, trainLabel: "train", validationLabel: "test" };
    report.chart(
      "accuracy",
      historyChart(history, {
        ...curves,
        metric: "accuracy",
        title: "Wine: accuracy per epoch",
        yDomain: [0, 1],
      }),
      "Accuracy per epoch",
      "Train: the mean over the epoch's mini-batches, in training mode (as Keras reports it). Test: the 45 held-out samples after each epoch, in eval mode (BatchNorm uses its moving statistics).",
    );
    report.chart(
      "loss",
      historyChart(history, {
        ...curves,
        metric: "loss",
        title: "Wine: loss per epoch (categorical cross-entropy)",
      }),
      "Loss per epoch",
      "Categorical cross-entropy on the training mini-batches and on the test split after each epoch.",
    );
    files = report.finish([
      ["train accuracy", percent(train.accuracy!)],
      ["test accuracy", percent(test.accuracy!)],
      ["train / test loss", `${num(train.loss!)} / ${num(test.loss!)}`],
      ["iterations per epoch", String(history.iterationsPerEpoch)],
      ["training time", duration(trainingTimeMs)],
    ]);
    say(`\nCharts and report: ${report.dir}`);
  }

  return {
    example: "wine",
    seed: o.seed,
    epochs: o.epochs,
    batchSize: o.batchSize,
    iterationsPerEpoch: history.iterationsPerEpoch,
    samples: { train: nTrain, test: nTest },
    trainingTimeMs,
    metrics: {
      trainAccuracy: train.accuracy!,
      testAccuracy: test.accuracy!,
      trainLoss: train.loss!,
      testLoss: test.loss!,
    },
    files,
    history: history.history,
    summary,
  };
}
