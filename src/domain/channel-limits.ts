// Per-channel message length limits (Chatwoot Captain's message_length_limit: WhatsApp 4096,
// Instagram 1000, SMS 320; the vendors' own limits for the rest). Unknown channels get a safe 1000.
const limits: Record<string, number> = {
  "Channel::Instagram": 1000,
  "Channel::FacebookPage": 2000,
  "Channel::Whatsapp": 4096,
  "Channel::TwilioSms": 320,
  "Channel::Sms": 320,
  "Channel::Telegram": 4096,
  "Channel::Line": 5000,
  "Channel::WebWidget": 4000,
  "Channel::Api": 4000,
  "Channel::Email": 10_000,
};

export const channelMessageLimit = (channel: string | null) => (channel ? (limits[channel] ?? 1000) : 1000);

/** Fits a reply to the channel, cutting at a sentence or word boundary rather than mid-word. */
export function trimToChannel(text: string, channel: string | null): string {
  const limit = channelMessageLimit(channel);
  const clean = text.trim();
  if (clean.length <= limit) return clean;
  const room = clean.slice(0, limit - 1);
  const sentence = Math.max(room.lastIndexOf(". "), room.lastIndexOf("! "), room.lastIndexOf("? "));
  if (sentence > limit * 0.6) return room.slice(0, sentence + 1);
  const word = room.lastIndexOf(" ");
  return `${(word > limit * 0.6 ? room.slice(0, word) : room).trimEnd()}…`;
}
