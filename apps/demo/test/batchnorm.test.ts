import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/examples/batchnorm.js";
import { wineModel } from "../src/examples/book.js";
import { chartFacts, isSvg, tempOut } from "./helpers.js";

describe("batchnorm example", () => {
  it("starts both networks from the same Dense weights", () => {
    const a = wineModel(3, { batchNorm: true, softmax: false });
    const b = wineModel(3, { batchNorm: false, softmax: false });
    const dense = (m: typeof a) =>
      m
        .namedParameters()
        .filter(([n]) => /kernel|bias/.test(n))
        .map(([, p]) => Array.from(p.value.data));
    expect(dense(b)).toEqual(dense(a));
    expect(a.layers.map((l) => l.className)).toEqual(["Dense", "BatchNorm", "Activation", "Dense"]);
    expect(b.layers.map((l) => l.className)).toEqual(["Dense", "Activation", "Dense"]);
  });

  it("trains with and without BatchNorm and draws both loss curves side by side on one scale", async () => {
    const r = await run({ out: tempOut(), log: null, epochs: 2 });
    expect(r.withBatchNorm.history.loss).toHaveLength(2);
    expect(r.withoutBatchNorm.history.loss).toHaveLength(2);
    expect(r.withBatchNorm.history.loss).not.toEqual(r.withoutBatchNorm.history.loss);
    // On raw features the first epoch without BatchNorm starts far higher.
    expect(r.withoutBatchNorm.history.loss![0]!).toBeGreaterThan(r.withBatchNorm.history.loss![0]!);
    expect(r).toMatchObject({ iterationsPerEpoch: 27, samples: { train: 133, test: 45 } });
    for (const k of ["testAccuracyWith", "testAccuracyWithout", "testLossWith", "testLossWithout"])
      expect(Number.isFinite(r.metrics[k])).toBe(true);
    expect(r.files.map((f) => basename(f))).toEqual([
      "batchnorm-loss.svg",
      "batchnorm-accuracy.svg",
      "index.html",
    ]);
    expect(isSvg(r.files[0]!)).toBe(true);
    const loss = chartFacts(r.files[0]!);
    expect(loss.panels).toEqual(["without BatchNorm", "with BatchNorm"]);
    expect(loss.yDomains[0]).toEqual(loss.yDomains[1]);
    // The legend names the splits only: no stray "data" title, colours as in every learning curve.
    expect(loss.legend).toEqual(["train", "test"]);
    expect(loss.texts).not.toContain("data");
    expect(loss.lineColors.get("train")!.size).toBe(1);
    expect(loss.xTicks[0]![0]).toBe("1");
  });
});
