import { z } from "@hono/zod-openapi";
import { botExportSchema, botImportSchema } from "../domain/bot-export.js";
import { botInputSchema, botPatchSchema } from "../domain/bot.js";
import { divisionInputSchema, divisionPatchSchema } from "../domain/division.js";
import { divisionExampleSchema } from "../domain/example.js";
import { officeHoursSchema } from "../domain/office-hours.js";
import { settingsSchema } from "../domain/settings.js";

// Named components for the OpenAPI document; the domain schemas stay free of HTTP concerns.
export const OfficeHoursSchema = officeHoursSchema.meta({ id: "OfficeHours" });
export const SettingsSchema = settingsSchema.meta({ id: "Settings" });
export const BotInputSchema = botInputSchema.meta({ id: "BotInput" });
export const BotPatchSchema = botPatchSchema.meta({ id: "BotPatch" });
export const DivisionInputSchema = divisionInputSchema.meta({ id: "DivisionInput" });
export const DivisionPatchSchema = divisionPatchSchema.meta({ id: "DivisionPatch" });
export const BotExportSchema = botExportSchema.meta({ id: "BotExport" });
export const BotImportSchema = botImportSchema.meta({ id: "BotImport" });

export const BotSchema = z
  .object({
    id: z.string().openapi({ example: "bot_3k9x0c2m4n5p6q7r8s9t" }),
    name: z.string(),
    omnichat: z.object({
      baseUrl: z.string().nullable(),
      accountId: z.number().int().nullable(),
      inboxId: z.number().int().nullable(),
      botTokenSet: z.boolean(),
      adminTokenSet: z.boolean(),
    }),
    signingSecretSet: z.boolean(),
    refuseUnsignedDeliveries: z.boolean(),
    warnings: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .describe("What to fix, at the field it concerns (e.g. signingSecret when deliveries are not signed)"),
    webhookPath: z.string().describe("The webhook path with its token elided"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Bot");

export const CreatedBotSchema = BotSchema.extend({
  webhookUrl: z.string().describe("Paste into the inbox's agent-bot settings. Shown only now: it carries a secret token."),
}).openapi("CreatedBot");

export const ImportedBotSchema = CreatedBotSchema.extend({
  divisionIds: z.record(z.string(), z.string()).describe("Division id in the document → new id"),
}).openapi("ImportedBot");

export const DivisionSchema = z
  .object({
    id: z.string(),
    botId: z.string(),
    name: z.string(),
    prompt: z.string(),
    promptVersion: z.number().int(),
    teamId: z.number().int(),
    keywords: z.array(z.string()),
    examples: z.array(divisionExampleSchema),
    active: z.boolean(),
    officeHours: OfficeHoursSchema.nullable(),
    priority: divisionInputSchema.shape.priority.unwrap(),
    labels: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Division");

export const PromptVersionSchema = z
  .object({
    version: z.number().int(),
    prompt: z.string(),
    restoredFrom: z.number().int().nullable(),
    current: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("PromptVersion");

const pathId = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name, in: "path" }, example });

export const BotParams = z.object({ botId: pathId("botId", "bot_3k9x0c2m4n5p6q7r8s9t") });
export const DivisionParams = BotParams.extend({ divisionId: pathId("divisionId", "div_7h2j4k6l8m0n1p3q5r7s") });
export const VersionParams = DivisionParams.extend({
  n: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "n", in: "path" }, example: 2 }),
});
