import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Only the SHA-256 of a generated admin token is stored; the token is printed once.
export const adminTokens = pgTable("admin_tokens", {
  id: text().primaryKey(),
  tokenHash: text().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
