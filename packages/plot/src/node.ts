/**
 * @packageDocumentation
 * `@neurite/plot/node`: everything of `@neurite/plot`, plus writing charts to
 * files from Node.js (it imports `node:fs`). The main entry stays browser-safe.
 */
import { mkdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, extname } from "node:path";
import { writeFileAtomic, writeFileAtomicSync } from "@neurite/layers/node";
import { ValueError } from "@neurite/tensor";

export * from "./index.js";

function check(op: string, svg: unknown, path: unknown): Uint8Array {
  if (typeof svg !== "string" || !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg))
    throw new ValueError(
      op,
      "svg",
      `expected an SVG document string (as the chart functions return), got ${typeof svg === "string" ? `text starting "${svg.slice(0, 20)}"` : typeof svg}`,
    );
  if (typeof path !== "string" || path.length === 0)
    throw new ValueError(op, "path", "expected a file path");
  if (extname(path).toLowerCase() !== ".svg")
    throw new ValueError(op, "path", `expected a path ending in .svg, got '${path}'`);
  return new TextEncoder().encode(svg);
}

/**
 * Writes a chart to an `.svg` file atomically (a temporary file in the same
 * directory, flushed, then renamed over the target), creating the directory if
 * needed: a crash never leaves a half-written chart behind.
 *
 * @example
 * ```ts
 * import { historyChart, saveChart } from "@neurite/plot/node";
 * await saveChart(historyChart(history, { metric: "accuracy" }), "out/accuracy.svg");
 * ```
 * @throws ValueError when `svg` is not an SVG document or `path` does not end in `.svg`; Node's errors for I/O failures
 */
export async function saveChart(svg: string, path: string): Promise<void> {
  const bytes = check("saveChart", svg, path);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, bytes);
}

/** The synchronous {@link saveChart}. */
export function saveChartSync(svg: string, path: string): void {
  const bytes = check("saveChartSync", svg, path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomicSync(path, bytes);
}
