import { defaultClientConditions, defineConfig } from "vite";

/**
 * Resolve `@neurite/*` through their `@neurite/source` export condition, so
 * Vite bundles the packages' TypeScript sources (no package build needed).
 * The browser conditions follow, so only browser-safe entries are picked.
 */
const conditions = ["@neurite/source", ...defaultClientConditions];

export default defineConfig({
  // Relative asset URLs: dist/ works from any path (a static host's subfolder, too).
  base: "./",
  resolve: { conditions },
  worker: { format: "es" },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  preview: { host: "127.0.0.1", port: 5173, strictPort: true },
});
