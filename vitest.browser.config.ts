import { defineConfig } from "vitest/config";

// `npm run test:browser`: the console in Debian's Chromium (playwright-core), against the real app.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    globalSetup: ["test/harness/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
    env: { TEST_DATABASE_URL: "" },
  },
});
