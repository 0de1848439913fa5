import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/examples/boston.js";
import { chartFacts, collector, isSvg, tempOut } from "./helpers.js";

describe("boston example", () => {
  it("trains the book's regression network and reports MSE, history and sorted predictions", async () => {
    const c = collector();
    const r = await run({ out: tempOut(), log: c.log, epochs: 2 });
    expect(r).toMatchObject({
      example: "boston",
      epochs: 2,
      batchSize: 5,
      iterationsPerEpoch: 76,
      samples: { train: 379, test: 127 },
    });
    expect(Object.keys(r.history)).toEqual(["loss", "mse", "val_loss", "val_mse"]);
    // The loss is the MSE (float32 loss, metric accumulated in float64).
    for (const [i, mse] of r.history.mse!.entries())
      expect(Math.abs(mse - r.history.loss![i]!) / mse).toBeLessThan(1e-6);
    expect(r.testReal).toHaveLength(127);
    expect(r.testPredicted).toHaveLength(127);
    const mse = r.testReal.reduce((s, y, i) => s + (y - r.testPredicted[i]!) ** 2, 0) / 127;
    expect(r.metrics.testMse).toBeCloseTo(mse, 2);
    expect(r.metrics.testMse).toBeCloseTo(r.metrics.testLoss!, 4);
    expect(Number.isFinite(r.metrics.trainMse)).toBe(true);
    expect(r.summary).toContain("Total params: 301");
    expect(c.text()).toContain("379 train, 127 test");
    expect(c.text()).toContain("proportion of Black residents");
    expect(r.files.map((f) => basename(f))).toEqual([
      "boston-mse.svg",
      "boston-loss.svg",
      "boston-predictions.svg",
      "index.html",
    ]);
    for (const f of r.files.slice(0, 3)) expect(isSvg(f)).toBe(true);
    // The log axis fits the losses: the values fill most of it (no half-empty chart).
    const loss = chartFacts(r.files[1]!);
    const values = [...r.history.loss!, ...r.history.val_loss!];
    const [lo, hi] = loss.yDomains[0]!;
    const used = Math.log10(Math.max(...values) / Math.min(...values));
    expect(used / Math.log10(hi / lo)).toBeGreaterThan(0.8);
    expect(loss.xTicks[0]![0]).toBe("1");
    expect(loss.legend).toEqual(["train", "test"]);
    const predictions = chartFacts(r.files[2]!);
    expect(predictions.legend).toEqual(["real value", "prediction"]);
    expect(predictions.texts).toContain("median home value ($1000s)");
  });
});
