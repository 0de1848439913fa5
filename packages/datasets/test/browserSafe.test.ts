import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "src");

/** Every source file reachable from `entry` through relative imports, and the packages it imports. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(
      /(?:import|export)\s[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
    )) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  };
  visit(join(SRC, entry));
  return { files, packages };
}

describe("the main entry is browser-safe", () => {
  const { files, packages } = importGraph("index.ts");
  it("imports no Node built-ins, only the package's dependencies", () => {
    expect([...packages].sort()).toEqual(["@neurite/tensor", "fflate", "papaparse"]);
  });
  it("does not reach the Node-only entry", () => {
    expect(files.has(join(SRC, "node.ts"))).toBe(false);
    expect(files.size).toBeGreaterThan(30);
  });
  it("uses no Node globals (process, Buffer, require, __dirname)", () => {
    for (const f of files) {
      const code = readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect(code, f).not.toMatch(/\b(process\.|Buffer\b|require\(|__dirname|__filename)/);
    }
  });
  it("the Node entry is where node: imports live", () => {
    const node = importGraph("node.ts");
    expect([...node.packages].filter((p) => p.startsWith("node:")).sort()).toEqual([
      "node:fs",
      "node:fs/promises",
    ]);
  });
});
