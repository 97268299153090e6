import { z } from "zod";

const httpUrl = z
  .string()
  .trim()
  .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), "must be an http(s) URL")
  .transform((v) => v.replace(/\/+$/, ""));

const secret = z.string().trim().min(8).max(500);

export const inboxConnectionSchema = z.object({
  baseUrl: httpUrl.describe("The inbox's base URL, e.g. https://omnichat.example.com"),
  accountId: z.number().int().positive(),
  botToken: secret.describe("The agent bot's access token (write-only)"),
  adminToken: secret.optional().describe("An administrator's user token for presence (write-only)"),
  inboxId: z.number().int().positive().optional(),
});

const signingSecret = secret.describe(
  "The agent bot's Webhook Secret (Chatwoot 4.13+: Settings → Bots → edit the bot; the agent_bots API's `secret`), which signs every delivery (write-only)",
);
const refuseUnsignedDeliveries = z.boolean().describe("Refuse every delivery without a valid signature; with no signingSecret set, that is every delivery");

export const botInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  omnichat: inboxConnectionSchema,
  signingSecret: signingSecret.optional(),
  refuseUnsignedDeliveries: refuseUnsignedDeliveries.optional(),
});

export const botPatchSchema = z
  .object({
    name: botInputSchema.shape.name,
    omnichat: inboxConnectionSchema.partial().extend({
      adminToken: secret.nullable().optional(),
      inboxId: z.number().int().positive().nullable().optional(),
    }),
    signingSecret: signingSecret.nullable().describe("null turns signature checking off"),
    refuseUnsignedDeliveries,
  })
  .partial();

export type BotInput = z.infer<typeof botInputSchema>;
export type BotPatch = z.infer<typeof botPatchSchema>;
export type InboxConnection = z.infer<typeof inboxConnectionSchema>;
