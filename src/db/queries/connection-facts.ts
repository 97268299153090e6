import { and, desc, eq, inArray, isNotNull, max } from "drizzle-orm";
import type { Db } from "../client.js";
import { inboxEvents } from "../schema/inbox-events.js";
import { jobs } from "../schema/jobs.js";

/** When the inbox last delivered a webhook to this bot; null when it never has. */
export async function lastDeliveryAt(db: Db, botId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(inboxEvents.receivedAt) })
    .from(inboxEvents)
    .where(eq(inboxEvents.botId, botId));
  return row?.at ?? null;
}

/** The bot's latest finished call to the inbox (the outbound queue): done, or dead with its error. */
export async function lastFinishedSend(db: Db, botId: string, queue: string) {
  const [row] = await db
    .select({ status: jobs.status, lastError: jobs.lastError, finishedAt: jobs.finishedAt })
    .from(jobs)
    .where(and(eq(jobs.botId, botId), eq(jobs.queue, queue), inArray(jobs.status, ["done", "dead"])))
    .orderBy(desc(jobs.id))
    .limit(1);
  return row ?? null;
}

/** Has the inbox ever sent this bot an `X-Chatwoot-Delivery` id (Chatwoot 4.13+, which signs)? */
export async function sawDeliveryIds(db: Db, botId: string): Promise<boolean> {
  const rows = await db
    .select({ id: inboxEvents.id })
    .from(inboxEvents)
    .where(and(eq(inboxEvents.botId, botId), isNotNull(inboxEvents.deliveryId)))
    .limit(1);
  return rows.length > 0;
}
