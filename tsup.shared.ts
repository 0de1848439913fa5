import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Options } from "tsup";

/**
 * The tsup build of every package: ESM + CJS + `.d.ts` for the given entries
 * (`["src/index.ts"]`, plus `"src/node.ts"` for a Node-only entry).
 *
 * - ESM keeps one output file per source module (`bundle: false`). With
 *   `sideEffects: false`, a browser bundler then drops every module an app does
 *   not use: the datasets' embedded tables and papaparse when no loader or CSV
 *   parser is used, schedulers and callbacks a training run does not ask for.
 *   One bundled file would defeat that: bundlers keep a whole file for one
 *   top-level call (the datasets' cached loaders, a class's static block).
 * - CJS (Node's `require`) is bundled per entry; splitting puts shared code in
 *   one chunk, so `@neurite/x/node` and `@neurite/x` hand out the same classes.
 *
 * Evaluating it empties `dist/` first (the two builds run in parallel, so
 * neither can clean for the other).
 */
export function packageBuild(entries: string[]): Options[] {
  rmSync(join(process.cwd(), "dist"), { recursive: true, force: true });
  const shared: Options = {
    // Declarations refer to sibling packages through their published entries,
    // not through the workspace-only "@neurite/source" condition.
    dts: { entry: entries, compilerOptions: { customConditions: [] } },
    sourcemap: true,
    target: "es2022",
  };
  return [
    { ...shared, entry: ["src/**/*.ts", "!src/**/*.test.ts"], format: ["esm"], bundle: false },
    { ...shared, entry: entries, format: ["cjs"], splitting: true },
  ];
}
