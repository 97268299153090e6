import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { rowsOf } from "../rows.js";

/**
 * Retention's statements (docs/decisions/0016). Each handles at most `limit` rows, the oldest
 * first, through an index that holds only what is still to do, so a batch costs the same whatever
 * the history, and one that finds nothing is a short index probe. `for update skip locked` lets
 * two processes prune at once without waiting on each other or on a turn that holds a row.
 */
export type Batch = { before: Date; limit: number };

async function count(db: Db, statement: SQL): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await db.execute(statement));
  return Number(row?.n ?? 0);
}

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** Deletes up to `limit` rows of `table` that match `where`, taken in `order`. */
function deleteBatch(db: Db, table: "jobs" | "inbox_events" | "decisions", where: SQL, order: SQL, limit: number): Promise<number> {
  const t = sql.identifier(table);
  return count(
    db,
    sql`with gone as (
      delete from ${t} where id in (select id from ${t} where ${where} order by ${order} limit ${limit} for update skip locked)
      returning 1)
    select count(*) as n from gone`,
  );
}

/** Sets `set` on up to `limit` rows of `table` (as `c`) that match `where`, taken in `order`. */
function updateBatch(
  db: Db,
  target: { table: "conversations" | "decisions"; keys: readonly string[] },
  where: SQL,
  order: SQL,
  set: SQL,
  limit: number,
): Promise<number> {
  const t = sql.identifier(target.table);
  const keys = sql.join(
    target.keys.map((k) => sql.identifier(k)),
    sql`, `,
  );
  const same = sql.join(
    target.keys.map((k) => sql`c.${sql.identifier(k)} = t.${sql.identifier(k)}`),
    sql` and `,
  );
  return count(
    db,
    sql`with target as (select ${keys} from ${t} where ${where} order by ${order} limit ${limit} for update skip locked),
    changed as (update ${t} c set ${set} from target t where ${same} returning 1)
    select count(*) as n from changed`,
  );
}

/** Finished jobs of one status finished before `before`; pending and running jobs are never touched. */
export function deleteFinishedJobs(db: Db, status: "done" | "dead", batch: Batch): Promise<number> {
  // A literal status, so the planner sees the partial index's predicate whatever the plan cache does.
  const literal = sql.raw(status === "done" ? "'done'" : "'dead'");
  return deleteBatch(db, "jobs", sql`status = ${literal} and finished_at < ${at(batch.before)}`, sql`finished_at`, batch.limit);
}

/**
 * Deliveries received before `before`, except those of a conversation with an unfinished job
 * (its inbound job still reads the delivery). Deleting a delivery ends its de-duplication: the
 * same delivery arriving again later would be stored and processed as new.
 */
export function deleteDeliveries(db: Db, batch: Batch): Promise<number> {
  const unfinishedJob = sql`exists (
    select 1 from jobs j
    where j.status in ('pending', 'running') and j.ordering_key = inbox_events.bot_id || ':' || inbox_events.conversation_id::text)`;
  return deleteBatch(db, "inbox_events", sql`received_at < ${at(batch.before)} and not ${unfinishedJob}`, sql`received_at`, batch.limit);
}

/** A flow cursor without its variables (they may hold what the customer typed); its position stays. */
const withoutFlowVariables = sql`case when jsonb_typeof(c.flow_state -> 'variables') = 'object'
  then jsonb_set(c.flow_state, '{variables}', '{}'::jsonb) else c.flow_state end`;

const conversationKeys = { table: "conversations", keys: ["bot_id", "conversation_id"] } as const;

/**
 * Erases history entries older than `before` from conversations, leaving every ownership and
 * flow-position field as it is. When nothing newer is left, the contact's name and the flow's
 * variables go too. History entries are appended in time order, so the first is the oldest.
 */
export function eraseConversationText(db: Db, batch: Batch): Promise<number> {
  const cutoff = batch.before.toISOString();
  const oldest = sql`(history -> 0 ->> 'at') collate "C"`;
  const newer = sql`from jsonb_array_elements(c.history) with ordinality as e(entry, n) where (e.entry ->> 'at') collate "C" >= ${cutoff}`;
  const allOld = sql`not exists (select 1 ${newer})`;
  const set = sql`
    history = coalesce((select jsonb_agg(e.entry order by e.n) ${newer}), '[]'::jsonb),
    contact_name = case when ${allOld} then null else c.contact_name end,
    flow_state = case when ${allOld} then ${withoutFlowVariables} else c.flow_state end`;
  return updateBatch(db, conversationKeys, sql`history <> '[]'::jsonb and ${oldest} < ${cutoff}`, oldest, set, batch.limit);
}

/** Conversations without history (only events reached them), idle since before `before`: their contact's name. */
export function eraseIdleContacts(db: Db, batch: Batch): Promise<number> {
  const where = sql`history = '[]'::jsonb and contact_name is not null and updated_at < ${at(batch.before)}`;
  return updateBatch(db, conversationKeys, where, sql`updated_at`, sql`contact_name = null, flow_state = ${withoutFlowVariables}`, batch.limit);
}

/** The customer's words kept on decisions made before `before`; the decision itself stays. */
export function eraseDecisionText(db: Db, batch: Batch): Promise<number> {
  return updateBatch(
    db,
    { table: "decisions", keys: ["id"] },
    sql`text is not null and created_at < ${at(batch.before)}`,
    sql`created_at`,
    sql`text = null`,
    batch.limit,
  );
}

/** Decisions made before `before` (analytics reads only the periods that remain). */
export function deleteDecisions(db: Db, batch: Batch): Promise<number> {
  return deleteBatch(db, "decisions", sql`created_at < ${at(batch.before)}`, sql`created_at`, batch.limit);
}

export const prunedTables = ["jobs", "inbox_events", "conversations", "decisions"] as const;
export type PrunedTable = (typeof prunedTables)[number];

/**
 * Reclaims the space of deleted and updated rows and drops their index entries. Postgres's
 * autovacuum does this on its own; the embedded database has none, so without it every finished
 * job's entry stays in the claim index and each claim walks them all.
 */
export async function vacuumTable(db: Db, table: PrunedTable): Promise<void> {
  await db.execute(sql.raw(`VACUUM ${table}`));
}

/** The last job id handed out (deleted jobs included): how many jobs were created since it was last read. */
export async function newestJobId(db: Db): Promise<number> {
  return count(db, sql`select coalesce(pg_sequence_last_value(pg_get_serial_sequence('jobs', 'id')::regclass), 0) as n`);
}
