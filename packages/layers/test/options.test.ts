import { tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { thrownMessage } from "../../../test-support/thrown.js";
import {
  Activation,
  BatchNorm,
  Dense,
  Dropout,
  decodeSafetensors,
  getInitializer,
  getLoss,
  losses,
  MeanSquaredError,
  Perceptron,
  Sequential,
  saveModel,
} from "../src/index.js";

/** The message of the ValueError that `fn` must throw. */
const messageOf = (fn: () => unknown): string => thrownMessage(ValueError, fn);

// biome-ignore lint/suspicious/noExplicitAny: misspelled options on purpose
const any = (o: unknown): any => o;

describe("misspelled options fail loudly, with a suggestion", () => {
  it("Dense: activaton (it once built a linear layer)", () => {
    expect(messageOf(() => new Dense(3, any({ activaton: "relu" })))).toMatch(
      /^Dense: argument 'options': unknown option 'activaton' \(did you mean 'activation'\?\); known options: inputDim, activation, /,
    );
  });

  it("BatchNorm: momentun; Dropout: sed", () => {
    expect(messageOf(() => new BatchNorm(any({ momentun: 0.9 })))).toMatch(
      /^BatchNorm: .*unknown option 'momentun' \(did you mean 'momentum'\?\)/,
    );
    expect(messageOf(() => new Dropout(0.5, any({ sed: 1 })))).toMatch(
      /^Dropout: .*unknown option 'sed' \(did you mean 'seed'\?\)/,
    );
  });

  it("Activation layer, Perceptron and Perceptron.fit", () => {
    expect(messageOf(() => new Activation("leakyRelu", any({ alpah: 0.1 })))).toMatch(
      /did you mean 'alpha'/,
    );
    expect(messageOf(() => new Perceptron(any({ output: 2 })))).toMatch(/did you mean 'outputs'/);
    const p = new Perceptron({ inputs: 1 });
    expect(messageOf(() => p.fit(tensor([[0]]), tensor([0]), any({ epoch: 3 })))).toMatch(
      /^Perceptron\.fit: .*'epoch' \(did you mean 'epochs'\?\)/,
    );
  });

  it("Sequential, summary and loadStateDict", () => {
    expect(messageOf(() => new Sequential([], any({ nmae: "m" })))).toMatch(/did you mean 'name'/);
    const m = new Sequential([new Dense(1, { inputDim: 1 })]);
    expect(messageOf(() => m.summary(undefined, any({ prnt: false })))).toMatch(/'print'/);
    expect(messageOf(() => m.loadStateDict(m.stateDict(), any({ strcit: false })))).toMatch(
      /^loadStateDict: .*did you mean 'strict'/,
    );
  });

  it("losses: functions, classes and losses.get", () => {
    const y = tensor([1, 2]);
    expect(messageOf(() => losses.mse(y, y, any({ reduce: "sum" })))).toMatch(
      /^mse: .*unknown option 'reduce'/,
    );
    expect(messageOf(() => losses.binaryCrossEntropy(y, y, any({ fromLogit: true })))).toMatch(
      /did you mean 'fromLogits'/,
    );
    expect(messageOf(() => new MeanSquaredError(any({ reductoin: "sum" })))).toMatch(
      /^MeanSquaredError: .*did you mean 'reduction'/,
    );
    expect(messageOf(() => getLoss("huber", any({ detla: 2 })))).toMatch(/did you mean 'delta'/);
  });

  it("initializers, saveModel and decodeSafetensors", () => {
    expect(messageOf(() => getInitializer("randomNormal", any({ std: 1 })))).toMatch(
      /^initializers\.get: argument 'config': unknown option 'std'/,
    );
    const m = new Sequential([new Dense(1, { inputDim: 1 })]);
    expect(messageOf(() => saveModel(m, any({ metadta: {} })))).toMatch(/did you mean 'metadata'/);
    expect(messageOf(() => decodeSafetensors(new Uint8Array(8), any({ maxHeader: 9 })))).toMatch(
      /^decodeSafetensors: .*'maxHeader'/,
    );
  });
});

describe("a string where a number is expected says so", () => {
  it("new Dense('3')", () => {
    expect(messageOf(() => new Dense(any("3")))).toBe(
      `Dense: argument 'units': expected a positive integer, got the string "3"`,
    );
  });

  it("BatchNorm momentum and Perceptron threshold given as strings", () => {
    expect(messageOf(() => new BatchNorm(any({ momentum: "0.9" })))).toMatch(
      /got the string "0.9"/,
    );
    expect(messageOf(() => new Perceptron(any({ threshold: "1" })))).toMatch(/got the string "1"/);
  });
});
