import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Source files reachable from an entry through relative imports, and the packages they import. */
export interface ImportGraph {
  /** Absolute paths of the `.ts` files reached. */
  files: Set<string>;
  /** Bare specifiers imported anywhere in them (`@neurite/tensor`, `node:fs`, ...). */
  packages: Set<string>;
}

const IMPORT =
  /(?:import|export)\s[^"';]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;

/**
 * Walks the static and dynamic imports of `entry` (relative to `srcDir`), so a
 * test can prove that a package's main entry never reaches Node-only code.
 */
export function importGraph(srcDir: string, entry: string): ImportGraph {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  };
  visit(join(srcDir, entry));
  return { files, packages };
}

/** The files among `files` whose code (comments removed) uses a Node global. */
export function filesUsingNodeGlobals(files: Iterable<string>): string[] {
  const NODE_GLOBAL = /\b(process\.|Buffer\b|require\(|__dirname|__filename)/;
  return [...files].filter((f) =>
    NODE_GLOBAL.test(readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")),
  );
}
