import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Child processes fit networks and run tsc; a guard on a busy 2-core machine, not a timing assertion.
    testTimeout: 60_000,
  },
});
