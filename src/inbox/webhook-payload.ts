import { z } from "zod";

// Tolerant parsing of both payload generations (2021 `status: "bot"` and current): unknown keys
// pass, most fields are optional, numbers may arrive as strings in forks.

/** Chatwoot's ids are 32-bit (`serial`/`integer` in db/schema.rb), as are the columns storing them. */
const int32Max = 2_147_483_647;
const id = z
  .union([z.number(), z.string().regex(/^\d{1,10}$/, "must be a whole number")])
  .transform(Number)
  .pipe(z.number().int().min(0).max(int32Max));

const sender = z.object({ id: id.nullish(), name: z.string().nullish(), type: z.string().nullish() }).loose().nullish();

export const conversationSchema = z
  .object({
    id,
    inbox_id: id.nullish(),
    status: z.string().nullish(),
    channel: z.string().nullish(),
    updated_at: z.number().nullish(),
    timestamp: z.number().nullish(),
    meta: z
      .object({
        sender: sender,
        assignee: sender,
        assignee_type: z.string().nullish(),
        team: z.object({ id, name: z.string().nullish() }).loose().nullish(),
      })
      .loose()
      .nullish(),
    custom_attributes: z.record(z.string(), z.unknown()).nullish(),
    account: z.object({ id }).loose().nullish(),
    messages: z.array(z.unknown()).nullish(),
  })
  .loose();

const attachment = z.object({ id: id.nullish(), file_type: z.string().nullish(), data_url: z.string().nullish() }).loose();

const choice = z.object({ title: z.string().nullish(), value: z.unknown() }).loose();

/** One entry of `conversation.messages[]` (the push shape), used for the raw text of a message. */
export const pushedMessage = z.object({ id: id.nullish(), content: z.string().nullish() }).loose();

export const messageEventSchema = z
  .object({
    event: z.enum(["message_created", "message_updated"]),
    id,
    content: z.string().nullish(),
    message_type: z.union([z.string(), z.number()]),
    content_type: z.string().nullish(),
    content_attributes: z
      .object({
        submitted_values: z.array(choice).nullish(),
        items: z.array(z.unknown()).nullish(),
        in_reply_to: z.unknown().optional(),
        image_type: z.string().nullish(),
        story_id: z.unknown().optional(),
      })
      .loose()
      .nullish(),
    private: z.boolean().nullish(),
    sender,
    conversation: conversationSchema,
    account: z.object({ id }).loose().nullish(),
    inbox: z.object({ id }).loose().nullish(),
    attachments: z.array(attachment).nullish(),
    created_at: z.union([z.string(), z.number()]).nullish(),
  })
  .loose();

/** `{ previous_value, current_value }` of an id attribute in `changed_attributes`. */
const idChange = z.object({ previous_value: id.nullish(), current_value: id.nullish() }).loose();

export const conversationEventSchema = conversationSchema.extend({
  event: z.enum(["conversation_status_changed", "conversation_opened", "conversation_resolved", "conversation_updated"]),
  changed_attributes: z
    .array(z.object({ team_id: idChange.optional(), assignee_id: idChange.optional(), assignee_agent_bot_id: idChange.optional() }).loose())
    .nullish(),
});

export const anyEventSchema = z.object({ event: z.string().min(1).max(100) }).loose();

export type MessageEvent = z.infer<typeof messageEventSchema>;
export type ConversationEvent = z.infer<typeof conversationEventSchema>;
export type ConversationSnapshot = z.infer<typeof conversationSchema>;

/**
 * Why a delivery cannot be read, at the first field that says so: not an object with an event
 * name, or an event we act on whose fields have the wrong types or out-of-range ids. Null for a
 * readable delivery and for events we do not act on (acknowledged and ignored).
 */
export function payloadIssue(body: unknown): { path: string; message: string } | null {
  const base = anyEventSchema.safeParse(body);
  const parsed = !base.success
    ? base
    : base.data.event.startsWith("message_")
      ? messageEventSchema.safeParse(body)
      : conversationEventSchema.shape.event.safeParse(base.data.event).success
        ? conversationEventSchema.safeParse(body)
        : null;
  const issue = parsed && !parsed.success ? parsed.error.issues[0] : undefined;
  if (!issue) return null;
  return { path: issue.path.length > 0 ? issue.path.map(String).join(".") : "body", message: issue.message };
}

/**
 * The delivery as it is stored: JSON without the websocket `pubsub_token` (a credential the
 * inbox puts in payloads). One stringify with a replacer, on the webhook's hot path.
 */
export function storedPayloadJson(body: unknown): string {
  return JSON.stringify(body, (key, value: unknown) => (key === "pubsub_token" ? undefined : value));
}
