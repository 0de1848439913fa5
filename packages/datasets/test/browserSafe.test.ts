import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filesUsingNodeGlobals, importGraph } from "../../../test-support/import-graph.js";

const SRC = join(__dirname, "..", "src");

describe("the main entry is browser-safe", () => {
  const { files, packages } = importGraph(SRC, "index.ts");
  it("imports no Node built-ins, only the package's dependencies", () => {
    expect([...packages].sort()).toEqual(["@neurite/tensor", "fflate", "papaparse"]);
  });
  it("does not reach the Node-only entry", () => {
    expect(files.has(join(SRC, "node.ts"))).toBe(false);
    expect(files.size).toBeGreaterThan(30);
  });
  it("uses no Node globals (process, Buffer, require, __dirname)", () => {
    expect(filesUsingNodeGlobals(files)).toEqual([]);
  });
  it("the Node entry is where node: imports live", () => {
    const node = importGraph(SRC, "node.ts");
    expect([...node.packages].filter((p) => p.startsWith("node:")).sort()).toEqual([
      "node:fs",
      "node:fs/promises",
    ]);
  });
});
