import { channelCapabilities, channelKind } from "./channels.js";

const limitOf = (channel: string | null) => channelCapabilities(channelKind(channel)).messageLimit;

/** Fits a reply to the channel, cutting at a sentence or word boundary rather than mid-word. */
export function trimToChannel(text: string, channel: string | null): string {
  const limit = limitOf(channel);
  const clean = text.trim();
  if (clean.length <= limit) return clean;
  const room = clean.slice(0, limit - 1);
  const sentence = Math.max(room.lastIndexOf(". "), room.lastIndexOf("! "), room.lastIndexOf("? "));
  if (sentence > limit * 0.6) return room.slice(0, sentence + 1);
  const word = room.lastIndexOf(" ");
  return `${(word > limit * 0.6 ? room.slice(0, word) : room).trimEnd()}…`;
}
