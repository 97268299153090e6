import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { bots } from "./bots.js";

/**
 * Every accepted webhook delivery, de-duplicated by `dedupeKey`. This is the durable record the
 * 200 stands for, and the transcript: echoes, notes and human messages are recorded here too.
 */
export const inboxEvents = pgTable(
  "inbox_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    botId: text()
      .notNull()
      .references(() => bots.id, { onDelete: "cascade" }),
    dedupeKey: text().notNull(),
    /** Chatwoot's `X-Chatwoot-Delivery` (4.13+): the same on every retry of one delivery. */
    deliveryId: text(),
    event: text().notNull(),
    kind: text().notNull(),
    conversationId: integer(),
    messageId: integer(),
    content: text(),
    /** The delivery body with websocket credentials removed. */
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    uniqueIndex("inbox_events_dedupe_unique").on(t.botId, t.dedupeKey),
    uniqueIndex("inbox_events_delivery_unique")
      .on(t.botId, t.deliveryId)
      .where(sql`${t.deliveryId} is not null`),
    index("inbox_events_conversation_idx").on(t.botId, t.conversationId, t.id),
    // Retention deletes deliveries by age (docs/decisions/0016).
    index("inbox_events_received_idx").on(t.receivedAt),
  ],
);
