import { markdownToChatText, markdownToHtml } from "./markdown-html.js";
import type { ChannelType } from "./model.js";
import type { VersionProfile } from "./profiles.js";

/**
 * Chatwoot app/services/messages/webhook_content_normalizer.rb (4.13.0+): drops the backslash of a
 * markdown hard break and the trailing newlines an editor leaves.
 */
export function normalizeWebhookContent(text: string | null): string | null {
  if (text === null || text.trim() === "") return text;
  return text.replace(/\\\r?\n/g, "\n").replace(/(\r?\n)+$/, "");
}

/**
 * The top-level `content` of a message webhook. 4.9.0–4.12.0 sent `outgoing_content`, the text as
 * rendered for the channel (app/services/messages/markdown_renderer_service.rb: HTML for the web
 * widget); 4.12.1 sent the raw text again (#13896) and 4.13.0 normalises it.
 */
export function webhookContent(profile: VersionProfile, channel: ChannelType, content: string | null): string | null {
  if (content === null || content === "") return content;
  if (profile.renderedContent) return renderForChannel(channel, content);
  if (profile.normalizedContent) return normalizeWebhookContent(content);
  return content;
}

/** Messages::MarkdownRendererService::CHANNEL_RENDERERS (4.9.0): no renderer for the API channel. */
export function renderForChannel(channel: ChannelType, content: string): string {
  switch (channel) {
    case "Channel::WebWidget":
      return markdownToHtml(content);
    case "Channel::Whatsapp":
    case "Channel::Instagram":
    case "Channel::FacebookPage":
      return markdownToChatText(content);
    case "Channel::Api":
      return content;
  }
}

/** `conversation.messages[]` keeps the raw text; 4.13.0+ normalises it too (Message#webhook_push_event_data). */
export function pushContent(profile: VersionProfile, content: string | null): string | null {
  return profile.normalizedContent ? normalizeWebhookContent(content) : content;
}
