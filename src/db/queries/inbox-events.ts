import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { inboxEvents } from "../schema/inbox-events.js";

export type InboxEventRow = typeof inboxEvents.$inferSelect;
export type NewInboxEvent = Omit<typeof inboxEvents.$inferInsert, "id">;

export async function findInboxEvent(db: Db, id: number): Promise<InboxEventRow | undefined> {
  const [row] = await db.select().from(inboxEvents).where(eq(inboxEvents.id, id));
  return row;
}

/** Echoes of the bot's own messages (or notes) with this content, received since `since`. */
export async function findEchoes(
  db: Db,
  args: { botId: string; conversationId: number; content: string; since: Date; kinds: string[] },
): Promise<InboxEventRow[]> {
  return db
    .select()
    .from(inboxEvents)
    .where(
      and(
        eq(inboxEvents.botId, args.botId),
        eq(inboxEvents.conversationId, args.conversationId),
        inArray(inboxEvents.kind, args.kinds),
        eq(inboxEvents.content, args.content),
        gte(inboxEvents.receivedAt, args.since),
      ),
    );
}

export async function countInboxEvents(db: Db, botId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(inboxEvents)
    .where(eq(inboxEvents.botId, botId));
  return row?.n ?? 0;
}
