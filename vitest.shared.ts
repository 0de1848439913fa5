import { defineConfig } from "vitest/config";

/**
 * The vitest settings every package shares. Tests run against the TypeScript
 * sources of sibling packages through the "@neurite/source" export condition,
 * so no build is needed first.
 */
export const sharedConfig = defineConfig({
  // Node-environment tests resolve through Vite's SSR resolver: resolve.conditions alone is not enough.
  ssr: { resolve: { conditions: ["@neurite/source", "module", "node", "development|production"] } },
  resolve: { conditions: ["@neurite/source", "module", "browser", "development|production"] },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // A guard against hangs, not a timing assertion: `pnpm test` runs every suite
    // at once, and a loaded CI machine has run end-to-end tests 6 times slower than
    // an idle one.
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
