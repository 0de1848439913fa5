import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const README = readFileSync(join(__dirname, "..", "README.md"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "neurite-train-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (pkg: string) =>
  pathToFileURL(join(__dirname, "..", pkg === "train" ? "" : `../${pkg}`, "src", "index.ts")).href;

describe("README", () => {
  it("the wine example runs and prints what its comments say", async () => {
    const block = /<!-- example:wine -->\s*```ts\n([\s\S]*?)```/.exec(README)?.[1];
    expect(block).toBeDefined();
    const code = block!.replace(/"@neurite\/(\w+)"/g, (_, pkg: string) =>
      JSON.stringify(source(pkg)),
    );
    const file = join(dir, "wine-example.ts");
    writeFileSync(file, code);
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => JSON.stringify(a)).join(" "));
    });
    try {
      await import(pathToFileURL(file).href);
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual([
      "27 30",
      '["loss","accuracy","val_loss","val_accuracy"]',
      '"0.96"',
      "[45,3]",
    ]);
    // the comments in the block say the same
    for (const c of [
      "// 27 30",
      "// [ 'loss', 'accuracy', 'val_loss', 'val_accuracy' ]",
      "// 0.96",
      "// [ 45, 3 ]",
    ])
      expect(block).toContain(c);
  });

  it("explains batch size, epoch and iteration with the wine numbers", () => {
    for (const s of [
      "133",
      "27 iterations",
      "810 weight updates",
      "batch size 5",
      "keras-team/keras#12511",
    ])
      expect(README).toContain(s);
  });
});
