import { foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { Flow } from "../../domain/flow.js";
import { bots } from "./bots.js";
import { timestamps } from "./columns.js";

/** A bot's keyword flows; the id is the admin's own key (`PUT .../flows/{flowId}`). */
export const flows = pgTable(
  "flows",
  {
    botId: text()
      .notNull()
      .references(() => bots.id, { onDelete: "cascade" }),
    id: text().notNull(),
    version: integer().notNull().default(1),
    /** The validated flow document (defaults applied). */
    definition: jsonb().$type<Flow>().notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.botId, t.id] })],
);

/** Every saved flow document, so a change can be inspected and rolled back like a prompt. */
export const flowVersions = pgTable(
  "flow_versions",
  {
    botId: text().notNull(),
    flowId: text().notNull(),
    version: integer().notNull(),
    definition: jsonb().$type<Flow>().notNull(),
    restoredFrom: integer(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.botId, t.flowId, t.version] }),
    foreignKey({ columns: [t.botId, t.flowId], foreignColumns: [flows.botId, flows.id] }).onDelete("cascade"),
  ],
);
