import type { Logger } from "pino";
import type { BotRow } from "../../db/queries/bots.js";
import type { Agent, InboxClient } from "../../inbox/inbox-client.js";
import type { Clock } from "../../time/clock.js";

/** `busy`: nobody who can see the conversation is online, but someone is busy. */
export type Presence = { status: "online" | "busy" | "offline" | "unknown"; onlineAgents: number };

export type TeamPresence = (bot: BotRow, client: InboxClient | null, teamId: number) => Promise<Presence>;

/** How long one reading of the inbox is trusted by default (PRESENCE_MAX_AGE_MS). */
export const defaultPresenceMaxAgeMs = 10_000;

const unknown: Presence = { status: "unknown", onlineAgents: 0 };

/**
 * Who of a team can take a conversation of this inbox: members of the team who are members of
 * the inbox too (Chatwoot shows an agent only the conversations of their inboxes; administrators
 * see every inbox — ConversationPolicy, Conversations::PermissionFilterService). A bot without an
 * inbox id cannot narrow the team down, so the whole team counts.
 */
function reachable(team: Agent[], inboxMemberIds: Set<number> | null): Agent[] {
  return team.filter((a) => a.role === "administrator" || inboxMemberIds === null || inboxMemberIds.has(a.id));
}

/**
 * Whether anyone who can take the division's conversation is online. The inbox sends no presence
 * events, so this reads the team's and the inbox's members with the admin token, and keeps the
 * answer at most `maxAgeMs` per (bot, team). Without an admin token, or when the inbox fails,
 * presence is "unknown" and a setting decides what that means.
 */
export function createTeamPresence(args: { clock: Clock; logger: Logger; maxAgeMs?: number }): TeamPresence {
  const maxAgeMs = args.maxAgeMs ?? defaultPresenceMaxAgeMs;
  const cache = new Map<string, { value: Presence; expiresAt: number }>();
  return async (bot, client, teamId) => {
    if (!client?.hasAdminToken()) return unknown;
    const key = `${bot.id}:${String(teamId)}`;
    const now = args.clock.now().toMillis();
    const cached = cache.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    try {
      const inboxId = bot.omnichatInboxId;
      const [team, inboxMembers] = await Promise.all([client.listTeamMembers(teamId), inboxId === null ? null : client.listInboxMembers(inboxId)]);
      const agents = reachable(team, inboxMembers ? new Set(inboxMembers.map((a) => a.id)) : null);
      const online = agents.filter((a) => a.availabilityStatus === "online").length;
      const busy = agents.some((a) => a.availabilityStatus === "busy");
      const value: Presence = { status: online > 0 ? "online" : busy ? "busy" : "offline", onlineAgents: online };
      if (maxAgeMs > 0) cache.set(key, { value, expiresAt: now + maxAgeMs });
      return value;
    } catch (error) {
      args.logger.warn({ err: error, botId: bot.id, teamId }, "presence lookup failed; treating it as unknown");
      return unknown;
    }
  };
}
