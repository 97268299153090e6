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
  refuseUnsignedDeliveries: boolean;
  /** What an admin should fix: e.g. deliveries authenticated by the URL token alone. */
  warnings: BotWarning[];
  webhookPath: string;
  createdAt: string;
  updatedAt: string;
};

export type BotWarning = { path: string; message: string };

export const webhookPathPrefix = "/webhooks/omnichat";

const unsignedWarning =
  "No signing secret: deliveries are authenticated only by the token in the webhook URL, " +
  "which every agent of the Chatwoot account can read (the agent bot's outgoing_url). From " +
  "Chatwoot 4.13 every agent bot has a Webhook Secret (Settings → Bots → edit the bot); set " +
  "it as signingSecret.";

/** Signing is the default where the inbox supports it: a bot without a secret says so. */
export function botWarnings(row: Pick<BotRow, "signingSecret" | "refuseUnsignedDeliveries">): BotWarning[] {
  if (row.signingSecret !== null) return [];
  if (row.refuseUnsignedDeliveries) {
    return [
      {
        path: "refuseUnsignedDeliveries",
        message: "Unsigned deliveries are refused but no signing secret is set, so every delivery is refused: set signingSecret.",
      },
    ];
  }
  return [{ path: "signingSecret", message: unsignedWarning }];
}

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
    refuseUnsignedDeliveries: row.refuseUnsignedDeliveries,
    warnings: botWarnings(row),
    webhookPath: `${webhookPathPrefix}/${row.id}/…`,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function webhookUrl(publicUrl: string, botId: string, token: string): string {
  return `${publicUrl}${webhookPathPrefix}/${botId}/${token}`;
}
