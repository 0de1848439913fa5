import { tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { predictionChart } from "../src/index.js";
import { markerCount, parseChart, pathPoints } from "./svg.js";

describe("predictionChart", () => {
  const actual = [30, 10, 20, 50, 40];
  const predicted = [28, 14, 19, 45, 41];

  it("sorts the samples by real value: the real line rises, predictions follow their sample", () => {
    const c = parseChart(predictionChart({ actual, predicted }, { valueLabel: "price" }));
    const real = pathPoints(c.series("real value", "nplot-line")[0]!) as [number, number][];
    expect(real).toHaveLength(5);
    for (let i = 1; i < real.length; i++) expect(real[i]![1]).toBeLessThan(real[i - 1]![1]); // pixel y falls as value rises
    expect(markerCount(c.series("prediction", "nplot-points")[0]!)).toBe(5);
    expect(c.legend()).toEqual(["real value", "prediction"]);
    expect(c.texts("nplot-axis-title")).toEqual(["samples, sorted by real value", "price"]);
    // The first sorted sample is the real 10, predicted 14: its marker sits above the line's start.
    const first = c.series("prediction", "nplot-points")[0]!.firstChild as unknown as {
      getAttribute(n: string): string;
    };
    expect(Number(first.getAttribute("cy"))).toBeLessThan(real[0]![1]);
  });

  it("keeps sample order with sort: false", () => {
    const c = parseChart(predictionChart({ actual, predicted, sort: false }));
    const real = pathPoints(c.series("real value", "nplot-line")[0]!) as [number, number][];
    expect(real[1]![1]).toBeGreaterThan(real[0]![1]); // 30 then 10: the line falls
  });

  it("scatter: predicted against real on equal axes with the identity line", () => {
    const c = parseChart(
      predictionChart(
        { actual: tensor(actual), predicted: tensor(predicted, [5, 1]) },
        { variant: "scatter" },
      ),
    );
    expect(c.domain("x")).toEqual(c.domain("y"));
    expect(c.domain("x")).toEqual([10, 50]);
    expect(pathPoints(c.series("identity", "nplot-line")[0]!)).toHaveLength(2);
    expect(markerCount(c.series("predictions", "nplot-points")[0]!)).toBe(5);
  });

  it("refuses mismatched lengths, NaN, empty input, 2-D tensors and unknown variants", () => {
    expect(() => predictionChart({ actual: [1, 2], predicted: [1] })).toThrow(
      /predictionChart: argument 'predicted': expected as many values as 'actual' \(2\), got 1/,
    );
    expect(() => predictionChart({ actual: [1, Number.NaN], predicted: [1, 2] })).toThrow(
      /'actual': expected finite numbers, got NaN at index 1/,
    );
    expect(() => predictionChart({ actual: [], predicted: [] })).toThrow(/at least one value/);
    expect(() => predictionChart({ actual: tensor([[1, 2]]), predicted: [1] })).toThrow(
      /shape \[1,2\]/,
    );
    expect(() => predictionChart({ actual, predicted }, { variant: "bars" as never })).toThrow(
      /"line" or "scatter"/,
    );
  });
});
