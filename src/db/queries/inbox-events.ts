import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { sendMarkerKey } from "../../domain/send-marker.js";
import { preparedFor } from "../prepared.js";
import { inboxEvents } from "../schema/inbox-events.js";

export type InboxEventRow = typeof inboxEvents.$inferSelect;
export type NewInboxEvent = Omit<typeof inboxEvents.$inferInsert, "id">;

const byIds = preparedFor((db) =>
  db
    .select()
    .from(inboxEvents)
    .where(sql`${inboxEvents.id} = any(${sql.placeholder("ids")}::bigint[])`)
    .prepare("inbox_events_by_ids"),
);

export async function findInboxEvents(db: Db, ids: number[]): Promise<Map<number, InboxEventRow>> {
  const rows = await byIds(db).execute({ ids });
  return new Map(rows.map((r) => [r.id, r]));
}

/** Echoes of the bot's own messages (or notes) with this content, received since `since`. */
/**
 * The inbox's echo of a message we sent, found by the marker we put in its `content_attributes`
 * (Chatwoot stores them as given and sends them back). Null until the echo has arrived.
 */
export async function findEchoByMarker(db: Db, args: { botId: string; conversationId: number; marker: string }): Promise<number | null> {
  const [row] = await db
    .select({ messageId: inboxEvents.messageId })
    .from(inboxEvents)
    .where(
      and(
        eq(inboxEvents.botId, args.botId),
        eq(inboxEvents.conversationId, args.conversationId),
        inArray(inboxEvents.kind, ["echo", "private_note"]),
        sql`${inboxEvents.payload}->'content_attributes'->>${sendMarkerKey} = ${args.marker}`,
      ),
    )
    .limit(1);
  return row?.messageId ?? null;
}

export async function countInboxEvents(db: Db, botId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(inboxEvents)
    .where(eq(inboxEvents.botId, botId));
  return row?.n ?? 0;
}
