import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lineChart, saveChart, saveChartSync } from "../src/node.js";

describe("saveChart", () => {
  const svg = lineChart({ y: [1, 2, 3] });

  it("writes the SVG, creating the directory, and leaves no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nplot-"));
    await saveChart(svg, join(dir, "charts", "a.svg"));
    saveChartSync(svg, join(dir, "charts", "b.svg"));
    expect(readFileSync(join(dir, "charts", "a.svg"), "utf8")).toBe(svg);
    expect(readdirSync(join(dir, "charts")).sort()).toEqual(["a.svg", "b.svg"]);
  });

  it("refuses what is not an SVG and paths not ending in .svg", async () => {
    await expect(saveChart("hello", "/tmp/x.svg")).rejects.toThrow(
      /saveChart: argument 'svg': expected an SVG document/,
    );
    expect(() => saveChartSync(svg, "/tmp/x.png")).toThrow(
      /saveChartSync: argument 'path': expected a path ending in .svg/,
    );
  });
});
