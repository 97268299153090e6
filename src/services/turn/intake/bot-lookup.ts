import type { Db } from "../../../db/client.js";
import * as botsQ from "../../../db/queries/bots.js";
import type { BotRow } from "../../../db/queries/bots.js";
import type { Clock } from "../../../time/clock.js";

export type BotLookup = (botId: string) => Promise<BotRow | undefined>;

/**
 * The webhook's bot lookup with a short TTL: every delivery needs the bot's token hash and signing
 * secret, and a database round trip per delivery is the largest cost of an acknowledgement. A
 * credential change (new token, new secret, deleted bot) reaches other processes within `ttlMs`.
 */
export function cachedBotLookup(db: Db, clock: Clock, ttlMs = 2000): BotLookup {
  const cache = new Map<string, { row: BotRow | undefined; expiresAt: number }>();
  return async (botId) => {
    const now = clock.now().toMillis();
    const hit = cache.get(botId);
    if (hit && hit.expiresAt > now) return hit.row;
    const row = await botsQ.findBot(db, botId);
    if (cache.size > 10_000) cache.clear();
    cache.set(botId, { row, expiresAt: now + ttlMs });
    return row;
  };
}
