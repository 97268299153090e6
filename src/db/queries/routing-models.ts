import { eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { routingModels } from "../schema/routing-models.js";

export type RoutingModelRow = typeof routingModels.$inferSelect;

/** The version of a bot's trained router and its data hash (what a turn reads), without the model. */
export async function findRoutingModelHead(db: Db, botId: string): Promise<{ version: number; trainingHash: string } | undefined> {
  const [row] = await db
    .select({ version: routingModels.version, trainingHash: routingModels.trainingHash })
    .from(routingModels)
    .where(eq(routingModels.botId, botId));
  return row;
}

export async function findRoutingModel(db: Db, botId: string): Promise<RoutingModelRow | undefined> {
  const [row] = await db.select().from(routingModels).where(eq(routingModels.botId, botId));
  return row;
}

export async function findTrainingHash(db: Db, botId: string): Promise<string | undefined> {
  const [row] = await db.select({ hash: routingModels.trainingHash }).from(routingModels).where(eq(routingModels.botId, botId));
  return row?.hash;
}

/** Stores a newly trained router; its version is one more than the one it replaces. */
export async function saveRoutingModel(db: Db, row: Omit<RoutingModelRow, "version">): Promise<number> {
  const [saved] = await db
    .insert(routingModels)
    .values({ ...row, version: 1 })
    .onConflictDoUpdate({
      target: routingModels.botId,
      set: { version: sql`${routingModels.version} + 1`, trainingHash: row.trainingHash, model: row.model, report: row.report, trainedAt: row.trainedAt },
    })
    .returning({ version: routingModels.version });
  return saved?.version ?? 1;
}

/** A bot left with nothing to tell apart has no trained router. */
export async function deleteRoutingModel(db: Db, botId: string): Promise<void> {
  await db.delete(routingModels).where(eq(routingModels.botId, botId));
}
