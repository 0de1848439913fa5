import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filesUsingNodeGlobals, importGraph } from "../../../test-support/import-graph.js";

const SRC = join(__dirname, "..", "src");

describe("the main entry is browser-safe", () => {
  const { files, packages } = importGraph(SRC, "index.ts");

  it("reaches only the core packages, no node: import and no node.ts", () => {
    expect([...packages].sort()).toEqual(["@neurite/layers", "@neurite/tensor", "@neurite/train"]);
    expect([...files].map((f) => f.slice(SRC.length + 1))).not.toContain("node.ts");
    expect(filesUsingNodeGlobals(files)).toEqual([]);
  });

  it("the Node entry adds node: modules and layers' atomic writer", () => {
    const node = importGraph(SRC, "node.ts");
    expect(node.packages.has("@neurite/layers/node")).toBe(true);
    expect(node.packages.has("node:fs")).toBe(true);
  });
});
