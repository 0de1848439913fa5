import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { brokenLinks } from "../../../test-support/doc-links.js";
import { extractTsBlocks } from "../../../test-support/readme-programs.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

// The documents outside the packages (each package's suite checks its own README).
const documents = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
  ...readdirSync(join(root, "apps")).map((app) => `apps/${app}/README.md`),
];

describe("the repository's documents", () => {
  it("include the textbook chapter's page that the architecture and the demo cite", () => {
    expect(documents).toContain("docs/BOOK.md");
    expect(documents).toContain("docs/ARCHITECTURE.md");
  });

  it.each(documents)("%s links only to files the repository has", (doc) => {
    expect(brokenLinks(join(root, doc))).toEqual([]);
  });
});

describe("the documentation checks themselves", () => {
  it("brokenLinks reports a missing relative target and skips URLs and anchors", () => {
    const dir = mkdtempSync(join(tmpdir(), "neurite-links-"));
    writeFileSync(join(dir, "there.md"), "");
    const doc = join(dir, "doc.md");
    writeFileSync(
      doc,
      "[a](there.md) [b](there.md#part) [c](https://example.org/x) [d](#local) [e](../nope/API.md)",
    );
    expect(brokenLinks(doc)).toEqual([`../nope/API.md -> ${resolve(dir, "../nope/API.md")}`]);
  });

  it("extractTsBlocks takes ```ts blocks with their README line, flags and list indentation", () => {
    const md = [
      "# T", // 1
      "```ts", // 2
      "const a = 1;", // 3
      "```", // 4
      "```sh", // 5
      "pnpm x", // 6
      "```", // 7
      "- item", // 8
      "  ```ts no-run", // 9
      "  await initWasm();", // 10
      "  ```", // 11
    ].join("\n");
    expect(extractTsBlocks(md)).toEqual([
      { line: 3, code: "const a = 1;\n", noRun: false },
      { line: 10, code: "await initWasm();\n", noRun: true },
    ]);
    expect(() => extractTsBlocks("```ts\nconst a = 1;\n")).toThrow(/line 1: .* never closed/);
  });
});
