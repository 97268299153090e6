import { z } from "zod";

// Message texts may use only these placeholders; anything else is a typo an admin wants to hear about.
const allowedPlaceholders = new Set(["division", "nextOpening"]);

const templateText = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((text, ctx) => {
    for (const match of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
      const name = match[1] ?? "";
      if (!allowedPlaceholders.has(name)) {
        ctx.addIssue({
          code: "custom",
          message: `unknown placeholder {{${name}}}; use {{division}} or {{nextOpening}}`,
        });
      }
    }
  });

const messageSetting = (defaultText: string) => z.object({ enabled: z.boolean().default(true), text: templateText.default(defaultText) });

export const defaultMessages = {
  handover: "Mohon tunggu sebentar, kami sedang menghubungkan Anda dengan tim {{division}}.",
  allAgentsOffline: "Saat ini semua agen tim {{division}} sedang offline. Pesan Anda sudah kami teruskan dan akan dibalas secepatnya begitu agen kami online.",
  outsideOfficeHours: "Terima kasih telah menghubungi kami. Saat ini di luar jam operasional tim {{division}}. Kami akan membalas pesan Anda {{nextOpening}}.",
};

export const settingsSchema = z.object({
  smartHandover: z.object({ enabled: z.boolean().default(true) }).prefault({}),
  messages: z
    .object({
      handover: messageSetting(defaultMessages.handover).prefault({}),
      allAgentsOffline: messageSetting(defaultMessages.allAgentsOffline).prefault({}),
      outsideOfficeHours: messageSetting(defaultMessages.outsideOfficeHours).prefault({}),
    })
    .prefault({}),
  confidenceThreshold: z.number().min(0).max(1).default(0.6),
  defaultDivisionId: z.string().nullable().default(null),
  /** What to do when the chosen division is closed or nobody is online. */
  whenUnavailable: z.enum(["handover", "keep_with_bot"]).default("handover"),
  /** Presence without an inbox admin token cannot be known; this decides how to treat it. */
  presenceUnknown: z.enum(["assume_online", "assume_offline"]).default("assume_online"),
  /**
   * When the only agents who could take the conversation are "busy": Chatwoot does not
   * auto-assign to them (AutoAssignment::AgentAssignmentService takes online agents only).
   */
  presenceBusy: z.enum(["assume_online", "assume_offline"]).default("assume_offline"),
  /** Reply used when no division applies and the LLM gave none (fallback mode). */
  fallbackReply: templateText.default('Maaf, saya belum memahami pesan Anda. Bisa dijelaskan lebih detail? Ketik "CS" untuk bicara dengan petugas kami.'),
  /** An agent moving a handed-over conversation to another team within this many minutes teaches the router. */
  rerouteLearningMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(120),
  /** What the bot uses of the inbox's agent-bot API beyond messages and the handover itself. */
  inbox: z
    .object({
      typingIndicator: z
        .boolean()
        .default(true)
        .describe(
          "Show the bot typing in the inbox's web widget while the LLM decides; sent only where the inbox lets an agent bot do it (Chatwoot 4.11.2 or newer)",
        ),
      handoverAttributes: z
        .boolean()
        .default(true)
        .describe("On handover, merge switchboard_division, switchboard_confidence and switchboard_reason into the conversation's custom attributes"),
    })
    .prefault({}),
  clarifyingQuestion: templateText.default("Agar kami bisa menghubungkan Anda ke tim yang tepat, boleh dijelaskan sedikit lebih detail kebutuhan Anda?"),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});

/**
 * Settings as stored (a jsonb document written by an earlier version), with the defaults of fields
 * added since: stored documents are not migrated when a setting is added.
 */
export function storedSettings(stored: Settings): Settings {
  const parsed = settingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : { ...defaultSettings, ...stored };
}
