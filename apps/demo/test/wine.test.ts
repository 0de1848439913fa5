import { basename } from "node:path";
import { COLORS } from "@neurite/plot";
import { describe, expect, it } from "vitest";
import { run } from "../src/examples/wine.js";
import { chartFacts, collector, isSvg, read, tempOut, WINE_TWO_EPOCHS } from "./helpers.js";

describe("wine example", () => {
  it("trains the book's network on the book's split and reports accuracy, loss and charts", async () => {
    const c = collector();
    const out = tempOut();
    const r = await run({ out, log: c.log, progress: true, epochs: 2 });
    expect(r).toMatchObject(WINE_TWO_EPOCHS);
    expect(Object.keys(r.history)).toEqual(["loss", "accuracy", "val_loss", "val_accuracy"]);
    for (const values of Object.values(r.history)) expect(values).toHaveLength(2);
    for (const k of ["trainAccuracy", "testAccuracy"]) {
      expect(r.metrics[k]).toBeGreaterThanOrEqual(0);
      expect(r.metrics[k]).toBeLessThanOrEqual(1);
    }
    // Multiples of 1/45 on the test split.
    expect(
      Math.abs(r.metrics.testAccuracy! * 45 - Math.round(r.metrics.testAccuracy! * 45)),
    ).toBeLessThan(1e-9);
    expect(r.metrics.testLoss).toBeCloseTo(r.history.val_loss![1]!, 5);
    expect(r.trainingTimeMs).toBeGreaterThan(0);
    expect(r.summary).toContain("batch_norm (BatchNorm)");
    expect(r.summary).toContain("Total params: 423");

    const text = c.text();
    expect(text).toContain("133 train, 45 test");
    expect(text).toContain(
      "2 epochs × 27 iterations (batch size 5: 26 batches of 5 and 1 of 3) = 54 weight updates",
    );
    expect(text).toMatch(/Epoch 1\/2 .*27\/27 iterations.*val_accuracy/);
    expect(text).toMatch(/Training time: \d/);
    expect(r.files.map((f) => basename(f))).toEqual([
      "wine-accuracy.svg",
      "wine-loss.svg",
      "index.html",
    ]);
    for (const f of r.files.slice(0, 2)) expect(isSvg(f)).toBe(true);
    // Epochs count from 1; train blue, test orange, as in every learning curve of the demo.
    const accuracy = chartFacts(r.files[0]!);
    expect(accuracy.xTicks[0]).toEqual(["1", "2"]);
    expect(accuracy.legend).toEqual(["train", "test"]);
    expect(accuracy.yDomains[0]).toEqual([0, 1]);
    expect([...accuracy.lineColors.get("train")!]).toEqual([COLORS.train]);
    expect([...accuracy.lineColors.get("test")!]).toEqual([COLORS.validation]);
    expect(read(r.files[2]!)).toContain("Wine: the book's classification network");
  });

  it("is reproducible, and --scale and --batch-size change the run", async () => {
    const base = { out: tempOut(), log: null, epochs: 1 } as const;
    const a = await run(base);
    const b = await run(base);
    expect(b.history).toEqual(a.history);
    const s = await run({ ...base, scale: true });
    expect(s.history.loss).not.toEqual(a.history.loss);
    const big = await run({ ...base, batchSize: 32, charts: false });
    expect(big.iterationsPerEpoch).toBe(5);
    expect(big.files).toEqual([]);
  });
});
