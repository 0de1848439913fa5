import { Dense, Sequential } from "@neurite/layers";
import { tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { thrownMessage } from "../../../test-support/thrown.js";
import {
  Accuracy,
  CategoricalAccuracy,
  compile,
  EarlyStopping,
  evaluate,
  fit,
  LearningRateScheduler,
  Precision,
  ProgressLogger,
  predict,
  R2Score,
  TerminateOnNaN,
} from "../src/index.js";
import { CSVLogger, ModelCheckpoint } from "../src/node.js";

// biome-ignore lint/suspicious/noExplicitAny: misspelled options on purpose
const any = (o: unknown): any => o;

/** The message of the ValueError that `fn` must throw. */
const messageOf = (fn: () => unknown): string => thrownMessage(ValueError, fn);

const model = () => new Sequential([new Dense(1, { inputDim: 1, seed: 1 })]);
const x = tensor([[1], [2]]);
const y = tensor([[1], [2]]);

describe("train refuses misspelled options, with a suggestion", () => {
  it("fit, evaluate, predict and compile", () => {
    expect(messageOf(() => fit(model(), x, y, any({ loss: "mse", epoch: 2 })))).toMatch(
      /^fit: argument 'options': unknown option 'epoch' \(did you mean 'epochs'\?\); known options: loss, optimizer, /,
    );
    expect(messageOf(() => evaluate(model(), x, y, any({ loss: "mse", metric: ["mse"] })))).toMatch(
      /^evaluate: .*did you mean 'metrics'/,
    );
    expect(messageOf(() => predict(model(), x, any({ batchsize: 1 })))).toMatch(
      /^predict: .*'batchsize' \(did you mean 'batchSize'\?\); known options: batchSize, checkFinite$/,
    );
    expect(messageOf(() => compile(model(), any({ loss: "mse", optimiser: "sgd" })))).toMatch(
      /^compile: .*did you mean 'optimizer'/,
    );
  });

  it("callbacks: EarlyStopping, TerminateOnNaN, LearningRateScheduler", () => {
    expect(messageOf(() => new EarlyStopping(any({ patiense: 3 })))).toMatch(
      /^EarlyStopping: .*did you mean 'patience'/,
    );
    expect(messageOf(() => new TerminateOnNaN(any({ restoreWeight: false })))).toMatch(
      /did you mean 'restoreWeights'/,
    );
    expect(messageOf(() => new LearningRateScheduler(() => 0.1, any({ monitr: "loss" })))).toMatch(
      /did you mean 'monitor'/,
    );
  });

  it("the Node callbacks: ModelCheckpoint and CSVLogger", () => {
    expect(
      messageOf(() => new ModelCheckpoint(any({ filepath: "m", saveBestOnyl: true }))),
    ).toMatch(/^ModelCheckpoint: .*did you mean 'saveBestOnly'/);
    expect(messageOf(() => new CSVLogger("log.csv", any({ seperator: ";" })))).toMatch(
      /^CSVLogger: .*did you mean 'separator'/,
    );
  });

  it("metrics and progress", () => {
    expect(messageOf(() => new Accuracy(any({ threshhold: 0.3 })))).toMatch(
      /did you mean 'threshold'/,
    );
    expect(messageOf(() => new CategoricalAccuracy(any({ nam: "acc" })))).toMatch(
      /^CategoricalAccuracy: .*did you mean 'name'/,
    );
    expect(messageOf(() => new Precision(any({ averag: "macro" })))).toMatch(
      /^Precision: .*did you mean 'average'/,
    );
    expect(messageOf(() => new R2Score(any({ nme: "r2" })))).toMatch(/did you mean 'name'/);
    expect(messageOf(() => new ProgressLogger(any({ writ: () => {} })))).toMatch(
      /did you mean 'write'/,
    );
  });
});

describe("a string where a number is expected says so", () => {
  it("fit's epochs and predict's batchSize", () => {
    expect(messageOf(() => fit(model(), x, y, any({ loss: "mse", epochs: "2" })))).toMatch(
      /epochs.*the string "2"/,
    );
    expect(messageOf(() => predict(model(), x, any({ batchSize: "1" })))).toMatch(
      /batchSize.*the string "1"/,
    );
  });
});
