import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lineChart } from "@neurite/plot";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../src/charts/html.js";
import { MANIFEST_FILE, Report } from "../src/report.js";
import { isSvg, tempOut } from "./helpers.js";

const chart = lineChart(
  { name: "a", x: [1, 2], y: [2, 1] },
  { title: "t <1>", xLabel: "x", yLabel: "y" },
);

describe("HTML report", () => {
  it("keeps one section per example, in the book's order, across runs into one directory", () => {
    const dir = tempOut();
    const info = (example: string) => ({
      example,
      title: `T ${example}`,
      book: [2],
      lead: "L & l",
      command: `pnpm demo ${example}`,
    });
    const wine = new Report(dir, info("wine"));
    wine.chart("one", chart, "One", "first");
    wine.finish([["k", "v"]]);
    const perceptron = new Report(dir, info("perceptron"));
    const svg = perceptron.chart("two", chart, "Two", "second");
    expect(svg).toBe(join(dir, "perceptron-two.svg"));
    expect(isSvg(svg)).toBe(true);
    expect(readFileSync(svg, "utf8")).toBe(chart);
    const files = perceptron.finish([]);
    expect(files).toEqual([svg, join(dir, "index.html")]);
    // Running wine again replaces its section instead of adding one.
    const again = new Report(dir, info("wine"));
    again.finish([["k", "v2"]]);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8"));
    expect(manifest.sections.map((s: { example: string }) => s.example)).toEqual([
      "perceptron",
      "wine",
    ]);
    const html = readFileSync(join(dir, "index.html"), "utf8");
    expect(html.indexOf('id="perceptron"')).toBeLessThan(html.indexOf('id="wine"'));
    expect(html).toContain("L &amp; l");
    expect(html).toContain("<td>v2</td>");
    expect(html).not.toContain('src="wine-one.svg"');
  });

  it("escapes text", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });
});
