import { defineConfig } from "vitest/config";

// `npm run test:postgres`: the database-facing suites against a real Postgres with pgvector.
const url = process.env.TEST_DATABASE_URL;
if (!url) {
  throw new Error(
    "TEST_DATABASE_URL is not set. Start a throw-away server with `bash " +
      "scripts/postgres-test-server.sh run -- npm run test:postgres`, or point it at a Postgres " +
      "with pgvector.",
  );
}

export default defineConfig({
  test: {
    include: ["test/integration/**/*.test.ts", "test/postgres/**/*.test.ts"],
    globalSetup: ["test/harness/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
