import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";

/** A fresh temporary output directory. */
export function tempOut(): string {
  return mkdtempSync(join(tmpdir(), "neurite-demo-"));
}

/** Collects the lines an example prints. */
export function collector(): { log: (line: string) => void; text: () => string } {
  const lines: string[] = [];
  return { log: (line) => lines.push(line), text: () => lines.join("\n") };
}

/** Reads a file as text. */
export function read(path: string): string {
  return readFileSync(path, "utf8");
}

/** Checks that a file is an SVG document drawn by @neurite/plot. */
export function isSvg(path: string): boolean {
  const text = read(path);
  return (
    text.startsWith("<svg") &&
    text.trimEnd().endsWith("</svg>") &&
    text.includes('class="nplot-panel"')
  );
}

/** What the chart tests check of an SVG file, read with an XML parser. */
export interface ChartFacts {
  /** Legend labels in order. */
  legend: string[];
  /** Panel titles (grids and side-by-side charts). */
  panels: string[];
  /** Tick labels of each panel's horizontal axis. */
  xTicks: string[][];
  /** `[lo, hi]` of each panel's vertical axis. */
  yDomains: [number, number][];
  /** Stroke colours of the lines of each series name. */
  lineColors: Map<string, Set<string>>;
  /** Every text in the chart. */
  texts: string[];
}

/** Parses a chart file written by the demo; fails on malformed XML. */
export function chartFacts(path: string): ChartFacts {
  const doc = new DOMParser({
    onError: (level, msg) => {
      if (level !== "warning") throw new Error(`${path}: invalid SVG: ${msg}`);
    },
  }).parseFromString(read(path), "image/svg+xml");
  const all: Element[] = [];
  const walk = (e: Element) => {
    all.push(e);
    for (let c = e.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) walk(c as Element);
  };
  walk(doc.documentElement as Element);
  const has = (e: Element, cls: string) => (e.getAttribute("class") ?? "").split(" ").includes(cls);
  const texts = (e: Element) => {
    const out: string[] = [];
    const visit = (n: Element) => {
      if (n.tagName === "text") out.push(n.textContent ?? "");
      for (let c = n.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) visit(c as Element);
    };
    visit(e);
    return out;
  };
  const lineColors = new Map<string, Set<string>>();
  for (const e of all.filter((e) => has(e, "nplot-line"))) {
    const name = e.getAttribute("data-series") ?? "";
    if (!lineColors.has(name)) lineColors.set(name, new Set());
    lineColors.get(name)!.add(e.getAttribute("stroke") ?? "");
  }
  return {
    legend: all
      .filter((e) => has(e, "nplot-legend-item"))
      .map((e) => e.getAttribute("data-label")!),
    panels: all.filter((e) => has(e, "nplot-panel")).map((e) => e.getAttribute("data-title") ?? ""),
    xTicks: all.filter((e) => has(e, "nplot-axis-x")).map(texts),
    yDomains: all
      .filter((e) => has(e, "nplot-axis-y"))
      .map((e) => e.getAttribute("data-domain")!.split(",").map(Number) as [number, number]),
    lineColors,
    texts: texts(doc.documentElement as Element),
  };
}

/** The summary fields of the wine example run for 2 epochs with its other defaults. */
export const WINE_TWO_EPOCHS = {
  example: "wine",
  seed: 0,
  epochs: 2,
  batchSize: 5,
  iterationsPerEpoch: 27,
  samples: { train: 133, test: 45 },
};
