/**
 * The book's regression example (BOOK.md item 10, with items 3 and 8):
 * Boston house prices, the book's 75/25 split, `Dense(20, relu) → Dense(1)`,
 * mean squared error, Adam, 30 epochs, batch size 5.
 */

import { historyChart, predictionChart } from "@neurite/plot";
import { predict } from "@neurite/train/node";
import { duration, heading, num, table } from "../format.js";
import { Report } from "../report.js";
import type { ExampleOptions, ExampleResult } from "../types.js";
import { bookSplitLines, bostonModel, loadBookData } from "./book.js";
import { rerunCommand, resolveOptions } from "./common.js";
import { trainAndEvaluate } from "./training.js";

/** What {@link run} returns. */
export interface BostonResult extends ExampleResult {
  /** Per-epoch `loss`, `mse`, `val_loss`, `val_mse` (validation = the test split). */
  history: Record<string, number[]>;
  /** The model summary table. */
  summary: string;
  /** Real prices of the test split ($1000s). */
  testReal: number[];
  /** The network's predictions for them. */
  testPredicted: number[];
}

/** Options of {@link run}: the common ones, plus whether to draw charts. */
export interface BostonOptions extends ExampleOptions {
  /** Render the charts and the report (default true; the seed sweep turns it off). */
  charts?: boolean;
}

/** Runs the example: trains, prints the summary, progress and MSEs, draws the history and the predictions. */
export async function run(options: BostonOptions = {}): Promise<BostonResult> {
  const o = resolveOptions(options, { epochs: 30, batchSize: 5 });
  const { say } = o;
  const data = loadBookData("boston", o.scale);
  const nTrain = data.xTrain.shape[0]!;
  const nTest = data.xTest.shape[0]!;
  const model = bostonModel(o.seed);
  const summary = model.summary(undefined, { print: false });
  const iterations = Math.ceil(nTrain / o.batchSize);

  say(heading("Boston house prices: the book's regression example"));
  say(
    `data:     Boston, ${data.shape[0]} samples × ${data.shape[1]} features; target MEDV, the median home value in $1000s`,
  );
  for (const line of bookSplitLines(nTrain, nTest, o.scale)) say(line);
  say(
    "note:     the feature B encodes the proportion of Black residents by town; scikit-learn removed",
  );
  say(
    "          this data set for that reason. It is used here only to reproduce the book's example.",
  );
  say(summary);
  say(
    "loss: mean squared error; output: identity (no activation); optimizer: Adam (Keras's defaults)",
  );
  say(
    `${o.epochs} epochs × ${iterations} iterations (batch size ${o.batchSize}) = ${o.epochs * iterations} weight updates; seed ${o.seed}\n`,
  );

  const {
    history,
    timeMs: trainingTimeMs,
    train,
    test,
  } = trainAndEvaluate(model, data, o, "mse", ["mse"]);
  const testReal = Array.from(data.yTest.data);
  const testPredicted = Array.from(predict(model, data.xTest).data);
  say(
    `\nTraining time: ${duration(trainingTimeMs)} (${o.epochs} epochs, ${o.epochs * history.iterationsPerEpoch} updates)`,
  );
  say(
    table(
      ["", "MSE", "RMSE ($1000s)"],
      [
        ["train", num(train.mse!, 2), num(Math.sqrt(train.mse!), 2)],
        ["test", num(test.mse!, 2), num(Math.sqrt(test.mse!), 2)],
      ],
    ),
  );

  let files: string[] = [];
  if (options.charts ?? true) {
    const report = new Report(o.out, {
      example: "boston",
      title: "Boston: the book's regression network",
      book: [3, 8, 10],
      lead: `Boston house prices (506 × 13), the book's 75/25 split, ${o.scale ? "standardized" : "raw"} features, Dense(20, relu) → Dense(1) with an identity output, mean squared error, Adam, ${o.epochs} epochs of ${history.iterationsPerEpoch} iterations (batch size ${o.batchSize}).`,
      command: rerunCommand("boston", o, { scale: true }),
    });
    const sub = `seed ${o.seed}, ${o.scale ? "standardized" : "raw"} features, batch size ${o.batchSize}`;
    const curves = { trainLabel: "train", validationLabel: "test", logY: true };
    report.chart(
      "mse",
      historyChart(history, {
        ...curves,
        metric: "mse",
        title: "Boston: mean squared error per epoch",
        subtitle: sub,
        yLabel: "MSE ($1000s²), log scale",
      }),
      "MSE per epoch",
      "The MSE metric on the training mini-batches (mean over the epoch) and on the test split after each epoch; log scale, since the first epochs' errors are much larger.",
    );
    report.chart(
      "loss",
      historyChart(history, {
        ...curves,
        metric: "loss",
        title: "Boston: loss per epoch",
        subtitle: `${sub}; the loss is the MSE, so this repeats the MSE chart as the book's does`,
        yLabel: "loss (MSE), log scale",
      }),
      "Loss per epoch",
      "The loss the optimizer minimizes. It is the mean squared error itself, so it matches the MSE chart: the book plots both.",
    );
    report.chart(
      "predictions",
      predictionChart(
        { actual: testReal, predicted: testPredicted },
        {
          title: "Boston: test predictions against the real prices",
          subtitle: `the ${nTest} test houses sorted by real price; test MSE ${num(test.mse!, 2)}`,
          valueLabel: "median home value ($1000s)",
        },
      ),
      "Sorted test predictions",
      "The line is the real price of each test house, sorted; the dots are the network's predictions for the same houses. The cap at 50 is in the data (MEDV is censored at $50,000).",
    );
    files = report.finish([
      ["train MSE", num(train.mse!, 2)],
      ["test MSE", num(test.mse!, 2)],
      ["iterations per epoch", String(history.iterationsPerEpoch)],
      ["training time", duration(trainingTimeMs)],
    ]);
    say(`\nCharts and report: ${report.dir}`);
  }

  return {
    example: "boston",
    seed: o.seed,
    epochs: o.epochs,
    batchSize: o.batchSize,
    iterationsPerEpoch: history.iterationsPerEpoch,
    samples: { train: nTrain, test: nTest },
    trainingTimeMs,
    metrics: {
      trainMse: train.mse!,
      testMse: test.mse!,
      trainLoss: train.loss!,
      testLoss: test.loss!,
    },
    files,
    history: history.history,
    summary,
    testReal,
    testPredicted,
  };
}
