import { defineConfig } from "vitest/config";

// `npm test`: everything on PGlite, no network, no services.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "evals/**/*.test.ts"],
    exclude: ["test/postgres/**", "test/browser/**", "node_modules/**"],
    globalSetup: ["test/harness/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: { TEST_DATABASE_URL: "" },
  },
});
