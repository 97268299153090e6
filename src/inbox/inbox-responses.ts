import { z } from "zod";
import { sendMarkerKey } from "../domain/send-marker.js";
import type { InboxStatus } from "./parse-delivery.js";

// The inbox API's answers as Switchboard reads them (Chatwoot's jbuilder views under
// app/views/api/v1/): tolerant of extra keys, strict about what is used.

export type Agent = { id: number; name: string; availabilityStatus: string; role: string };

export const messageResponse = z
  .object({ id: z.number(), sender: z.object({ id: z.number().nullish(), type: z.string().nullish() }).loose().nullish() })
  .loose();
export type SentMessage = { id: number; agentBotId: number | null };

/** conversations/show (partials/_conversation.json.jbuilder). */
export const conversationResponse = z
  .object({
    status: z.string(),
    updated_at: z.number().nullish(),
    custom_attributes: z.record(z.string(), z.unknown()).nullish(),
    labels: z.array(z.string()).nullish(),
  })
  .loose();
export type ReadConversation = { status: InboxStatus; updatedAt: number | null; customAttributes: Record<string, unknown>; labels: string[] };

export const listedMessages = z
  .object({
    payload: z.array(
      z
        .object({
          id: z.number(),
          content: z.string().nullish(),
          message_type: z.union([z.number(), z.string()]),
          private: z.boolean().nullish(),
          created_at: z.number().nullish(),
          content_attributes: z.record(z.string(), z.unknown()).nullish(),
        })
        .loose(),
    ),
  })
  .loose();
export type ListedMessage = { id: number; content: string; outgoing: boolean; private: boolean; createdAt: number; marker: string | null };

export function toListedMessage(m: z.infer<typeof listedMessages>["payload"][number]): ListedMessage {
  return {
    id: m.id,
    content: m.content ?? "",
    outgoing: m.message_type === 1 || m.message_type === "outgoing",
    private: m.private ?? false,
    createdAt: m.created_at ?? 0,
    marker: typeof m.content_attributes?.[sendMarkerKey] === "string" ? m.content_attributes[sendMarkerKey] : null,
  };
}

export const toggleResponse = z.object({ payload: z.object({ current_status: z.string().nullish(), success: z.boolean().nullish() }).loose() }).loose();

export const agentsResponse = z.array(
  z.object({ id: z.number(), name: z.string().nullish(), availability_status: z.string().nullish(), role: z.string().nullish() }).loose(),
);

export function toAgent(row: z.infer<typeof agentsResponse>[number]): Agent {
  return { id: row.id, name: row.name ?? "", availabilityStatus: row.availability_status ?? "offline", role: row.role ?? "agent" };
}

/** inbox_members#show (a user token; since v1.18): `{ payload: [agent, …] }`. */
export const inboxMembersResponse = z.object({ payload: agentsResponse }).loose();

const workingHour = z
  .object({
    day_of_week: z.number().int().min(0).max(6),
    closed_all_day: z.boolean().nullish(),
    open_all_day: z.boolean().nullish(),
    open_hour: z.number().nullish(),
    open_minutes: z.number().nullish(),
    close_hour: z.number().nullish(),
    close_minutes: z.number().nullish(),
  })
  .loose();

/** `render json: @team` (AssignmentsController#set_team) and teams#show: the team's columns, or null. */
export const teamResponse = z.object({ id: z.number(), name: z.string().nullish() }).loose();
export type InboxTeam = { id: number; name: string };

export const inboxResponse = z
  .object({ timezone: z.string().nullish(), working_hours: z.array(workingHour).nullish(), working_hours_enabled: z.boolean().nullish() })
  .loose();
export type InboxWorkingHours = z.infer<typeof inboxResponse>;

/** conversations/custom_attributes.json.jbuilder: the conversation's whole hash after the write. */
export const customAttributesResponse = z.object({ custom_attributes: z.record(z.string(), z.unknown()).nullish() }).loose();

/** conversations/labels/{index,create}.json.jbuilder (LabelConcern): `{ payload: [label, …] }`. */
export const labelsResponse = z.object({ payload: z.array(z.string()) }).loose();

/** ApiController#index (`GET /api`, no token): `{ version, timestamp, … }`. */
export const versionResponse = z.object({ version: z.string() }).loose();

/** `head :ok` (toggle_priority, toggle_typing_status): the body is empty and says nothing. */
export const noContent = z.unknown();
