import type { IntentType } from "../../domain/flow.js";
import type { TurnInput } from "../../inbox/parse-delivery.js";
import { type ChannelKind, channelKind } from "../../domain/channels.js";
import type { OfferedChoice } from "./flow-cursor.js";
import { matchChoice } from "./match-choice.js";

/** One input to the flow engine, in Kata's terms: a typed text, data (a payload) or a command. */
export type FlowTurnInput = {
  type: IntentType;
  content: string;
  payload: Record<string, unknown>;
  attachmentTypes: string[];
  contentAttributes: Record<string, unknown>;
  channel: ChannelKind;
};

const storyKeys = { story_id: "storyId", story_url: "storyUrl", story_sender: "storySender" } as const;

/**
 * Turns an inbox turn into a flow input. Instagram story mentions and replies (Chatwoot
 * app/builders/messages/messenger/message_builder.rb, Message#save_story_info) become data with
 * `payload.type` "story_mention" / "story_reply"; a pick among the choices the bot offered becomes
 * data with that choice's title as content and its payload; any other payload (a widget value, a
 * postback) is data too, parsed as a JSON object when it is one.
 */
export function flowInputFromTurn(
  turn: Pick<TurnInput, "text" | "payload" | "attachmentTypes" | "contentAttributes">,
  channel: string | null,
  offered: readonly OfferedChoice[] = [],
): FlowTurnInput {
  const base = { attachmentTypes: turn.attachmentTypes, contentAttributes: turn.contentAttributes, channel: channelKind(channel) };
  const content = turn.text.trim();
  if (turn.attachmentTypes.includes("story_mention")) {
    return { ...base, type: "data", content, payload: { type: "story_mention", ...storyInfo(turn.contentAttributes) } };
  }
  if (turn.attachmentTypes.includes("story_reply")) {
    return { ...base, type: "data", content, payload: { type: "story_reply", ...storyInfo(turn.contentAttributes) } };
  }
  const choice = matchChoice(offered, { text: content, payload: turn.payload });
  if (choice) return { ...base, type: "data", content: choice.title, payload: { ...choice.payload } };
  if (turn.payload !== null) return { ...base, type: "data", content, payload: parsePayload(turn.payload) };
  return { ...base, type: "text", content, payload: {} };
}

/**
 * The command the pipeline feeds the flows when a human agent hands a conversation back to the
 * bot, so a flow can say goodbye ("End session after handover done" in the Kata tutorial).
 */
export const handbackCommand = "handback";

/** A command action fed back into the flow (Kata "Command"), or the pipeline's `handback`. */
export function commandInput(command: string, channel: ChannelKind): FlowTurnInput {
  return { type: "command", content: command, payload: {}, attachmentTypes: [], contentAttributes: {}, channel };
}

export function parsePayload(payload: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(payload);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // not JSON: a plain quick-reply value
  }
  return { value: payload };
}

function storyInfo(attributes: Record<string, unknown>): Record<string, string> {
  const info: Record<string, string> = {};
  for (const [from, to] of Object.entries(storyKeys)) {
    const value = attributes[from];
    if (typeof value === "string" || typeof value === "number") info[to] = String(value);
  }
  return info;
}
