import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const README = readFileSync(join(__dirname, "..", "README.md"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "neurite-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README", () => {
  it("the wine example runs and prints the numbers it promises", async () => {
    const block = /<!-- example:wine -->\s*```ts\n([\s\S]*?)```/.exec(README)?.[1];
    expect(block).toBeDefined();
    const src = pathToFileURL(join(__dirname, "..", "src", "index.ts")).href;
    const file = join(dir, "wine-example.ts");
    writeFileSync(file, block!.replace('"@neurite/datasets"', JSON.stringify(src)));
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => JSON.stringify(a)).join(" "));
    });
    try {
      await import(pathToFileURL(file).href);
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual(["[133,13] [45,13] [45]", "27", "810 [45,13]"]);
  });
  it("states the batch/epoch/iteration numbers and what B encodes", () => {
    for (const s of [
      "178",
      "133",
      "27 iterations",
      "810 weight updates",
      "proportion of Black residents",
      "loadDiabetes()",
    ])
      expect(README).toContain(s);
  });
});
