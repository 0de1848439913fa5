import { tensor, ValueError } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { thrownMessage } from "../../../test-support/thrown.js";
import {
  DataLoader,
  loadDiabetes,
  MinMaxScaler,
  makeCircles,
  makeClassification,
  makeMoons,
  parseCsv,
  parseIdxImages,
  StandardScaler,
  StreamLoader,
  streamCsv,
  trainTestSplit,
} from "../src/index.js";

// biome-ignore lint/suspicious/noExplicitAny: misspelled options on purpose
const any = (o: unknown): any => o;

/** The message of the ValueError that `fn` must throw. */
const messageOf = (fn: () => unknown): string => thrownMessage(ValueError, fn);

const x = tensor([[1], [2], [3], [4]]);
/** An IDX image file holding one 1x1 image (magic 0x0803, dimensions 1, 1, 1). */
const ONE_PIXEL_IDX = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 7]);
const y = tensor([0, 1, 0, 1]);

describe("datasets refuse misspelled options, with a suggestion", () => {
  it("synthetic sets: makeMoons sed, makeCircles factr, makeClassification nClass", () => {
    expect(messageOf(() => makeMoons(any({ sed: 1 })))).toMatch(
      /^makeMoons: argument 'options': unknown option 'sed' \(did you mean 'seed'\?\); known options: nSamples, seed, shuffle, noise$/,
    );
    expect(messageOf(() => makeCircles(any({ factr: 0.5 })))).toMatch(/did you mean 'factor'/);
    expect(messageOf(() => makeClassification(any({ nClass: 3 })))).toMatch(
      /did you mean 'nClasses'/,
    );
  });

  it("built-in sets and IDX: loadDiabetes scale, parseIdxImages normalise", () => {
    expect(messageOf(() => loadDiabetes(any({ scale: true })))).toMatch(/did you mean 'scaled'/);
    expect(messageOf(() => parseIdxImages(ONE_PIXEL_IDX, any({ flaten: true })))).toMatch(
      /^parseIdxImages: .*did you mean 'flatten'/,
    );
  });

  it("preprocessing: trainTestSplit testsize, scalers", () => {
    expect(messageOf(() => trainTestSplit(x, y, any({ testsize: 0.5 })))).toMatch(
      /^trainTestSplit: .*'testsize' \(did you mean 'testSize'\?\)/,
    );
    expect(messageOf(() => new StandardScaler(any({ withmean: false })))).toMatch(
      /did you mean 'withMean'/,
    );
    expect(messageOf(() => new MinMaxScaler(any({ clipp: true })))).toMatch(/did you mean 'clip'/);
  });

  it("loaders: DataLoader batchsize (it once used the default 32), StreamLoader", () => {
    expect(messageOf(() => new DataLoader(x, y, any({ batchsize: 2 })))).toMatch(
      /^DataLoader: .*'batchsize' \(did you mean 'batchSize'\?\)/,
    );
    expect(messageOf(() => new StreamLoader([], any({ batchSize: 2, shufleBuffer: 8 })))).toMatch(
      /did you mean 'shuffleBuffer'/,
    );
  });

  it("CSV: parseCsv delimeter; streamCsv takes batchSize too", () => {
    expect(messageOf(() => parseCsv("a,b\n1,2\n", any({ delimeter: ";" })))).toMatch(
      /^parseCsv: .*'delimeter' \(did you mean 'delimiter'\?\)/,
    );
    expect(messageOf(() => streamCsv(["a\n1\n"], any({ batchSize: 1, taget: "a" })))).toMatch(
      /did you mean 'target'/,
    );
    expect(() => streamCsv(["a\n1\n"], { batchSize: 1 })).not.toThrow();
  });
});

describe("a string where a number is expected says so", () => {
  it("DataLoader batchSize '2' and makeMoons nSamples '10'", () => {
    expect(messageOf(() => new DataLoader(x, y, any({ batchSize: "2" })))).toBe(
      `DataLoader: argument 'options.batchSize': expected an integer >= 1, got the string "2"`,
    );
    expect(messageOf(() => makeMoons(any({ nSamples: "10" })))).toMatch(/got the string "10"/);
    expect(messageOf(() => trainTestSplit(x, y, any({ testSize: "0.5" })))).toMatch(
      /got the string "0.5"/,
    );
  });
});
