import { defineConfig } from "vitest/config";

export default defineConfig({
  // Tests run against the TypeScript sources of sibling packages through the
  // "@neurite/source" export condition, so no build is needed first.
  ssr: { resolve: { conditions: ["@neurite/source", "module", "node", "development|production"] } },
  resolve: { conditions: ["@neurite/source", "module", "browser", "development|production"] },
  test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 120_000 },
});
