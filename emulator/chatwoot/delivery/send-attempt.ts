import { createHmac } from "node:crypto";
import type { VersionProfile } from "../profiles.js";

export type AttemptRequest = { url: string; body: string; secret: string | null; deliveryId: string; timestampSeconds: number };
export type AttemptResult = { ok: true; status: number } | { ok: false; status: number | null; reason: string };

/**
 * Chatwoot lib/webhooks/trigger.rb#request_headers: JSON headers, the delivery id (4.13.0+), and,
 * when the bot has a secret (4.13.0+), `X-Chatwoot-Timestamp` and `X-Chatwoot-Signature` =
 * `sha256=` + hex HMAC-SHA256(secret, "<timestamp>.<body>"), computed per attempt.
 */
export function deliveryHeaders(profile: VersionProfile, request: AttemptRequest): Record<string, string> {
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json", "User-Agent": profile.userAgent };
  if (profile.deliveryIdHeader) headers["X-Chatwoot-Delivery"] = request.deliveryId;
  if (profile.signing && request.secret) {
    const ts = String(request.timestampSeconds);
    headers["X-Chatwoot-Timestamp"] = ts;
    headers["X-Chatwoot-Signature"] = `sha256=${createHmac("sha256", request.secret).update(`${ts}.${request.body}`).digest("hex")}`;
  }
  return headers;
}

/**
 * One POST, as SafeFetch / RestClient make it: open and read timeouts of WEBHOOK_TIMEOUT (5 s),
 * redirects followed, the response body ignored, any 2xx a success.
 */
export async function sendAttempt(profile: VersionProfile, request: AttemptRequest, timeoutMs: number, closing: AbortSignal): Promise<AttemptResult> {
  try {
    const response = await fetch(request.url, {
      method: "POST",
      headers: deliveryHeaders(profile, request),
      body: request.body,
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closing]),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, reason: `${String(response.status)} ${response.statusText}`.trim() };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { ok: false, status: null, reason: timedOut ? `timed out after ${String(timeoutMs)} ms` : describe(error) };
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
