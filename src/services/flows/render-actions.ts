import type { OutgoingMessage } from "../../domain/decision.js";
import type { FlowAction } from "../../domain/flow.js";
import { type ChannelCapabilities, type ChannelKind, channelCapabilities } from "../../domain/channels.js";
import type { OfferedChoice } from "./flow-cursor.js";

type QuickReply = Extract<FlowAction, { type: "quickReply" }>;
type Carousel = Extract<FlowAction, { type: "carousel" }>;

export type RenderOptions = {
  channel: ChannelKind;
  /** Stable per turn (e.g. `${conversationId}:${messageId}`), so variant picks repeat in tests and replays. */
  seed: string;
  /** Overrides the channel's defaults, e.g. when an inbox is known to show Instagram quick replies. */
  capabilities?: ChannelCapabilities;
};

export type Rendered = { message: OutgoingMessage; offered: OfferedChoice[] };

/** FNV-1a: a tiny stable hash; this is variety, not security. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** One of the variants, the same one for the same seed and action. */
export function pickVariant(variants: readonly string[], seed: string, actionKey: string): string {
  return variants[hash(`${seed}|${actionKey}`) % variants.length] ?? variants[0] ?? "";
}

export function renderText(variants: readonly string[], options: RenderOptions, actionKey: string): OutgoingMessage {
  return { content: pickVariant(variants, options.seed, actionKey) };
}

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * Quick replies become `input_select` where the channel can show them within its limits, and a
 * numbered list otherwise; `firstNumber` continues the numbering of earlier lists in the same reply.
 */
export function renderQuickReply(action: QuickReply, options: RenderOptions, firstNumber = 1): Rendered {
  const caps = options.capabilities ?? channelCapabilities(options.channel);
  const items = action.items.map((item) => ({ title: item.title, value: item.value ?? item.title }));
  const select = caps.select;
  const fits =
    select !== null &&
    items.length <= select.maxItems &&
    items.every((item) => item.title.length <= select.maxTitleLength && bytes(item.value) <= select.maxValueBytes);
  if (fits) {
    return {
      message: { content: action.text, content_type: "input_select", content_attributes: { items } },
      offered: items.map((item) => ({ title: item.title, value: item.value, payload: { value: item.value } })),
    };
  }
  const offered = items.map((item, i) => ({ title: item.title, value: item.value, payload: { value: item.value }, number: firstNumber + i }));
  const lines = offered.map((choice) => `${String(choice.number)}. ${choice.title}`);
  return { message: { content: `${action.text}\n\n${lines.join("\n")}` }, offered };
}

/**
 * Carousels become `cards` where the channel shows them, and numbered text otherwise: each card's
 * title and text, its postback buttons numbered, its links written out. Chatwoot refuses (422) a
 * `cards` message with a card without actions (app/models/concerns/content_attribute_validator.rb),
 * so a carousel with a button-less card goes out as text on every channel. The web widget never
 * sends card postbacks to the server, so typed button labels are offered as choices too
 * (match-choice.ts).
 */
export function renderCarousel(action: Carousel, options: RenderOptions, firstNumber = 1): Rendered {
  const caps = options.capabilities ?? channelCapabilities(options.channel);
  if (caps.cards && action.items.every((card) => card.buttons.length > 0)) {
    const offered: OfferedChoice[] = [];
    const items = action.items.map((card) => ({
      title: card.title,
      description: card.text,
      ...(card.imageUrl ? { media_url: card.imageUrl } : {}),
      actions: card.buttons.map((button) => {
        if (button.type === "url") return { type: "link", text: button.label, uri: button.url };
        const value = JSON.stringify(button.payload);
        offered.push({ title: button.label, value, payload: button.payload });
        return { type: "postback", text: button.label, payload: value };
      }),
    }));
    const content = action.text ?? action.items.map((card) => card.title).join(", ");
    return { message: { content, content_type: "cards", content_attributes: { items } }, offered };
  }
  const offered: OfferedChoice[] = [];
  const blocks = action.items.map((card) => {
    const lines = [card.title];
    if (card.text) lines.push(card.text);
    for (const button of card.buttons) {
      if (button.type === "url") {
        lines.push(`${button.label}: ${button.url}`);
        continue;
      }
      const number = firstNumber + offered.length;
      offered.push({ title: button.label, value: JSON.stringify(button.payload), payload: button.payload, number });
      lines.push(`${String(number)}. ${button.label}`);
    }
    return lines.join("\n");
  });
  const content = [action.text, ...blocks].filter((part) => part !== undefined).join("\n\n");
  return { message: { content }, offered };
}
