import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
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
 * section and keeps the others (remembered in `report.json`).
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
  }

  /**
   * Writes a chart (an SVG string from `@neurite/plot`) to `<example>-<name>.svg` and adds it to the report.
   * @returns the SVG file's absolute path
   */
  chart(name: string, svg: string, title: string, caption: string): string {
    mkdirSync(this.dir, { recursive: true });
    const file = `${this.info.example}-${name}.svg`;
    const path = join(this.dir, file);
    writeFileSync(path, svg);
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
    mkdirSync(this.dir, { recursive: true });
    const manifestPath = join(this.dir, MANIFEST_FILE);
    let sections: ReportSection[] = [];
    if (existsSync(manifestPath)) {
      try {
        const parsed = JSON.parse(readFileSync(manifestPath, "utf8")) as { sections?: unknown };
        if (Array.isArray(parsed.sections)) sections = parsed.sections as ReportSection[];
      } catch {
        sections = []; // a damaged manifest only loses the other examples' sections
      }
    }
    const mine: ReportSection = { ...this.info, facts, charts: this.charts };
    sections = sections.filter((s) => s.example !== mine.example && ORDER.includes(s.example));
    sections.push(mine);
    sections.sort((a, b) => ORDER.indexOf(a.example) - ORDER.indexOf(b.example));
    writeFileSync(manifestPath, `${JSON.stringify({ sections }, null, 2)}\n`);
    const html = join(this.dir, REPORT_FILE);
    writeFileSync(html, reportHtml(sections));
    return [...this.files, html];
  }
}
