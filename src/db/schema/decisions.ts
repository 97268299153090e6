import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, real, text, timestamp } from "drizzle-orm/pg-core";
import type { DecisionAlternative, DecisionSource, Route, TokenUsage } from "../../domain/decision.js";
import { bots } from "./bots.js";

/** One routing decision per routed turn: what was decided, by what, how fast and at what cost. */
export const decisions = pgTable(
  "decisions",
  {
    id: text().primaryKey(),
    /** Insertion order: decisions of one conversation are listed in the order they were made. */
    seq: bigint({ mode: "number" }).generatedAlwaysAsIdentity(),
    botId: text()
      .notNull()
      .references(() => bots.id, { onDelete: "cascade" }),
    conversationId: integer().notNull(),
    eventId: integer(),
    route: text().$type<Route>().notNull(),
    divisionId: text(),
    confidence: real().notNull(),
    alternatives: jsonb().$type<DecisionAlternative[]>().notNull().default([]),
    reason: text().notNull(),
    source: text().$type<DecisionSource>().notNull(),
    promptVersion: text(),
    model: text(),
    latencyMs: integer().notNull().default(0),
    tokens: jsonb().$type<TokenUsage>(),
    /** What happened after the decision: handover outcome, messages queued, mis-route marks. */
    outcome: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    text: text(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("decisions_conversation_idx").on(t.botId, t.conversationId, t.createdAt),
    // The impact preview replays a bot's latest turns.
    index("decisions_bot_seq_idx").on(t.botId, t.seq),
    // Retention (docs/decisions/0016): decisions are deleted by age; their customer text is erased
    // sooner, and an erased decision leaves the second index, so erasing never rescans it.
    index("decisions_created_idx").on(t.createdAt),
    index("decisions_text_idx")
      .on(t.createdAt)
      .where(sql`${t.text} is not null`),
  ],
);
