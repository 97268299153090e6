import { AppError } from "../../errors.js";
import { classifyDelivery, needsProcessing, recordedMessage } from "../../omnichat/classify.js";
import { verifySignature } from "../../omnichat/signature.js";
import { storedPayloadJson } from "../../omnichat/webhook-payload.js";
import { constantTimeEqual, sha256Hex } from "../../secrets.js";
import { orderingKey, type PipelineDeps, queues } from "../pipeline-deps.js";

export type Delivery = {
  botId: string;
  token: string;
  rawBody: Uint8Array;
  signature: string | undefined;
  timestamp: string | undefined;
};

export type DeliveryResult = { status: "accepted" | "duplicate" | "ignored"; kind: string };

const unauthorized = () => new AppError("unauthorized", "unauthorized");

/**
 * The webhook's whole job: authenticate, parse, classify, and durably store the delivery with its
 * processing job in one statement. The 200 means "stored"; the work happens on the queue.
 */
export async function acceptDelivery(deps: PipelineDeps, delivery: Delivery): Promise<DeliveryResult> {
  const bot = await deps.findBotForWebhook(delivery.botId);
  // Compare even for an unknown bot, so timing says nothing about which bot ids exist.
  const tokenOk = constantTimeEqual(sha256Hex(delivery.token), bot?.webhookTokenHash ?? "");
  if (!bot || !tokenOk) throw unauthorized();
  if (bot.signingSecret !== null) {
    const signed = verifySignature({
      secret: bot.signingSecret,
      timestamp: delivery.timestamp,
      signature: delivery.signature,
      rawBody: delivery.rawBody,
      nowSeconds: Math.floor(deps.clock.now().toSeconds()),
    });
    if (!signed) throw unauthorized();
  }

  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(delivery.rawBody).toString("utf8"));
  } catch {
    throw new AppError("malformed_json", "The delivery body is not valid JSON");
  }
  const classified = classifyDelivery(body);
  if (classified.kind === "ignored") return { status: "ignored", kind: classified.reason };

  const now = deps.clock.now().toJSDate();
  const conversationId = classified.snapshot.conversationId;
  const kind = classified.kind === "record" ? classified.reason : classified.kind;
  const eventId = await deps.writeDelivery({
    event: {
      botId: bot.id,
      dedupeKey: classified.dedupeKey,
      event: classified.event,
      kind,
      conversationId,
      ...recordedMessage(classified),
      payloadJson: storedPayloadJson(body),
      receivedAt: now,
    },
    job: needsProcessing(classified)
      ? { queue: queues.inbound, orderingKey: orderingKey(bot.id, conversationId), payloadKey: "eventId", maxAttempts: 8, runAt: now }
      : null,
  });
  const inserted = eventId !== undefined;
  if (inserted && needsProcessing(classified)) deps.wakeQueue();
  return { status: inserted ? "accepted" : "duplicate", kind };
}
