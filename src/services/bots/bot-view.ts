import type { BotRow } from "../../db/queries/bots.js";

/** The public face of a bot: credentials appear only as "is it set". */
export type BotView = {
  id: string;
  name: string;
  omnichat: {
    baseUrl: string | null;
    accountId: number | null;
    inboxId: number | null;
    botTokenSet: boolean;
    adminTokenSet: boolean;
  };
  signingSecretSet: boolean;
  webhookPath: string;
  createdAt: string;
  updatedAt: string;
};

export const webhookPathPrefix = "/webhooks/omnichat";

export function toBotView(row: BotRow): BotView {
  return {
    id: row.id,
    name: row.name,
    omnichat: {
      baseUrl: row.omnichatBaseUrl,
      accountId: row.omnichatAccountId,
      inboxId: row.omnichatInboxId,
      botTokenSet: row.omnichatBotToken !== null,
      adminTokenSet: row.omnichatAdminToken !== null,
    },
    signingSecretSet: row.signingSecret !== null,
    webhookPath: `${webhookPathPrefix}/${row.id}/…`,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function webhookUrl(publicUrl: string, botId: string, token: string): string {
  return `${publicUrl}${webhookPathPrefix}/${botId}/${token}`;
}
