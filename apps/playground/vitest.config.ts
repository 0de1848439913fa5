import { defineConfig } from "vitest/config";

export default defineConfig({
  // Unit tests import src/ directly (node environment); the sibling packages
  // resolve to their TypeScript sources through the "@neurite/source" condition.
  ssr: { resolve: { conditions: ["@neurite/source", "module", "node", "development|production"] } },
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // The end-to-end test builds the page and drives Chromium while `pnpm test`
    // runs every other suite on the same cores: a CI machine ran one of these
    // tests 6.5 times slower than an idle one. The limits guard against hangs;
    // they are not timing assertions.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 30_000 } },
  },
});
