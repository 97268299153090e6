import { incomingText } from "../../test/fixtures/chatwoot/index.js";

/** The customer text every benchmark delivery carries (the fixture's own wording). */
export const benchText = "Halo, kartu kredit saya terblokir setelah salah memasukkan PIN 3 kali. Bagaimana cara membukanya?";

// Sentinels: values no real field of the fixture holds, so their digits mark the holes to fill.
const sentinelMessage = 987_654_321;
const sentinelConversation = 123_454_321;

type Hole = "message" | "conversation" | "updatedAt";

/**
 * A fast source of distinct webhook bodies. Each one is exactly `JSON.stringify(incomingText(...))`
 * (checked at construction), built by splicing numbers into a template instead of re-reading and
 * re-serialising the fixture for every request, so the load generator stays cheap.
 */
export type WebhookBodies = {
  /** The body for the `seq`-th delivery: message id `firstMessageId + seq`, conversation `seq % conversations`. */
  body(seq: number): string;
  /** Size of a typical body in bytes (they differ by a few digits at most). */
  bytes: number;
};

const updatedAtFor = (messageId: number) => 1768444205 + messageId / 1000;

export function webhookBodies(options: { firstMessageId: number; firstConversationId: number; conversations: number }): WebhookBodies {
  const { firstMessageId, firstConversationId, conversations } = options;
  const template = JSON.stringify(incomingText({ conversationId: sentinelConversation, messageId: sentinelMessage, text: benchText }));
  const marks: Record<string, Hole> = {
    [String(updatedAtFor(sentinelMessage))]: "updatedAt",
    [String(sentinelMessage)]: "message",
    [String(sentinelConversation)]: "conversation",
  };
  // Longest first, so the updated_at float wins over the message id digits it may contain.
  const pattern = new RegExp(
    Object.keys(marks)
      .sort((a, b) => b.length - a.length)
      .map((m) => m.replace(".", "\\."))
      .join("|"),
    "g",
  );
  const literals: string[] = [];
  const holes: Hole[] = [];
  let last = 0;
  for (const match of template.matchAll(pattern)) {
    const hole = marks[match[0]];
    if (hole === undefined) throw new Error(`webhookBodies: unexpected match ${match[0]}`);
    literals.push(template.slice(last, match.index));
    holes.push(hole);
    last = match.index + match[0].length;
  }
  literals.push(template.slice(last));

  const ids = (seq: number) => ({ messageId: firstMessageId + seq, conversationId: firstConversationId + (seq % conversations) });
  const body = (seq: number): string => {
    const { messageId, conversationId } = ids(seq);
    const values: Record<Hole, string> = {
      message: String(messageId),
      conversation: String(conversationId),
      updatedAt: String(updatedAtFor(messageId)),
    };
    let out = literals[0] ?? "";
    for (let i = 0; i < holes.length; i++) {
      const hole = holes[i];
      if (hole !== undefined) out += values[hole];
      out += literals[i + 1] ?? "";
    }
    return out;
  };

  // The splice must give byte-for-byte what the fixture builder gives.
  for (const seq of [0, 1, 7, conversations + 3, 123_457]) {
    const expected = JSON.stringify(incomingText({ ...ids(seq), text: benchText }));
    if (body(seq) !== expected) throw new Error(`webhookBodies: template body ${String(seq)} differs from incomingText()`);
  }
  return { body, bytes: Buffer.byteLength(body(0)) };
}
