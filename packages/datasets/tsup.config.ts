import { defineConfig, type Options } from "tsup";

const shared: Options = {
  dts: { entry: ["src/index.ts", "src/node.ts"] },
  sourcemap: true,
  target: "es2022",
};

export default defineConfig([
  {
    // ESM keeps one output file per source module. With `sideEffects: false`, a
    // browser bundler then drops every module an app does not use: the embedded
    // tables of the datasets it never loads, and the CSV reader with papaparse.
    // A single bundled file would keep them all (its top-level loaders and the
    // papaparse import count as side effects of that one file).
    ...shared,
    entry: ["src/**/*.ts"],
    format: ["esm"],
    bundle: false,
  },
  {
    // CJS (Node's require) stays two bundled entries. Splitting keeps shared code
    // in one chunk, so classes such as CsvError are the same objects whichever
    // entry throws them.
    ...shared,
    entry: ["src/index.ts", "src/node.ts"],
    format: ["cjs"],
    splitting: true,
  },
]);
