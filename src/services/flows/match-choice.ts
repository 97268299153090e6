import { foldText } from "../../text/normalize-text.js";
import type { OfferedChoice } from "./flow-cursor.js";

/** What came in: the message text and, from the web widget, the submitted value. */
export type ChoiceReply = { text: string; payload: string | null };

const numberReply = /^\s*(\d{1,3})\s*[.)]?\s*$/;

/**
 * Recognises a pick among the choices the bot offered last, as each channel sends it back (Chatwoot
 * app/controllers/api/v1/widget/messages_controller.rb#update, app/services/whatsapp/
 * incoming_message_service_helpers.rb, app/services/telegram/param_helpers.rb): the web widget's
 * `submitted_values` value, a Telegram callback (the value as text), a WhatsApp / Facebook /
 * Instagram tap or a typed label (the title, compared without case or punctuation), or a
 * number when the choices were shown as a numbered list. All channels are tried in that order,
 * because a conversation's channel says little about how a given reply was produced.
 */
export function matchChoice(offered: readonly OfferedChoice[], reply: ChoiceReply): OfferedChoice | null {
  if (offered.length === 0) return null;
  if (reply.payload !== null) {
    const byPayload = offered.find((c) => c.value === reply.payload);
    if (byPayload) return byPayload;
  }
  const text = reply.text.trim();
  if (text === "") return null;
  const byValue = offered.find((c) => c.value === text);
  if (byValue) return byValue;
  const folded = foldText(text);
  if (folded === "") return null;
  const byTitle = offered.find((c) => foldText(c.title) === folded);
  if (byTitle) return byTitle;
  const number = numberReply.exec(text)?.[1];
  if (number !== undefined) {
    const byNumber = offered.find((c) => c.number === Number(number));
    if (byNumber) return byNumber;
  }
  return offered.find((c) => foldText(c.value) === folded) ?? null;
}
