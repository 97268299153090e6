import { AppError, invalid } from "../../../errors.js";
import { parseDelivery, needsProcessing, recordedMessage } from "../../../inbox/parse-delivery.js";
import { readDeliveryBody } from "../../../inbox/delivery-body.js";
import { verifySignature } from "../../../inbox/signature.js";
import { payloadIssue, storedPayloadJson } from "../../../inbox/webhook-payload.js";
import { matchesSha256Hex } from "../../../secrets.js";
import type { PipelineDeps } from "../../pipeline-deps.js";
import { conversationKey, maxAttempts, queues } from "../../queue/queues.js";

export type Delivery = {
  botId: string;
  token: string;
  rawBody: Uint8Array;
  signature: string | undefined;
  timestamp: string | undefined;
  /** `X-Chatwoot-Delivery` (Chatwoot 4.13+), the same on every retry of one delivery. */
  deliveryId?: string | undefined;
};

export type DeliveryResult = { status: "accepted" | "duplicate" | "ignored"; kind: string };

const unauthorized = () => new AppError("unauthorized", "unauthorized");

/** Chatwoot sends a UUID; anything within reason is used as given, absent is fine. */
function readDeliveryId(header: string | undefined): string | null {
  const value = header?.trim() ?? "";
  if (value.length > 200) throw invalid("headers.x-chatwoot-delivery", "must be at most 200 characters");
  return value === "" ? null : value;
}

/** JSON we can store, or a 4xx naming why not: the 200 must always mean "stored". */
function readBody(raw: Uint8Array): unknown {
  const reading = readDeliveryBody(raw);
  if (reading.ok) return reading.body;
  const errors = [{ path: "body", message: reading.message }];
  throw reading.problem === "not_json"
    ? new AppError("malformed_json", reading.message, { errors })
    : new AppError("validation_failed", reading.message, { errors });
}

/** The bot the delivery is for, when its URL token and (if the bot requires one) its signature check out. */
/** What the webhook needs: the bot lookup, the durable store, the queue nudge and the clock. */
export type IntakeDeps = Pick<PipelineDeps, "clock" | "findBotForWebhook" | "writeDelivery" | "wakeQueue">;

async function authenticate(deps: IntakeDeps, delivery: Delivery) {
  const bot = await deps.findBotForWebhook(delivery.botId);
  // Compare even for an unknown bot, so timing says nothing about which bot ids exist.
  const tokenOk = matchesSha256Hex(delivery.token, bot?.webhookTokenHash);
  if (!bot || !tokenOk) throw unauthorized();
  if (bot.signingSecret === null) {
    // Without a secret nothing can be verified: refusing unsigned deliveries then refuses them all.
    if (bot.refuseUnsignedDeliveries) throw unauthorized();
    return bot;
  }
  const signed = verifySignature({
    secret: bot.signingSecret,
    timestamp: delivery.timestamp,
    signature: delivery.signature,
    rawBody: delivery.rawBody,
    nowSeconds: Math.floor(deps.clock.now().toSeconds()),
  });
  if (!signed) throw unauthorized();
  return bot;
}

/**
 * The webhook's whole job: authenticate, parse, classify, and durably store the delivery with its
 * processing job in one statement. The 200 means "stored"; the work happens on the queue.
 */
export async function acceptDelivery(deps: IntakeDeps, delivery: Delivery): Promise<DeliveryResult> {
  const bot = await authenticate(deps, delivery);
  const deliveryId = readDeliveryId(delivery.deliveryId);
  const body = readBody(delivery.rawBody);
  const parsed = parseDelivery(body);
  if (parsed.kind === "ignored") {
    // Acknowledged only when it is an event we do not act on; an unreadable one is refused at its field.
    const issue = payloadIssue(body);
    if (issue) throw invalid(issue.path, issue.message);
    return { status: "ignored", kind: parsed.reason };
  }

  const now = deps.clock.now().toJSDate();
  const conversationId = parsed.snapshot.conversationId;
  const kind = parsed.kind === "record" ? parsed.reason : parsed.kind;
  const orderingKey = conversationKey(bot.id, conversationId);
  const eventId = await deps.writeDelivery({
    event: {
      botId: bot.id,
      dedupeKey: parsed.dedupeKey,
      deliveryId,
      event: parsed.event,
      kind,
      conversationId,
      ...recordedMessage(parsed),
      payloadJson: storedPayloadJson(body),
      receivedAt: now,
    },
    job: needsProcessing(parsed) ? { queue: queues.inbound, orderingKey, payloadKey: "eventId", maxAttempts: maxAttempts.inbound, runAt: now } : null,
  });
  const inserted = eventId !== undefined;
  if (inserted && needsProcessing(parsed)) deps.wakeQueue(orderingKey);
  return { status: inserted ? "accepted" : "duplicate", kind };
}
