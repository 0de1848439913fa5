import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { brokenLinks } from "./doc-links.js";
import {
  extractTsBlocks,
  readReadme,
  runBlock,
  typecheckBlocks,
  writeBlocks,
} from "./readme-programs.js";

/**
 * The vitest suite that holds a package's README to its promise: every ```ts
 * block is a complete program that type-checks under `--strict` and runs to
 * the end (blocks fenced ```ts no-run are only type-checked), and every
 * relative link points to a file that exists.
 */
export function describeReadmePrograms(packageDir: string): void {
  const blocks = extractTsBlocks(readReadme(packageDir));
  describe("README programs", () => {
    let files: string[] = [];
    let diagnostics: string[][] = [];
    beforeAll(() => {
      files = writeBlocks(packageDir, blocks);
      diagnostics = typecheckBlocks(files, blocks);
    }, 180_000);

    it("has TypeScript blocks", () => {
      expect(blocks.length).toBeGreaterThan(0);
    });

    it("links only to files the repository has", () => {
      expect(brokenLinks(join(packageDir, "README.md"))).toEqual([]);
    });

    for (const [k, block] of blocks.entries()) {
      it(`README line ${block.line}: type-checks under strict${block.noRun ? "" : " and runs"}`, () => {
        expect(diagnostics[k]).toEqual([]);
        if (block.noRun) return;
        const run = runBlock(files[k]!);
        expect(run.stderr).not.toMatch(/Error/);
        expect(run.status, run.stderr).toBe(0);
      }, 120_000);
    }
  });
}
