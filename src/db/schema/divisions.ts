import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { DivisionExample } from "../../domain/example.js";
import type { ConversationPriority } from "../../domain/conversation-marks.js";
import type { OfficeHours } from "../../domain/office-hours.js";
import { bots } from "./bots.js";
import { timestamps } from "./columns.js";

export const divisions = pgTable(
  "divisions",
  {
    id: text().primaryKey(),
    /** Insertion order, for stable listings even when timestamps tie. */
    seq: bigint({ mode: "number" }).generatedAlwaysAsIdentity(),
    botId: text()
      .notNull()
      .references(() => bots.id, { onDelete: "cascade" }),
    name: text().notNull(),
    prompt: text().notNull(),
    promptVersion: integer().notNull().default(1),
    teamId: integer().notNull(),
    keywords: jsonb().$type<string[]>().notNull().default([]),
    examples: jsonb().$type<DivisionExample[]>().notNull().default([]),
    active: boolean().notNull().default(true),
    officeHours: jsonb().$type<OfficeHours>(),
    /** Set on the inbox's conversation at handover; null: left as it is. */
    priority: text().$type<ConversationPriority>(),
    /** Added to the inbox's conversation labels at handover. */
    labels: jsonb().$type<string[]>().notNull().default([]),
    ...timestamps,
  },
  (t) => [
    // Division names are unique per bot, ignoring case: "Cards" and "cards" would confuse admins and the LLM.
    uniqueIndex("divisions_bot_name_unique").on(t.botId, sql`lower(${t.name})`),
    index("divisions_bot_idx").on(t.botId),
  ],
);
