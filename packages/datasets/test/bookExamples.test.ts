import { oneHot as tensorOneHot } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import {
  applySplit,
  bookSplit,
  DataLoader,
  loadBoston,
  loadWine,
  oneHot,
  StandardScaler,
  trainTestSplit,
} from "../src/index.js";

describe("the book's examples, in a few lines", () => {
  it("wine: load, split 75/25 (book rows or seeded, stratified), scale, one-hot, batch", () => {
    const { x, y } = loadWine();
    const { xTrain, xTest, yTrain, yTest } = applySplit(x, y, bookSplit("wine"));
    const scaler = new StandardScaler().fit(xTrain);
    const loader = new DataLoader(scaler.transform(xTrain), oneHot(yTrain, 3), {
      batchSize: 5,
      shuffle: true,
      seed: 0,
    });
    expect([xTrain.shape[0], xTest.shape[0]]).toEqual([133, 45]);
    expect(loader.iterationsPerEpoch).toBe(27);
    expect(loader.iterationsPerEpoch * 30).toBe(810);
    const first = [...loader][0]!;
    expect(first.x.shape).toEqual([5, 13]);
    expect(first.y.shape).toEqual([5, 3]);
    expect(scaler.transform(xTest).shape).toEqual([45, 13]);
    expect(yTest.dtype).toBe("int32");
    // our oneHot with 3 classes equals tensor's oneHot
    expect(Array.from(oneHot(yTrain, 3).data)).toEqual(Array.from(tensorOneHot(yTrain, 3).data));

    const seeded = trainTestSplit(x, y, { testSize: 0.25, seed: 0, stratify: true });
    expect(seeded.xTrain.shape).toEqual([133, 13]);
  });
  it("Boston: load, split 379/127, scale features, batch of 5 → 76 iterations", () => {
    const { x, y } = loadBoston();
    const { xTrain, yTrain, xTest } = applySplit(x, y, bookSplit("boston"));
    const scaler = new StandardScaler().fit(xTrain);
    const loader = new DataLoader(scaler.transform(xTrain), yTrain.reshape([-1, 1]), {
      batchSize: 5,
      shuffle: true,
      seed: 0,
    });
    expect(loader.iterationsPerEpoch).toBe(76);
    expect(xTest.shape).toEqual([127, 13]);
    const b = [...loader].at(-1)!;
    expect(b.x.shape).toEqual([4, 13]);
    expect(b.y.shape).toEqual([4, 1]);
  });
});
