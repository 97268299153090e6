import type { BotRow } from "../../db/queries/bots.js";
import * as botsQ from "../../db/queries/bots.js";
import * as factsQ from "../../db/queries/connection-facts.js";
import { notFound } from "../../errors.js";
import { InboxApiError } from "../../inbox/inbox-api-error.js";
import type { InboxClient } from "../../inbox/inbox-client.js";
import type { PipelineDeps } from "../pipeline-deps.js";
import { queues } from "../queue/queues.js";

/** What the connection check reads: the bot and recent deliveries, and the inbox. */
export type ConnectionCheckDeps = Pick<PipelineDeps, "db" | "inboxFor">;

export type CheckStatus = "ok" | "warning" | "failed" | "skipped";
export type ConnectionCheck = { name: "credentials" | "agents" | "inbox" | "webhook" | "signing" | "lastSend"; status: CheckStatus; detail: string };

const failure = (error: unknown) => (error instanceof InboxApiError || error instanceof Error ? error.message : String(error));

/** Reads agents with the admin token: proves the URL, the account and the token, and shows presence. */
async function checkAgents(client: InboxClient | null): Promise<ConnectionCheck> {
  if (!client) return { name: "agents", status: "skipped", detail: "no inbox credentials" };
  if (!client.hasAdminToken()) {
    return { name: "agents", status: "warning", detail: "no administrator token: agent presence cannot be read, so settings.presenceUnknown decides" };
  }
  try {
    const agents = await client.listAgents();
    const online = agents.filter((a) => a.availabilityStatus === "online").length;
    return { name: "agents", status: "ok", detail: `${String(agents.length)} agents, ${String(online)} online` };
  } catch (error) {
    return { name: "agents", status: "failed", detail: failure(error) };
  }
}

async function checkInbox(bot: BotRow, client: InboxClient | null): Promise<ConnectionCheck> {
  if (!client || bot.omnichatInboxId === null || !client.hasAdminToken()) {
    return { name: "inbox", status: "skipped", detail: "needs the inbox id and an administrator token" };
  }
  try {
    const inbox = await client.getInbox(bot.omnichatInboxId);
    const hours = inbox.working_hours_enabled ? "working hours on" : "working hours off";
    return { name: "inbox", status: "ok", detail: `inbox ${String(bot.omnichatInboxId)} found (${hours}, ${inbox.timezone ?? "no time zone"})` };
  } catch (error) {
    return { name: "inbox", status: "failed", detail: failure(error) };
  }
}

async function checkSigning(deps: ConnectionCheckDeps, bot: BotRow): Promise<ConnectionCheck> {
  if (bot.signingSecret) return { name: "signing", status: "ok", detail: "deliveries must carry a valid signature" };
  if (bot.refuseUnsignedDeliveries)
    return { name: "signing", status: "failed", detail: "unsigned deliveries are refused and no signing secret is set: every delivery is refused" };
  const signs = await factsQ.sawDeliveryIds(deps.db, bot.id);
  return {
    name: "signing",
    status: "warning",
    detail: signs
      ? "your inbox is Chatwoot 4.13 or newer (it sends X-Chatwoot-Delivery) and signs every " +
        "delivery: copy the agent bot's Webhook Secret (Settings → Bots → edit the bot) into " +
        "signingSecret"
      : "no signing secret: only the token in the webhook URL authenticates deliveries",
  };
}

async function checkTraffic(deps: ConnectionCheckDeps, bot: BotRow): Promise<ConnectionCheck[]> {
  const delivered = await factsQ.lastDeliveryAt(deps.db, bot.id);
  const sent = await factsQ.lastFinishedSend(deps.db, bot.id, queues.outbound);
  return [
    delivered
      ? { name: "webhook", status: "ok", detail: `last delivery received ${delivered.toISOString()}` }
      : { name: "webhook", status: "warning", detail: "no delivery received yet: paste the webhook URL into the inbox's agent-bot settings" },
    await checkSigning(deps, bot),
    !sent
      ? { name: "lastSend", status: "skipped", detail: "nothing sent to the inbox yet" }
      : sent.status === "done"
        ? { name: "lastSend", status: "ok", detail: `last call to the inbox succeeded ${sent.finishedAt?.toISOString() ?? ""}`.trim() }
        : { name: "lastSend", status: "failed", detail: `last call to the inbox failed: ${sent.lastError ?? "unknown error"}` },
  ];
}

/**
 * Checks the bot's connection with its inbox without side effects: the stored credentials, a read
 * with the administrator token (agents, the inbox), and what traffic has actually flowed. The bot
 * token has no read-only call in the inbox API, so its proof is the last send.
 */
export async function checkConnection(deps: ConnectionCheckDeps, botId: string): Promise<{ ok: boolean; checks: ConnectionCheck[] }> {
  const bot = await botsQ.findBot(deps.db, botId);
  if (!bot) throw notFound("bot", botId);
  const client = deps.inboxFor(bot);
  const credentials: ConnectionCheck = client
    ? { name: "credentials", status: "ok", detail: `${bot.omnichatBaseUrl ?? ""}, account ${String(bot.omnichatAccountId)}` }
    : { name: "credentials", status: "failed", detail: "set omnichat.baseUrl, accountId and botToken (Edit bot)" };
  const checks = [credentials, await checkAgents(client), await checkInbox(bot, client), ...(await checkTraffic(deps, bot))];
  return { ok: !checks.some((c) => c.status === "failed"), checks };
}
