import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { digitsModel, run, TRAIN_SAMPLES, VALIDATION_SAMPLES } from "../src/examples/dropout.js";
import { chartFacts, collector, isSvg, tempOut } from "./helpers.js";

describe("dropout example", () => {
  it("builds both networks fully, from the same weights", () => {
    const a = digitsModel(1, false);
    const b = digitsModel(1, true);
    expect(b.layers.map((l) => l.className)).toEqual([
      "Dropout",
      "Dense",
      "Dropout",
      "Dense",
      "Dropout",
      "Dense",
    ]);
    const weights = (m: typeof a) => m.parameters().map((p) => Array.from(p.value.data));
    expect(a.parameters()).toHaveLength(6);
    expect(weights(b)).toEqual(weights(a));
  });

  it("trains with and without dropout and draws the curves side by side", async () => {
    const c = collector();
    const r = await run({ out: tempOut(), log: c.log, epochs: 2 });
    expect(r.samples).toEqual({ train: TRAIN_SAMPLES, test: VALIDATION_SAMPLES });
    expect(r.iterationsPerEpoch).toBe(Math.ceil(TRAIN_SAMPLES / 32));
    for (const run of [r.withDropout, r.withoutDropout])
      expect(Object.keys(run.history)).toEqual(["loss", "accuracy", "val_loss", "val_accuracy"]);
    expect(r.metrics.gapWithout).toBeCloseTo(
      r.metrics.valLossWithout! - r.metrics.trainLossWithout!,
      10,
    );
    expect(r.withDropout.history.loss).not.toEqual(r.withoutDropout.history.loss);
    expect(c.text()).toContain("Loss per epoch");
    expect(r.files.map((f) => basename(f))).toEqual([
      "dropout-loss.svg",
      "dropout-accuracy.svg",
      "index.html",
    ]);
    expect(isSvg(r.files[0]!)).toBe(true);
    const loss = chartFacts(r.files[0]!);
    expect(loss.panels).toEqual(["without dropout", "with dropout"]);
    expect(loss.yDomains[0]).toEqual(loss.yDomains[1]);
    expect(loss.legend).toEqual(["training", "validation"]);
  });
});
