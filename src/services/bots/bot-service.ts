import type { Db } from "../../db/client.js";
import * as botsQ from "../../db/queries/bots.js";
import * as settingsQ from "../../db/queries/bot-settings.js";
import type { BotInput, BotPatch } from "../../domain/bot.js";
import { alwaysOpen } from "../../domain/office-hours.js";
import { defaultSettings } from "../../domain/settings.js";
import { notFound } from "../../errors.js";
import { newId, newSecret } from "../../ids.js";
import { sha256Hex } from "../../secrets.js";
import type { ServiceDeps } from "../context.js";
import { type BotView, toBotView, webhookUrl } from "./bot-view.js";

export type CreatedBot = BotView & { webhookUrl: string };

/** A bot as stored; an imported bot may lack inbox credentials until an admin adds them. */
export type NewBot = {
  name: string;
  omnichat: {
    baseUrl: string | null;
    accountId: number | null;
    inboxId: number | null;
    botToken: string | null;
    adminToken: string | null;
  };
  signingSecret: string | null;
  refuseUnsignedDeliveries?: boolean;
};

/** Creates the bot row with default settings and office hours, inside the caller's transaction. */
export async function insertBotWithDefaults(deps: ServiceDeps, tx: Db, input: NewBot): Promise<CreatedBot> {
  const id = newId("bot");
  const token = newSecret();
  const now = deps.clock.now().toJSDate();
  const row = await botsQ.insertBot(tx, {
    id,
    name: input.name,
    webhookTokenHash: sha256Hex(token),
    omnichatBaseUrl: input.omnichat.baseUrl,
    omnichatAccountId: input.omnichat.accountId,
    omnichatInboxId: input.omnichat.inboxId,
    omnichatBotToken: input.omnichat.botToken,
    omnichatAdminToken: input.omnichat.adminToken,
    signingSecret: input.signingSecret,
    refuseUnsignedDeliveries: input.refuseUnsignedDeliveries ?? false,
    createdAt: now,
    updatedAt: now,
  });
  await settingsQ.insertBotSettings(tx, {
    botId: id,
    settings: defaultSettings,
    officeHours: alwaysOpen,
  });
  return { ...toBotView(row), webhookUrl: webhookUrl(deps.publicUrl, id, token) };
}

export async function createBot(deps: ServiceDeps, input: BotInput): Promise<CreatedBot> {
  const { omnichat } = input;
  const bot: NewBot = {
    name: input.name,
    omnichat: {
      baseUrl: omnichat.baseUrl,
      accountId: omnichat.accountId,
      inboxId: omnichat.inboxId ?? null,
      botToken: omnichat.botToken,
      adminToken: omnichat.adminToken ?? null,
    },
    signingSecret: input.signingSecret ?? null,
    refuseUnsignedDeliveries: input.refuseUnsignedDeliveries,
  };
  return deps.db.transaction((tx) => insertBotWithDefaults(deps, tx, bot));
}

export async function getBot(deps: ServiceDeps, id: string): Promise<BotView> {
  const row = await botsQ.findBot(deps.db, id);
  if (!row) throw notFound("bot", id);
  return toBotView(row);
}

export async function listBots(deps: ServiceDeps): Promise<BotView[]> {
  return (await botsQ.listBots(deps.db)).map(toBotView);
}

export async function patchBot(deps: ServiceDeps, id: string, patch: BotPatch): Promise<BotView> {
  const o = patch.omnichat ?? {};
  const row = await botsQ.updateBot(deps.db, id, {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(o.baseUrl !== undefined && { omnichatBaseUrl: o.baseUrl }),
    ...(o.accountId !== undefined && { omnichatAccountId: o.accountId }),
    ...(o.inboxId !== undefined && { omnichatInboxId: o.inboxId }),
    ...(o.botToken !== undefined && { omnichatBotToken: o.botToken }),
    ...(o.adminToken !== undefined && { omnichatAdminToken: o.adminToken }),
    ...(patch.signingSecret !== undefined && { signingSecret: patch.signingSecret }),
    ...(patch.refuseUnsignedDeliveries !== undefined && { refuseUnsignedDeliveries: patch.refuseUnsignedDeliveries }),
    updatedAt: deps.clock.now().toJSDate(),
  });
  if (!row) throw notFound("bot", id);
  return toBotView(row);
}

export async function deleteBot(deps: ServiceDeps, id: string): Promise<void> {
  if (!(await botsQ.deleteBot(deps.db, id))) throw notFound("bot", id);
}

/** Issues a new webhook token; the old URL stops working at once. */
export async function rotateWebhookToken(deps: ServiceDeps, id: string): Promise<CreatedBot> {
  const token = newSecret();
  const row = await botsQ.updateBot(deps.db, id, {
    webhookTokenHash: sha256Hex(token),
    updatedAt: deps.clock.now().toJSDate(),
  });
  if (!row) throw notFound("bot", id);
  return { ...toBotView(row), webhookUrl: webhookUrl(deps.publicUrl, id, token) };
}
