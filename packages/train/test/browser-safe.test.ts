import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filesUsingNodeGlobals, importGraph } from "../../../test-support/import-graph.js";

const SRC = join(__dirname, "..", "src");

describe("the main entry is browser-safe", () => {
  const { files, packages } = importGraph(SRC, "index.ts");

  it("reaches no node: import and no Node-only package", () => {
    expect([...packages].sort()).toEqual([
      "@neurite/autograd",
      "@neurite/datasets",
      "@neurite/layers",
      "@neurite/optim",
      "@neurite/tensor",
    ]);
    expect(files.size).toBeGreaterThan(20);
  });

  it("does not reach the Node-only files", () => {
    const rel = [...files].map((f) => f.slice(SRC.length + 1));
    for (const f of [
      "node.ts",
      "node/fit.ts",
      "progress/bar.ts",
      "callbacks/model-checkpoint.ts",
      "callbacks/csv-logger.ts",
    ])
      expect(rel).not.toContain(f);
  });

  it("uses no Node globals (process, Buffer, require, __dirname)", () => {
    expect(filesUsingNodeGlobals(files)).toEqual([]);
  });

  it("the Node entry is where node: imports and cli-progress live", () => {
    const node = importGraph(SRC, "node.ts");
    expect([...node.packages].filter((p) => p.startsWith("node:")).sort()).toEqual([
      "node:fs",
      "node:path",
    ]);
    expect(node.packages.has("cli-progress")).toBe(true);
    expect(node.packages.has("@neurite/layers/node")).toBe(true);
  });
});
