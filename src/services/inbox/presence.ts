import type { Logger } from "pino";
import type { BotRow } from "../../db/queries/bots.js";
import type { InboxClient } from "../../omnichat/inbox-client.js";
import type { Clock } from "../../time/clock.js";

export type Presence = { status: "online" | "offline" | "unknown"; onlineAgents: number };

export type TeamPresence = (bot: BotRow, client: InboxClient | null, teamId: number) => Promise<Presence>;

/**
 * Whether anyone of a division's team is online. The inbox sends no presence events, so this polls
 * team members with the admin token and caches the answer briefly per (bot, team). Without an admin
 * token, or when the inbox fails, presence is "unknown" and a setting decides what that means.
 */
export function createTeamPresence(args: { clock: Clock; logger: Logger; ttlMs?: number }): TeamPresence {
  const ttlMs = args.ttlMs ?? 30_000;
  const cache = new Map<string, { value: Presence; expiresAt: number }>();
  return async (bot, client, teamId) => {
    if (!client?.hasAdminToken()) return { status: "unknown", onlineAgents: 0 };
    const key = `${bot.id}:${String(teamId)}`;
    const now = args.clock.now().toMillis();
    const cached = cache.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    try {
      const members = await client.listTeamMembers(teamId);
      const online = members.filter((m) => m.availabilityStatus === "online").length;
      const value: Presence = { status: online > 0 ? "online" : "offline", onlineAgents: online };
      cache.set(key, { value, expiresAt: now + ttlMs });
      return value;
    } catch (error) {
      args.logger.warn({ err: error, botId: bot.id, teamId }, "presence lookup failed; treating it as unknown");
      return { status: "unknown", onlineAgents: 0 };
    }
  };
}
