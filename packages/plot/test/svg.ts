import { DOMParser, type Element } from "@xmldom/xmldom";

/** A parsed chart with the queries the tests need. Parsing fails the test on malformed XML. */
export interface ParsedChart {
  root: Element;
  /** Every element with `class` containing `cls`. */
  byClass(cls: string): Element[];
  /** The line path or point group of a series. */
  series(name: string, cls: "nplot-line" | "nplot-points" | "nplot-rects"): Element[];
  /** Text content of elements with `cls`. */
  texts(cls: string): string[];
  /** Legend labels, in order. */
  legend(): string[];
  /** `[lo, hi]` of the x or y axis of panel `i`. */
  domain(axis: "x" | "y", i?: number): [number, number];
  /** Tick labels of the x or y axis of panel `i`. */
  ticks(axis: "x" | "y", i?: number): string[];
}

function all(el: Element): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    out.push(e);
    for (let c = e.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) walk(c as Element);
  };
  walk(el);
  return out;
}

/** Parses an SVG chart; throws on XML errors. */
export function parseChart(svg: string): ParsedChart {
  const doc = new DOMParser({
    onError: (level, msg) => {
      if (level !== "warning") throw new Error(`invalid SVG: ${msg}`);
    },
  }).parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement as Element;
  const elements = all(root);
  const hasClass = (e: Element, cls: string) =>
    (e.getAttribute("class") ?? "").split(" ").includes(cls);
  const byClass = (cls: string) => elements.filter((e) => hasClass(e, cls));
  const axis = (a: "x" | "y", i: number) => byClass(`nplot-axis-${a}`)[i]!;
  return {
    root,
    byClass,
    series: (name, cls) => byClass(cls).filter((e) => e.getAttribute("data-series") === name),
    texts: (cls) => byClass(cls).map((e) => e.textContent ?? ""),
    legend: () => byClass("nplot-legend-item").map((e) => e.getAttribute("data-label") ?? ""),
    domain: (a, i = 0) =>
      axis(a, i).getAttribute("data-domain")!.split(",").map(Number) as [number, number],
    ticks: (a, i = 0) =>
      all(axis(a, i))
        .filter((e) => e.tagName === "text")
        .map((e) => e.textContent ?? ""),
  };
}

/** The `[x, y]` pixel pairs of a path's `d`, with `null` where a new piece starts (`M` after the first). */
export function pathPoints(el: Element): ([number, number] | null)[] {
  const out: ([number, number] | null)[] = [];
  for (const m of (el.getAttribute("d") ?? "").matchAll(/([ML])(-?[\d.]+) (-?[\d.]+)/g)) {
    if (m[1] === "M" && out.length) out.push(null);
    out.push([Number(m[2]), Number(m[3])]);
  }
  return out;
}

/** Number of markers in a point group. */
export function markerCount(group: Element): number {
  let n = 0;
  for (let c = group.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) n++;
  return n;
}
