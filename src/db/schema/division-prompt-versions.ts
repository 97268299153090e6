import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { divisions } from "./divisions.js";

export const divisionPromptVersions = pgTable(
  "division_prompt_versions",
  {
    divisionId: text()
      .notNull()
      .references(() => divisions.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    prompt: text().notNull(),
    /** Set when this version was made by restoring an older one. */
    restoredFrom: integer(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionId, t.version] })],
);
