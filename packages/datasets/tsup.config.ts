import { defineConfig } from "tsup";

export default defineConfig({
  // Two entries: the browser-safe main entry and the Node-only file readers.
  // Splitting (also for CJS) keeps shared code in one chunk, so classes such as
  // CsvError are the same objects whichever entry throws them.
  entry: ["src/index.ts", "src/node.ts"],
  format: ["esm", "cjs"],
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
});
