import { defineConfig } from "tsup";

export default defineConfig({
  // Two entries: the runtime-neutral core and the Node-only file helpers.
  entry: ["src/index.ts", "src/node.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { customConditions: [] } },
  // Shared code goes to one chunk, so `@neurite/layers/node` returns the same
  // code as `@neurite/interop` (instanceof works across entries).
  splitting: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
});
