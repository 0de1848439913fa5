import { tensor } from "@neurite/tensor";
import { describe, expect, it } from "vitest";
import { lineChart, scatterChart } from "../src/index.js";
import { markerCount, parseChart, pathPoints } from "./svg.js";

describe("lineChart and scatterChart", () => {
  it("a nameless series: x from 0, no legend, markers for short series", () => {
    const c = parseChart(lineChart({ y: [3, 1, 2] }, { title: "t", xLabel: "step", yLabel: "v" }));
    expect(c.legend()).toEqual([]);
    expect(c.domain("x")).toEqual([0, 2]);
    expect(pathPoints(c.byClass("nplot-line")[0]!)).toHaveLength(3);
    expect(markerCount(c.byClass("nplot-points")[0]!)).toBe(3);
  });

  it("named series get a legend and palette colours in order; long series no markers", () => {
    const y = Array.from({ length: 100 }, (_, i) => i);
    const c = parseChart(
      lineChart([
        { name: "a", y },
        { name: "b", y: tensor(y) },
      ]),
    );
    expect(c.legend()).toEqual(["a", "b"]);
    expect(c.byClass("nplot-points")).toHaveLength(0);
    const [a, b] = c.byClass("nplot-line").map((e) => e.getAttribute("stroke"));
    expect(a).not.toBe(b);
  });

  it("escapes text and produces a standalone document readable on light and dark pages", () => {
    const svg = scatterChart({ name: "x < y & z", x: [1, 2], y: [2, 1] }, { title: "<b>" });
    const c = parseChart(svg);
    expect(c.legend()).toEqual(["x < y & z"]);
    expect(c.texts("nplot-title")).toEqual(["<b>"]);
    expect(c.root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(svg).toContain("prefers-color-scheme: dark");
    expect(c.byClass("nplot-bg")).toHaveLength(1);
  });

  it("fixed domains and log axes", () => {
    const c = parseChart(lineChart({ y: [1, 10, 100] }, { logY: true, xDomain: [0, 4] }));
    expect(c.domain("x")).toEqual([0, 4]);
    expect(c.ticks("y")).toEqual(["1", "10", "100"]);
  });

  it("refuses no series, length mismatch, missing scatter x, non-positive log values, bad domains", () => {
    expect(() => lineChart([])).toThrow(
      /lineChart: argument 'series': expected at least one series/,
    );
    expect(() => lineChart({ x: [1, 2], y: [1] })).toThrow(
      /argument 'series.y': expected as many values as 'series.x' \(2\), got 1/,
    );
    expect(() => scatterChart({ y: [1] })).toThrow(
      /scatterChart: argument 'series.x': expected x values/,
    );
    expect(() => lineChart({ y: [1, -1] }, { logY: true })).toThrow(
      /log axis needs positive values/,
    );
    expect(() => lineChart({ y: [1] }, { yDomain: [2, 1] })).toThrow(/argument 'yDomain'/);
    expect(() => lineChart({ y: ["1" as unknown as number] })).toThrow(
      /expected numbers, got string 1 at index 0/,
    );
    expect(() => lineChart({ y: [1] }, { width: 10 })).toThrow(/argument 'width'/);
  });
});
