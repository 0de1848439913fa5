import { defaultClientConditions, defineConfig } from "vite";

/**
 * Resolve `@neurite/*` through their `@neurite/source` export condition, so
 * Vite bundles the packages' TypeScript sources (no package build needed).
 * The browser conditions follow, so only browser-safe entries are picked.
 */
const conditions = ["@neurite/source", ...defaultClientConditions];

/**
 * Cross-origin isolation: with these headers the page may share memory with
 * workers, so the WebAssembly kernels can use their worker threads in the browser.
 */
export const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  // Relative asset URLs: dist/ works from any path (a static host's subfolder, too).
  base: "./",
  resolve: { conditions },
  worker: { format: "es" },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { headers: isolationHeaders },
  preview: { host: "127.0.0.1", port: 5173, strictPort: true, headers: isolationHeaders },
});
