import { defineConfig } from "vitest/config";

export default defineConfig({
  // Unit tests import src/ directly (node environment); the sibling packages
  // resolve to their TypeScript sources through the "@neurite/source" condition.
  ssr: { resolve: { conditions: ["@neurite/source", "module", "node", "development|production"] } },
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // The end-to-end test builds the page and drives Chromium: give it room.
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
