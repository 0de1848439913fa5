import { defineConfig } from "tsup";

export default defineConfig({
  // Two entries: the browser-safe main entry and the Node-only one (terminal
  // progress bar, ModelCheckpoint, CSVLogger). Splitting keeps shared code in
  // one chunk, so classes such as History or EarlyStopping are the same
  // objects whichever entry they come from.
  entry: ["src/index.ts", "src/node.ts"],
  format: ["esm", "cjs"],
  splitting: true,
  dts: { compilerOptions: { customConditions: [] } },
  clean: true,
  sourcemap: true,
  target: "es2022",
});
