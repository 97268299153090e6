import type { BotRow } from "../../db/queries/bots.js";
import { InboxClient, type InboxClientOptions } from "../../inbox/inbox-client.js";

/** Builds the inbox client for a bot from its stored credentials; null when they are incomplete. */
export function inboxClientFactory(options: InboxClientOptions = {}) {
  return (bot: BotRow): InboxClient | null => {
    if (bot.omnichatBaseUrl === null || bot.omnichatAccountId === null || bot.omnichatBotToken === null) return null;
    return new InboxClient(
      {
        baseUrl: bot.omnichatBaseUrl,
        accountId: bot.omnichatAccountId,
        botToken: bot.omnichatBotToken,
        adminToken: bot.omnichatAdminToken,
      },
      options,
    );
  };
}
