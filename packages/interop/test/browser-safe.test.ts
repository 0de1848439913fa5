import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filesUsingNodeGlobals, importGraph } from "../../../test-support/import-graph.js";

const SRC = join(__dirname, "..", "src");

describe("the main entry is browser-safe", () => {
  const { files, packages } = importGraph(SRC, "index.ts");

  it("reaches no node: import and no package besides Neurite's own", () => {
    expect([...packages].sort()).toEqual(["@neurite/layers", "@neurite/tensor"]);
    expect(files.size).toBeGreaterThan(8);
    expect([...files].map((f) => f.slice(SRC.length + 1))).not.toContain("node.ts");
  });

  it("uses no Node globals (process, Buffer, require, __dirname)", () => {
    expect(filesUsingNodeGlobals(files)).toEqual([]);
  });

  it("the .keras entry adds only its zip and HDF5 readers", () => {
    const keras = importGraph(SRC, "keras.ts");
    expect([...keras.packages].sort()).toEqual([
      "@neurite/layers",
      "@neurite/tensor",
      "fflate",
      "jsfive",
    ]);
    expect(filesUsingNodeGlobals(keras.files)).toEqual([]);
  });

  it("the Node entry is where node: imports live", () => {
    const node = importGraph(SRC, "node.ts");
    expect([...node.packages].filter((p) => p.startsWith("node:")).sort()).toEqual([
      "node:fs/promises",
      "node:path",
    ]);
    expect(node.packages.has("@neurite/layers/node")).toBe(true);
  });
});
