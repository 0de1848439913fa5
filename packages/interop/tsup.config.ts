import { defineConfig } from "tsup";

export default defineConfig({
  // The runtime-neutral core, the Node-only file helpers, and the .keras reader
  // (its own entry so that its two dependencies stay out of the core's bundle).
  entry: ["src/index.ts", "src/node.ts", "src/keras.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { customConditions: [] } },
  // Shared code goes to one chunk, so `@neurite/layers/node` returns the same
  // code as `@neurite/interop` (instanceof works across entries).
  splitting: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
});
