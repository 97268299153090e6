import { defineConfig } from "drizzle-kit";

// Migrations are generated (`npm run db:generate`) and reviewed; never `drizzle-kit push`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/index.ts",
  out: "./migrations",
  casing: "snake_case",
});
