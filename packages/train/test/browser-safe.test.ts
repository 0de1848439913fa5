import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "src");

/** Every source file reachable from `entry` through relative imports, and the packages those files import. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(
      /(?:import|export)\s[^"';]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g,
    )) {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  };
  visit(join(SRC, entry));
  return { files, packages };
}

describe("the main entry is browser-safe", () => {
  const { files, packages } = importGraph("index.ts");

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
    for (const f of files) {
      const code = readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect(code, f).not.toMatch(/\b(process\.|Buffer\b|require\(|__dirname|__filename)/);
    }
  });

  it("the Node entry is where node: imports and cli-progress live", () => {
    const node = importGraph("node.ts");
    expect([...node.packages].filter((p) => p.startsWith("node:")).sort()).toEqual([
      "node:fs",
      "node:path",
    ]);
    expect(node.packages.has("cli-progress")).toBe(true);
    expect(node.packages.has("@neurite/layers/node")).toBe(true);
  });
});
