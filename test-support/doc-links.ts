import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const LINK = /\]\(([^)\s#]+)(?:#[^)\s]*)?\)/g;

/**
 * The relative Markdown links of a document (`[text](../path#anchor)`) whose
 * target does not exist in the working tree, as `link -> resolved path`.
 * Absolute URLs and in-page anchors are not checked.
 */
export function brokenLinks(markdownFile: string): string[] {
  const text = readFileSync(markdownFile, "utf8");
  const broken: string[] = [];
  for (const m of text.matchAll(LINK)) {
    const target = m[1]!;
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:, ...
    const path = resolve(dirname(markdownFile), target);
    if (!existsSync(path)) broken.push(`${target} -> ${path}`);
  }
  return broken;
}
