import { sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { rowsOf } from "../rows.js";
import type { NewInboxEvent } from "./inbox-events.js";

export type DeliveryJob = { queue: string; orderingKey: string; payloadKey: string; maxAttempts: number; runAt: Date };
/** The payload arrives already serialised (and stripped of credentials), so it is not built twice. */
export type DeliveryRow = { event: Omit<NewInboxEvent, "payload"> & { payloadJson: string }; job: DeliveryJob | null };

/**
 * Stores deliveries and their processing jobs in one statement (the webhook's hot path): a job is
 * inserted only for an event that was new and needs processing, and ids follow the input order, so a conversation's
 * jobs keep the order its deliveries arrived in. The batch travels as one JSON parameter, the same
 * on PGlite and Postgres. Returns each row's event id, or undefined for a duplicate (of a stored
 * event, or of an earlier row of the same batch), by `dedupeKey` or by `deliveryId`.
 */
export async function insertEventsWithJobs(db: Db, rows: DeliveryRow[]): Promise<(number | undefined)[]> {
  if (rows.length === 0) return [];
  const items = rows.map(({ event, job }) => {
    const fields = JSON.stringify({
      botId: event.botId,
      dedupeKey: event.dedupeKey,
      deliveryId: event.deliveryId ?? null,
      event: event.event,
      kind: event.kind,
      conversationId: event.conversationId ?? null,
      messageId: event.messageId ?? null,
      content: event.content ?? null,
      receivedAt: event.receivedAt.toISOString(),
      ...(job && {
        queue: job.queue,
        orderingKey: job.orderingKey,
        payloadKey: job.payloadKey,
        maxAttempts: job.maxAttempts,
        runAt: job.runAt.toISOString(),
      }),
    });
    return `${fields.slice(0, -1)},"payload":${event.payloadJson}}`;
  });
  const result = await db.execute<{ id: number | string; ord: number | string }>(sql`
    with input as (
      select r.item, r.ord from jsonb_array_elements(${`[${items.join(",")}]`}::jsonb) with ordinality as r(item, ord)
    ), event as (
      insert into inbox_events (bot_id, dedupe_key, delivery_id, event, kind, conversation_id, message_id, content, payload, received_at)
      select item->>'botId', item->>'dedupeKey', item->>'deliveryId', item->>'event', item->>'kind', (item->>'conversationId')::int,
        (item->>'messageId')::int, item->>'content', item->'payload', (item->>'receivedAt')::timestamptz
      from input order by ord
      -- A duplicate by its content key, or by Chatwoot's delivery id (the same on every retry).
      on conflict do nothing
      returning id, bot_id, dedupe_key
    ), stored as (
      -- The first input row with a stored key is the one that was inserted.
      select distinct on (event.id) event.id, input.item, input.ord
      from event join input on input.item->>'botId' = event.bot_id and input.item->>'dedupeKey' = event.dedupe_key
      order by event.id, input.ord
    ), job as (
      insert into jobs (queue, bot_id, ordering_key, payload, max_attempts, run_at, created_at)
      select item->>'queue', item->>'botId', item->>'orderingKey', jsonb_build_object(item->>'payloadKey', id),
        (item->>'maxAttempts')::int, (item->>'runAt')::timestamptz, (item->>'receivedAt')::timestamptz
      from stored where item->>'queue' is not null order by id
    )
    select id, ord from stored`);
  const ids = new Map(rowsOf<{ id: number | string; ord: number | string }>(result).map((r) => [Number(r.ord), Number(r.id)]));
  return rows.map((_, i) => ids.get(i + 1));
}
