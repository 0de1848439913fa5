/**
 * What dropout changes (BOOK.md item 7): a network far larger than its
 * training set needs (two hidden layers of 256 units for 200 handwritten
 * digits) trained with and without dropout; the training and validation
 * curves side by side show the gap that overfitting opens and dropout keeps shut.
 */
import { loadDigits, oneHot, trainTestSplit } from "@neurite/datasets";
import { Dense, Dropout, type Module, Sequential } from "@neurite/layers";
import { historyComparisonChart } from "@neurite/plot";
import { Rng } from "@neurite/tensor";
import { duration, heading, num, percent, table } from "../format.js";
import { Report } from "../report.js";
import type { ExampleOptions, ExampleResult } from "../types.js";
import { rerunCommand, resolveOptions } from "./common.js";
import { trainAndEvaluate } from "./training.js";

/** Training samples: few, so that the network can memorize them. */
export const TRAIN_SAMPLES = 200;
/** Validation samples, held out. */
export const VALIDATION_SAMPLES = 500;
/** Units of each hidden layer. */
export const HIDDEN = 256;
/** Dropout rate after each hidden layer. */
export const RATE = 0.5;

/** One of the two runs. */
export interface DropoutRun {
  /** Per-epoch `loss`, `accuracy`, `val_loss`, `val_accuracy`. */
  history: Record<string, number[]>;
  /** Final loss and accuracy on the training samples, in eval mode (dropout off). */
  train: { loss: number; accuracy: number };
  /** Final loss and accuracy on the validation samples. */
  validation: { loss: number; accuracy: number };
  /** Training time in milliseconds. */
  timeMs: number;
}

/** What {@link run} returns. */
export interface DropoutResult extends ExampleResult {
  /** The network without dropout. */
  withoutDropout: DropoutRun;
  /** The same network with dropout. */
  withDropout: DropoutRun;
}

/** Dropout rate of the input pixels. */
export const INPUT_RATE = 0.2;

/**
 * Two hidden ReLU layers of {@link HIDDEN} units; with `dropout`, the inputs
 * are dropped at {@link INPUT_RATE} and each hidden layer's outputs at
 * {@link RATE} (the recipe of Srivastava et al., 2014). Both variants get the
 * same initial Dense weights from the seed.
 */
export function digitsModel(seed: number, dropout: boolean): Sequential {
  const rng = new Rng(seed);
  const [d1, d2, d3, masks] = [rng.fork(), rng.fork(), rng.fork(), rng.fork()];
  const drop = (rate: number): Module[] => (dropout ? [new Dropout(rate, { rng: masks })] : []);
  // inputDim on the first Dense builds every layer at once (Sequential sees
  // through the Dropout before it), so model.parameters() holds them all.
  return new Sequential([
    ...drop(INPUT_RATE),
    new Dense(HIDDEN, { inputDim: 64, activation: "relu", rng: d1 }),
    ...drop(RATE),
    new Dense(HIDDEN, { activation: "relu", rng: d2 }),
    ...drop(RATE),
    new Dense(10, { activation: "softmax", rng: d3 }),
  ]);
}

const LABELS = { without: "without dropout", with: "with dropout" } as const;

