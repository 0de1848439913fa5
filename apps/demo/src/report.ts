import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureDirectorySync, writeFileAtomicSync } from "@neurite/layers/node";
import { type ChartEntry, type ReportSection, reportHtml } from "./charts/html.js";

/** Name of the HTML report in the output directory. */
export const REPORT_FILE = "index.html";
/** Name of the JSON file that remembers every example's section of the report. */
export const MANIFEST_FILE = "report.json";

/** The order of the sections in the report: the order of the examples in the book. */
const ORDER = ["perceptron", "xor", "activations", "wine", "boston", "batchnorm", "dropout"];

/** What {@link Report} needs to know about the example writing it. */
export type SectionInfo = Omit<ReportSection, "charts" | "facts">;

/**
 * Collects one example's charts into an output directory: each chart is
 * written to `<example>-<name>.svg` as soon as it is added, and
 * {@link Report.finish} writes the HTML report. Examples run one after the
 * other into the same directory share one report: each replaces its own
 * section and keeps the others (remembered in `report.json`). Every file is
 * written atomically (temporary file, then rename), so an interrupted run
 * never leaves a torn chart, report or page; a damaged `report.json` is
 * refused rather than overwritten, since it holds the other sections.
 */
export class Report {
  /** Absolute output directory. */
  readonly dir: string;
  private readonly charts: ChartEntry[] = [];
  private readonly files: string[] = [];

  /**
   * @param outDir - the output directory (created if missing)
   * @param info - the example's section heading, book items and lead paragraph
   */
  constructor(
    outDir: string,
    private readonly info: SectionInfo,
  ) {
    this.dir = resolve(outDir);
    readSections(this.dir); // a damaged report.json fails before any chart is drawn
  }

  /**
   * Writes a chart (an SVG string from `@neurite/plot`) to `<example>-<name>.svg` and adds it to the report.
   * @returns the SVG file's absolute path
   */
  chart(name: string, svg: string, title: string, caption: string): string {
    ensureDirectorySync("Report.chart", "outDir", this.dir);
    const file = `${this.info.example}-${name}.svg`;
    const path = join(this.dir, file);
    writeFileAtomicSync(path, new TextEncoder().encode(svg));
    this.charts.push({ file, title, caption });
    this.files.push(path);
    return path;
  }

  /**
   * Writes this example's section into `report.json` and regenerates `index.html`.
   * @param facts - the final numbers to show, already formatted
   * @returns every file written by this report (charts, then the HTML page)
   */
  finish(facts: [string, string][]): string[] {
    ensureDirectorySync("Report.finish", "outDir", this.dir);
    let sections = readSections(this.dir);
    const mine: ReportSection = { ...this.info, facts, charts: this.charts };
    sections = sections.filter((s) => s.example !== mine.example && ORDER.includes(s.example));
    sections.push(mine);
    sections.sort((a, b) => ORDER.indexOf(a.example) - ORDER.indexOf(b.example));
    const text = (t: string) => new TextEncoder().encode(t);
    writeFileAtomicSync(
      join(this.dir, MANIFEST_FILE),
      text(`${JSON.stringify({ sections }, null, 2)}\n`),
    );
    const html = join(this.dir, REPORT_FILE);
    writeFileAtomicSync(html, text(reportHtml(sections)));
    return [...this.files, html];
  }
}

/**
 * The sections kept in `dir`'s `report.json` (none when there is no such
 * file). A file that cannot be read as a report is an error: merging into it
 * would silently drop the other examples' sections.
 */
function readSections(dir: string): ReportSection[] {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return [];
    throw e;
  }
  let why: string | undefined;
  let sections: unknown;
  try {
    sections = (JSON.parse(text) as { sections?: unknown } | null)?.sections;
    if (!Array.isArray(sections)) why = "it has no sections array";
    else if (!sections.every((s) => typeof s?.example === "string" && Array.isArray(s?.charts)))
      why = "a section lacks its example name or charts";
  } catch (e) {
    why = `it is not valid JSON (${(e as Error).message})`;
  }
  if (why !== undefined)
    throw new Error(
      `the report's ${path} is damaged: ${why}. It holds the sections of the examples run before into this directory, so it was left as it is: repair or delete it, or pass another --out`,
    );
  return sections as ReportSection[];
}
