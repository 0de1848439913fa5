import { linkSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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

  it("refuses to merge into a damaged report.json, leaving it as it is", () => {
    const dir = tempOut();
    const info = {
      example: "wine",
      title: "T",
      book: [2],
      lead: "L",
      command: "pnpm demo wine",
    };
    const first = new Report(dir, info);
    first.chart("one", chart, "One", "first");
    first.finish([]);
    const path = join(dir, MANIFEST_FILE);
    const damaged = readFileSync(path, "utf8").slice(0, 40);
    writeFileSync(path, damaged);
    expect(() => new Report(dir, { ...info, example: "boston" })).toThrow(
      /report's .*report\.json is damaged: it is not valid JSON .* so it was left as it is: repair or delete it, or pass another --out/,
    );
    writeFileSync(path, JSON.stringify({ sections: "none" }));
    expect(() => new Report(dir, info)).toThrow(/damaged: it has no sections array/);
    expect(readFileSync(path, "utf8")).toBe(JSON.stringify({ sections: "none" }));
  });

  it("writes every file through a temporary file and rename, never in place", () => {
    const dir = tempOut();
    const info = { example: "xor", title: "T", book: [2], lead: "L", command: "c" };
    const first = new Report(dir, info);
    first.chart("a", chart, "A", "a");
    first.finish([]);
    // Hard links see an in-place rewrite; a rename replaces the name and leaves them alone.
    const names = ["index.html", "report.json", "xor-a.svg"];
    for (const n of names) linkSync(join(dir, n), join(dir, `old-${n}`));
    const before = names.map((n) => readFileSync(join(dir, n), "utf8"));
    const again = new Report(dir, { ...info, lead: "changed" });
    again.chart(
      "a",
      lineChart({ name: "a", x: [1, 2], y: [2, 1] }, { title: "other", xLabel: "x", yLabel: "y" }),
      "A",
      "a",
    );
    again.finish([["k", "v"]]);
    names.forEach((n, i) => {
      expect(readFileSync(join(dir, `old-${n}`), "utf8")).toBe(before[i]);
      expect(readFileSync(join(dir, n), "utf8")).not.toBe(before[i]);
    });
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("escapes text", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });
});
