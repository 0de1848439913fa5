import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../src/charts/html.js";
import { lineChart } from "../src/charts/specs.js";
import { MANIFEST_FILE, Report } from "../src/report.js";
import { isSvg, tempOut } from "./helpers.js";

const spec = lineChart({
  title: "t <1>",
  points: [
    { x: 1, y: 2, series: "a" },
    { x: 2, y: 1, series: "a" },
  ],
  xTitle: "x",
  yTitle: "y",
});

describe("HTML report", () => {
  it("keeps one section per example, in the book's order, across runs into one directory", async () => {
    const dir = tempOut();
    const info = (example: string) => ({
      example,
      title: `T ${example}`,
      book: [2],
      lead: "L & l",
      command: `pnpm demo ${example}`,
    });
    const wine = new Report(dir, info("wine"));
    await wine.chart("one", spec, "One", "first");
    wine.finish([["k", "v"]]);
    const perceptron = new Report(dir, info("perceptron"));
    const svg = await perceptron.chart("two", spec, "Two", "second");
    expect(svg).toBe(join(dir, "perceptron-two.svg"));
    expect(isSvg(svg)).toBe(true);
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
