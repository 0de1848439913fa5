import { ValueError } from "@neurite/tensor";
import { History } from "@neurite/train";
import { describe, expect, it } from "vitest";
import { historyChart, historyComparisonChart } from "../src/index.js";
import { markerCount, parseChart, pathPoints } from "./svg.js";

function fitHistory(loss: number[], valLoss: number[], initialEpoch = 0): History {
  const h = new History({
    epochs: initialEpoch + loss.length,
    initialEpoch,
    iterationsPerEpoch: 27,
    samples: 133,
    batchSize: 5,
    validationSamples: 45,
    keys: ["loss", "val_loss"],
  });
  for (const [i, l] of loss.entries())
    h.record(initialEpoch + i, { loss: l, val_loss: valLoss[i]! });
  return h;
}

describe("historyChart", () => {
  it("draws training and validation per epoch, labelled, epochs from 1", () => {
    const h = fitHistory([1.2, 0.8, 0.5, 0.4, 0.35], [1.3, 0.9, 0.7, 0.65, 0.66]);
    const c = parseChart(historyChart(h, { metric: "loss" }));
    expect(c.legend()).toEqual(["training", "validation"]);
    expect(pathPoints(c.series("training", "nplot-line")[0]!)).toHaveLength(5);
    expect(markerCount(c.series("validation", "nplot-points")[0]!)).toBe(5);
    expect(c.domain("x")).toEqual([1, 5]);
    expect(c.ticks("x")[0]).toBe("1");
    expect(c.texts("nplot-axis-title")).toEqual(["epoch", "loss"]);
    expect(c.texts("nplot-title")).toEqual(["loss per epoch"]);
    const [lo, hi] = c.domain("y");
    expect(lo).toBeLessThanOrEqual(0.35);
    expect(hi).toBeGreaterThanOrEqual(1.3);
    expect(hi - lo).toBeLessThan(1.5); // the range fits the values: no half-empty chart
  });

  it("takes a plain { metric: number[] } and draws only training when there is no val_ key", () => {
    const c = parseChart(
      historyChart({ accuracy: [0.5, 0.7, 0.9] }, { metric: "accuracy", yDomain: [0, 1] }),
    );
    expect(c.legend()).toEqual(["training"]);
    expect(c.series("validation", "nplot-line")).toHaveLength(0);
    expect(c.domain("y")).toEqual([0, 1]);
    expect(c.ticks("x")).toEqual(["1", "2", "3"]);
  });

  it("counts a resumed run's epochs from History.epoch", () => {
    const h = fitHistory([0.5, 0.4], [0.6, 0.5], 10);
    expect(parseChart(historyChart(h)).domain("x")).toEqual([11, 12]);
    // The same from its JSON form (what a saved history looks like after JSON.parse).
    const json = JSON.parse(JSON.stringify(h.toJSON()));
    expect(parseChart(historyChart(json)).domain("x")).toEqual([11, 12]);
    // NaN became null in that JSON: still a gap.
    const withGap = parseChart(historyChart(JSON.parse('{"loss":[1,null,0.5]}')));
    expect(
      pathPoints(withGap.series("training", "nplot-line")[0]!).filter((p) => p === null),
    ).toHaveLength(1);
  });

  it("leaves a gap for NaN and draws a log axis", () => {
    const c = parseChart(historyChart({ loss: [10, Number.NaN, 1, 0.1] }, { logY: true }));
    const pts = pathPoints(c.series("training", "nplot-line")[0]!);
    expect(pts.filter((p) => p === null)).toHaveLength(1);
    expect(c.ticks("y")).toEqual(["0.1", "1", "10"]);
  });

  it("refuses a missing metric, mismatched lengths, Infinity, all-NaN, log of zero and unknown options", () => {
    expect(() => historyChart({ loss: [1] }, { metric: "accuracy" })).toThrow(
      /historyChart: argument 'metric': 'accuracy' is not in history \(keys: loss\)/,
    );
    expect(() => historyChart({ loss: [1, 2], val_loss: [1] })).toThrow(
      /val_loss.*expected 2 values/,
    );
    expect(() => historyChart({ loss: [1, Number.POSITIVE_INFINITY] })).toThrow(
      /finite numbers, got Infinity at index 1/,
    );
    expect(() => historyChart({ loss: [Number.NaN] })).toThrow(/every value is NaN/);
    expect(() => historyChart({ loss: [] })).toThrow(/at least one value/);
    expect(() => historyChart({ loss: [1, 0] }, { logY: true })).toThrow(
      /log axis needs positive values/,
    );
    expect(() => historyChart({ loss: [1] }, { metrc: "loss" } as never)).toThrow(
      /unknown option 'metrc'/,
    );
    expect(() => historyChart(null as never)).toThrow(ValueError);
  });
});

describe("historyComparisonChart", () => {
  it("one panel per run on a shared vertical range, colours meaning the same split", () => {
    const a = fitHistory([2, 1], [2.2, 1.5]);
    const b = fitHistory([0.5, 0.3], [0.6, 0.4]);
    const c = parseChart(historyComparisonChart({ "without dropout": a, "with dropout": b }));
    const panels = c.byClass("nplot-panel");
    expect(panels.map((p) => p.getAttribute("data-title"))).toEqual([
      "without dropout",
      "with dropout",
    ]);
    expect(c.domain("y", 0)).toEqual(c.domain("y", 1));
    expect(c.domain("y", 0)[1]).toBeGreaterThanOrEqual(2.2);
    expect(c.legend()).toEqual(["training", "validation"]);
    const colours = c.series("training", "nplot-line").map((e) => e.getAttribute("stroke"));
    expect(new Set(colours).size).toBe(1);
  });

  it("refuses no runs", () => {
    expect(() => historyComparisonChart({})).toThrow(/historyComparisonChart: argument 'runs'/);
  });
});