/** Runs the example: two trainings, a table of the gap, the curves side by side. */
export async function run(options: ExampleOptions = {}): Promise<DropoutResult> {
  const o = resolveOptions(options, { epochs: 100, batchSize: 32 });
  const { say } = o;
  const digits = loadDigits();
  const split = trainTestSplit(digits.x.div(16), digits.y, {
    trainSize: TRAIN_SAMPLES,
    testSize: VALIDATION_SAMPLES,
    seed: o.seed,
    stratify: true,
  });
  const yTrain = oneHot(split.yTrain, 10).cast("float32");
  const yVal = oneHot(split.yTest, 10).cast("float32");

  say(heading("Dropout: a network that overfits, with and without dropout"));
  say(
    `data: digits (8×8 images, 64 pixels scaled to [0, 1], 10 classes): ${TRAIN_SAMPLES} training images, ${VALIDATION_SAMPLES} validation images`,
  );
  say(
    `      (a stratified split with seed ${o.seed}; the other ${digits.x.shape[0]! - TRAIN_SAMPLES - VALIDATION_SAMPLES} images are not used)`,
  );
  say(
    `model: [Dropout(${INPUT_RATE})] → Dense(${HIDDEN}, relu) → [Dropout(${RATE})] → Dense(${HIDDEN}, relu) → [Dropout(${RATE})] → Dense(10, softmax)`,
  );
  say("       (the Dropout layers in brackets only in the second run)");
  say(
    `       ${digitsModel(0, false).countParameters().total.toLocaleString("en-US")} parameters for ${TRAIN_SAMPLES} images: enough to memorize them`,
  );
  say(
    `categorical cross-entropy, Adam (Keras defaults), ${o.epochs} epochs, batch size ${o.batchSize}; both runs start from the same weights.`,
  );

  const runs = {} as Record<"with" | "without", DropoutRun>;
  for (const variant of ["without", "with"] as const) {
    say(`\n${LABELS[variant]}:`);
    const model = digitsModel(o.seed, variant === "with");
    const {
      history,
      timeMs,
      train,
      test: validation,
    } = trainAndEvaluate(
      model,
      { xTrain: split.xTrain, yTrain, xTest: split.xTest, yTest: yVal },
      o,
      "categoricalCrossEntropy",
      ["accuracy"],
    );
    runs[variant] = {
      history: history.history,
      train: { loss: train.loss!, accuracy: train.accuracy! },
      validation: { loss: validation.loss!, accuracy: validation.accuracy! },
      timeMs,
    };
  }

  const every = Math.max(1, Math.round(o.epochs / 10));
  const epochs = [...Array(o.epochs).keys()].filter((e) => e === 0 || (e + 1) % every === 0);
  say("\nLoss per epoch (training batches, validation images):");
  say(
    table(
      ["epoch", "without: train", "validation", "gap", "with: train", "validation", "gap"],
      epochs.map((e) => {
        const w = runs.without.history;
        const d = runs.with.history;
        return [
          String(e + 1),
          num(w.loss![e]!),
          num(w.val_loss![e]!),
          num(w.val_loss![e]! - w.loss![e]!),
          num(d.loss![e]!),
          num(d.val_loss![e]!),
          num(d.val_loss![e]! - d.loss![e]!),
        ];
      }),
    ),
  );
  say(`\nTraining time: ${duration(runs.with.timeMs + runs.without.timeMs)} for both runs`);
  say("After training (eval mode: dropout off):");
  say(
    table(
      ["", "train loss", "val. loss", "train acc.", "val. acc."],
      (["without", "with"] as const).map((v) => [
        LABELS[v],
        num(runs[v].train.loss),
        num(runs[v].validation.loss),
        percent(runs[v].train.accuracy),
        percent(runs[v].validation.accuracy),
      ]),
    ),
  );
  const w = runs.without;
  const d = runs.with;
  say(
    `\nWithout dropout the training loss falls to ${num(w.train.loss)} while the validation loss stays at ${num(w.validation.loss)}: the network memorizes its ${TRAIN_SAMPLES} images.`,
  );
  say(
    `With dropout each step trains a random part of the network; measured during training (dropout active) the training loss stays ${d.history.loss!.at(-1)! > d.history.val_loss!.at(-1)! ? "above" : "near"} the validation loss,\nand the validation loss ends at ${num(d.validation.loss)} instead of ${num(w.validation.loss)} (validation accuracy ${percent(d.validation.accuracy)} instead of ${percent(w.validation.accuracy)}).`,
  );

  const report = new Report(o.out, {
    example: "dropout",
    title: "What dropout changes",
    book: [7],
    lead: `Two hidden layers of ${HIDDEN} ReLU units learn ${TRAIN_SAMPLES} handwritten digits, without dropout and with it (${INPUT_RATE} of the input pixels and ${RATE} of each hidden layer's units dropped at each step), from the same initial weights; ${VALIDATION_SAMPLES} other digits measure how well each generalizes (${o.epochs} epochs, batch size ${o.batchSize}).`,
    command: rerunCommand("dropout", o),
  });
  const networks = { [LABELS.without]: runs.without.history, [LABELS.with]: runs.with.history };
  const sub = `digits: ${TRAIN_SAMPLES} training and ${VALIDATION_SAMPLES} validation images, seed ${o.seed}`;
  report.chart(
    "loss",
    historyComparisonChart(networks, {
      metric: "loss",
      title: "Training and validation loss, without and with dropout",
      subtitle: `${sub}; log scale`,
      yLabel: "categorical cross-entropy",
      logY: true,
    }),
    "Loss, side by side",
    "Without dropout the training loss keeps falling toward 0 while the validation loss levels off: the widening gap between the curves is overfitting. With dropout the training loss (measured with dropout active) stays above the validation loss, which keeps falling.",
  );
  report.chart(
    "accuracy",
    historyComparisonChart(networks, {
      metric: "accuracy",
      title: "Training and validation accuracy, without and with dropout",
      subtitle: sub,
      yDomain: [0, 1],
    }),
    "Accuracy, side by side",
    "Training accuracy is measured on the training batches, with dropout active in the right-hand run, so it runs below the validation accuracy there.",
  );
  const gap = (r: DropoutRun) => r.validation.loss - r.train.loss;

  const files = report.finish(
    (["without", "with"] as const).map((v) => [
      LABELS[v],
      `train loss ${num(runs[v].train.loss)}, validation loss ${num(runs[v].validation.loss)} (gap ${num(gap(runs[v]))}), validation accuracy ${percent(runs[v].validation.accuracy)}`,
    ]),
  );
  say(`\nCharts and report: ${report.dir}`);

  return {
    example: "dropout",
    seed: o.seed,
    epochs: o.epochs,
    batchSize: o.batchSize,
    iterationsPerEpoch: Math.ceil(TRAIN_SAMPLES / o.batchSize),
    samples: { train: TRAIN_SAMPLES, test: VALIDATION_SAMPLES },
    trainingTimeMs: runs.with.timeMs + runs.without.timeMs,
    metrics: {
      trainLossWithout: runs.without.train.loss,
      valLossWithout: runs.without.validation.loss,
      gapWithout: gap(runs.without),
      valAccuracyWithout: runs.without.validation.accuracy,
      trainLossWith: runs.with.train.loss,
      valLossWith: runs.with.validation.loss,
      gapWith: gap(runs.with),
      valAccuracyWith: runs.with.validation.accuracy,
    },
    files,
    withoutDropout: runs.without,
    withDropout: runs.with,
  };
}
