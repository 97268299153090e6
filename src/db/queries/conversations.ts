import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { Db } from "../client.js";
import type { Write } from "../guarded-writes.js";
import { preparedFor, preparedWrite } from "../prepared.js";
import { conversations } from "../schema/conversations.js";

export type ConversationRow = typeof conversations.$inferSelect;
export type ConversationWrite = typeof conversations.$inferInsert;

export async function findConversation(db: Db, botId: string, conversationId: number): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.botId, botId), eq(conversations.conversationId, conversationId)));
  return row;
}

const byKeys = preparedFor((db) =>
  db
    .select()
    .from(conversations)
    .where(
      sql`(${conversations.botId}, ${conversations.conversationId}) in (
        select * from unnest(${sql.placeholder("botIds")}::text[], ${sql.placeholder("conversationIds")}::int[]))`,
    )
    .prepare("conversations_by_keys"),
);

/** Conversations by "<botId>:<conversationId>" keys, in one statement. */
export async function findConversations(db: Db, keys: { botId: string; conversationId: number }[]): Promise<Map<string, ConversationRow>> {
  if (keys.length === 0) return new Map();
  const rows = await byKeys(db).execute({ botIds: keys.map((k) => k.botId), conversationIds: keys.map((k) => k.conversationId) });
  return new Map(rows.map((r) => [`${r.botId}:${String(r.conversationId)}`, r]));
}

// Every column is a value: the state is always whole (a row read, or a fresh conversation). The
// values go in already encoded (`encodeRow`): drizzle's placeholders would encode nulls too.
const columns = getTableColumns(conversations);
const keyColumns = new Set(["botId", "conversationId", "createdAt"]);
const saveStatement = preparedFor((db) => {
  const values = Object.fromEntries(Object.keys(columns).map((key) => [key, sql`${sql.placeholder(key)}`])) as unknown as ConversationWrite;
  const set = Object.fromEntries(
    Object.entries(columns)
      .filter(([key]) => !keyColumns.has(key))
      // The database's name for the column: the schema's key in snake case unless it names one.
      .map(([key, column]) => [key, sql`excluded.${sql.identifier(column.keyAsName ? toSnakeCase(column.name) : column.name)}`]),
  );
  return db
    .insert(conversations)
    .values(values)
    .onConflictDoUpdate({ target: [conversations.botId, conversations.conversationId], set })
    .prepare("save_conversation");
});

/** A row as its columns' driver values (dates as ISO text, JSON as text), as drizzle encodes them. */
function encodeRow(row: ConversationRow): Record<string, unknown> {
  const record = row as Record<string, unknown>;
  return Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, record[key] == null ? null : column.mapToDriverValue(record[key])]));
}

/** Stores a conversation's whole state: awaiting the statement runs it, or it goes into a batch. */
export function saveConversation(db: Db, row: ConversationRow): Write {
  return preparedWrite(saveStatement(db), encodeRow(row));
}
