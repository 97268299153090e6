import * as botsQ from "../../db/queries/bots.js";
import type { Db } from "../../db/client.js";
import { notFound } from "../../errors.js";

/** 404 for a bot id that does not exist; every admin operation under a bot starts here. */
export async function requireBot(db: Db, botId: string): Promise<void> {
  if (!(await botsQ.findBot(db, botId))) throw notFound("bot", botId);
}
