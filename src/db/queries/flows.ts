import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { flows, flowVersions } from "../schema/flows.js";

export type FlowRow = typeof flows.$inferSelect;
export type FlowVersionRow = typeof flowVersions.$inferSelect;

export async function listFlows(db: Db, botId: string): Promise<FlowRow[]> {
  return db.select().from(flows).where(eq(flows.botId, botId)).orderBy(asc(flows.createdAt), asc(flows.id));
}

export async function findFlow(db: Db, botId: string, id: string): Promise<FlowRow | undefined> {
  const [row] = await db
    .select()
    .from(flows)
    .where(and(eq(flows.botId, botId), eq(flows.id, id)));
  return row;
}

/** Inserts or replaces a flow at the given version; the caller records the version row. */
export async function saveFlow(db: Db, row: Omit<FlowRow, "createdAt">): Promise<FlowRow> {
  const [saved] = await db
    .insert(flows)
    .values(row)
    .onConflictDoUpdate({ target: [flows.botId, flows.id], set: { version: row.version, definition: row.definition, updatedAt: row.updatedAt } })
    .returning();
  if (!saved) throw new Error("saveFlow returned no row");
  return saved;
}

export async function deleteFlow(db: Db, botId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(flows)
    .where(and(eq(flows.botId, botId), eq(flows.id, id)))
    .returning({ id: flows.id });
  return deleted.length > 0;
}

export async function insertFlowVersion(db: Db, row: typeof flowVersions.$inferInsert): Promise<void> {
  await db.insert(flowVersions).values(row);
}

export async function listFlowVersions(db: Db, botId: string, flowId: string): Promise<FlowVersionRow[]> {
  return db
    .select()
    .from(flowVersions)
    .where(and(eq(flowVersions.botId, botId), eq(flowVersions.flowId, flowId)))
    .orderBy(desc(flowVersions.version));
}

export async function findFlowVersion(db: Db, botId: string, flowId: string, version: number): Promise<FlowVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(flowVersions)
    .where(and(eq(flowVersions.botId, botId), eq(flowVersions.flowId, flowId), eq(flowVersions.version, version)));
  return row;
}
