import { z } from "zod";
import { inboxConnectionSchema } from "./bot.js";
import { divisionInputSchema } from "./division.js";
import { labelledExampleSchema } from "./example.js";
import { flowExportSchema } from "./flow.js";
import { officeHoursSchema } from "./office-hours.js";
import { settingsSchema } from "./settings.js";

export const botExportFormat = "switchboard.bot/v1";

/**
 * A whole bot configuration as one document, without secrets. Division `id`s are keys that
 * settings, flows and examples refer to; an import gives the divisions new ids and rewrites them.
 */
export const botExportSchema = z.object({
  format: z.literal(botExportFormat),
  name: z.string().trim().min(1).max(100),
  omnichat: z
    .object({
      baseUrl: inboxConnectionSchema.shape.baseUrl,
      accountId: inboxConnectionSchema.shape.accountId,
      inboxId: z.number().int().positive().nullable().optional(),
    })
    .nullable()
    .default(null),
  /** Refuse deliveries without a valid signature (the secret itself is never exported). */
  refuseUnsignedDeliveries: z.boolean().default(false),
  settings: settingsSchema.prefault({}),
  officeHours: officeHoursSchema.optional(),
  divisions: z
    .array(divisionInputSchema.extend({ id: z.string().trim().min(1).max(100) }))
    .max(200)
    .default([]),
  /** Keyword flows; a handover action names a division by its `id` key above. */
  flows: z.array(flowExportSchema).max(200).default([]),
  /** Labelled examples beyond the divisions' own: label = a division `id` key above, or "bot". */
  examples: z
    .array(labelledExampleSchema.extend({ source: z.enum(["admin", "import", "agent_reroute", "eval"]).optional() }))
    .max(200_000)
    .default([]),
  /** Knowledge documents that ground the bot's replies. */
  knowledge: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(200),
        content: z.string().trim().min(1).max(500_000),
        format: z.enum(["text", "markdown"]).default("markdown"),
      }),
    )
    .max(1000)
    .default([]),
});

export const botImportSchema = botExportSchema.extend({
  omnichat: z
    .object({
      baseUrl: inboxConnectionSchema.shape.baseUrl,
      accountId: inboxConnectionSchema.shape.accountId,
      inboxId: z.number().int().positive().nullable().optional(),
      botToken: inboxConnectionSchema.shape.botToken.optional(),
      adminToken: inboxConnectionSchema.shape.adminToken,
    })
    .nullable()
    .default(null),
  signingSecret: z.string().trim().min(8).max(500).optional(),
});

export type BotExport = z.infer<typeof botExportSchema>;
export type BotImport = z.infer<typeof botImportSchema>;
