import { eq } from "drizzle-orm";
import type { OfficeHours } from "../../domain/office-hours.js";
import { type Settings, storedSettings } from "../../domain/settings.js";
import type { Db } from "../client.js";
import { botSettings } from "../schema/bot-settings.js";

export type BotSettingsRow = typeof botSettings.$inferSelect;

export async function insertBotSettings(db: Db, row: { botId: string; settings: Settings; officeHours: OfficeHours }): Promise<void> {
  await db.insert(botSettings).values(row);
}

export async function findBotSettings(db: Db, botId: string): Promise<BotSettingsRow | undefined> {
  const [row] = await db.select().from(botSettings).where(eq(botSettings.botId, botId));
  return row && { ...row, settings: storedSettings(row.settings) };
}

export async function updateBotSettings(
  db: Db,
  botId: string,
  changes: { settings?: Settings; officeHours?: OfficeHours; updatedAt: Date },
): Promise<BotSettingsRow | undefined> {
  const [row] = await db.update(botSettings).set(changes).where(eq(botSettings.botId, botId)).returning();
  return row;
}
