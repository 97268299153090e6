// What each inbox channel can show, read in Chatwoot's senders (app/services/whatsapp/providers/
// base_service.rb, app/models/channel/telegram.rb, app/services/facebook/send_on_facebook_service.rb)
// and its documented support matrix (interactive-messages: options on Website, API, WhatsApp
// Cloud/360dialog and Telegram; cards only on Website and API).

export type ChannelKind = "web" | "api" | "whatsapp" | "telegram" | "facebook" | "instagram" | "line" | "sms" | "email" | "unknown";

export type ChannelCapabilities = {
  /** input_select limits; null = options cannot be shown (only the text would go out). */
  select: { maxItems: number; maxTitleLength: number; maxValueBytes: number } | null;
  cards: boolean;
  /** Longest message the channel takes (Chatwoot Captain's limits: WhatsApp 4096, Instagram 1000, SMS 320; the vendors' for the rest). */
  messageLimit: number;
};

const generous = { maxItems: 50, maxTitleLength: 200, maxValueBytes: 1000 };

const capabilities: Record<ChannelKind, ChannelCapabilities> = {
  web: { select: generous, cards: true, messageLimit: 4000 },
  api: { select: generous, cards: true, messageLimit: 4000 },
  // Reply buttons (≤3, 20 chars) or a list (≤10 rows, 24 chars); the tighter title bound keeps both safe.
  // The value becomes the button/row id (WhatsApp allows 200 characters; 256 for list rows).
  whatsapp: { select: { maxItems: 10, maxTitleLength: 20, maxValueBytes: 200 }, cards: false, messageLimit: 4096 },
  // Inline keyboard; callback_data (the value) is limited to 64 bytes.
  telegram: { select: { maxItems: 50, maxTitleLength: 64, maxValueBytes: 64 }, cards: false, messageLimit: 4096 },
  // Messenger quick replies: 13 items, 20-character titles; upstream sends the title as payload.
  facebook: { select: { maxItems: 13, maxTitleLength: 20, maxValueBytes: 1000 }, cards: false, messageLimit: 2000 },
  // Upstream sends only the text of an input_select to Instagram; Kata's own IG quick replies and
  // generic templates are undocumented, so numbered text is the safe default.
  instagram: { select: null, cards: false, messageLimit: 1000 },
  line: { select: null, cards: false, messageLimit: 5000 },
  sms: { select: null, cards: false, messageLimit: 320 },
  email: { select: null, cards: false, messageLimit: 10000 },
  unknown: { select: null, cards: false, messageLimit: 1000 },
};

const byInboxName: Record<string, ChannelKind> = {
  "channel::webwidget": "web",
  "channel::api": "api",
  "channel::whatsapp": "whatsapp",
  "channel::telegram": "telegram",
  "channel::facebookpage": "facebook",
  "channel::instagram": "instagram",
  "channel::line": "line",
  "channel::sms": "sms",
  "channel::twiliosms": "sms",
  "channel::email": "email",
};

const kinds = new Set<string>(Object.keys(capabilities));

/** The inbox's channel name ("Channel::Whatsapp") or a short kind ("whatsapp") → a ChannelKind. */
export function channelKind(channel: string | null | undefined): ChannelKind {
  const key = (channel ?? "").trim().toLowerCase();
  const mapped = byInboxName[key];
  if (mapped) return mapped;
  return kinds.has(key) ? (key as ChannelKind) : "unknown";
}

export function channelCapabilities(kind: ChannelKind): ChannelCapabilities {
  return capabilities[kind];
}
