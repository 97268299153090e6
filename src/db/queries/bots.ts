import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import type { Write } from "../guarded-writes.js";
import { preparedFor } from "../prepared.js";
import { bots } from "../schema/bots.js";

export type BotRow = typeof bots.$inferSelect;
export type NewBotRow = typeof bots.$inferInsert;

export async function insertBot(db: Db, row: NewBotRow): Promise<BotRow> {
  const [inserted] = await db.insert(bots).values(row).returning();
  if (!inserted) throw new Error("insertBot returned no row");
  return inserted;
}

export async function findBot(db: Db, id: string): Promise<BotRow | undefined> {
  const [row] = await db.select().from(bots).where(eq(bots.id, id));
  return row;
}

const byIds = preparedFor((db) =>
  db
    .select()
    .from(bots)
    .where(sql`${bots.id} = any(${sql.placeholder("ids")}::text[])`)
    .prepare("bots_by_ids"),
);

export async function findBots(db: Db, ids: string[]): Promise<Map<string, BotRow>> {
  const rows = await byIds(db).execute({ ids });
  return new Map(rows.map((r) => [r.id, r]));
}

export async function listBots(db: Db): Promise<BotRow[]> {
  return db.select().from(bots).orderBy(asc(bots.seq));
}

export async function updateBot(db: Db, id: string, changes: Partial<Omit<NewBotRow, "id" | "createdAt">>): Promise<BotRow | undefined> {
  const [row] = await db.update(bots).set(changes).where(eq(bots.id, id)).returning();
  return row;
}

export async function deleteBot(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(bots).where(eq(bots.id, id)).returning({ id: bots.id });
  return rows.length > 0;
}

/** Records the bot's own agent-bot id in the inbox, as the inbox named it: awaiting the statement runs it, or it goes into a batch. */
export function setAgentBotId(db: Db, id: string, agentBotId: number): Write {
  return db.update(bots).set({ omnichatAgentBotId: agentBotId }).where(eq(bots.id, id));
}
