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

  it("xInteger: an epoch-like axis from the first x, whole ticks only", () => {
    const c = parseChart(
      lineChart({ x: [1, 2, 3, 4, 5, 6], y: [4, 2, 1, 0, 0, 0] }, { xInteger: true }),
    );
    expect(c.domain("x")).toEqual([1, 6]);
    expect(c.ticks("x")).toEqual(["1", "2", "3", "4", "5", "6"]);
    const odd = { x: [1, 3, 5, 7, 9, 11], y: [1, 1, 1, 1, 1, 1] };
    expect(parseChart(lineChart(odd)).domain("x")).toEqual([0, 12]); // widened to the step of 2
    expect(parseChart(lineChart(odd, { xInteger: true })).domain("x")).toEqual([1, 11]);
  });

  it("wraps a title or subtitle wider than the chart into lines, words intact", () => {
    const subtitle =
      "a subtitle long enough that it cannot fit on one line of a chart this narrow, so it wraps";
    const c = parseChart(lineChart({ y: [1, 2] }, { subtitle, width: 200 }));
    const lines = c.texts("nplot-subtitle");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe(subtitle);
    const height = Number(c.root.getAttribute("height"));
    const short = parseChart(lineChart({ y: [1, 2] }, { subtitle: "short", width: 200 }));
    expect(height).toBeGreaterThan(Number(short.root.getAttribute("height")));
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
