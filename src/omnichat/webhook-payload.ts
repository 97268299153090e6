import { z } from "zod";

// Tolerant parsing of both payload generations (2021 `status: "bot"` and current): unknown keys
// pass, most fields are optional, numbers may arrive as strings in forks.

const id = z.coerce.number().int();

const sender = z
  .object({ id: id.optional(), name: z.string().nullish(), type: z.string().nullish() })
  .loose()
  .nullish();

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

const attachment = z
  .object({ id: id.optional(), file_type: z.string().nullish(), data_url: z.string().nullish() })
  .loose();

const choice = z.object({ title: z.string().nullish(), value: z.unknown() }).loose();

/** One entry of `conversation.messages[]` (the push shape), used for the raw text of a message. */
export const pushedMessage = z.object({ id: id.optional(), content: z.string().nullish() }).loose();

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

export const conversationEventSchema = conversationSchema.extend({
  event: z.enum(["conversation_status_changed", "conversation_opened", "conversation_resolved", "conversation_updated"]),
  changed_attributes: z.array(z.record(z.string(), z.unknown())).nullish(),
});

export const anyEventSchema = z.object({ event: z.string() }).loose();

export type MessageEvent = z.infer<typeof messageEventSchema>;
export type ConversationEvent = z.infer<typeof conversationEventSchema>;
export type ConversationSnapshot = z.infer<typeof conversationSchema>;

/**
 * The delivery as it is stored: JSON without the websocket `pubsub_token` (a credential the
 * inbox puts in payloads). One stringify with a replacer, on the webhook's hot path.
 */
export function storedPayloadJson(body: unknown): string {
  return JSON.stringify(body, (key, value: unknown) => (key === "pubsub_token" ? undefined : value));
}
