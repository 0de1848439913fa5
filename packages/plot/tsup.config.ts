import { defineConfig } from "tsup";

export default defineConfig({
  // Two entries: the browser-safe charts and the Node-only file writer.
  entry: ["src/index.ts", "src/node.ts"],
  format: ["esm", "cjs"],
  splitting: true,
  dts: { compilerOptions: { customConditions: [] } },
  clean: true,
  sourcemap: true,
  target: "es2022",
});
