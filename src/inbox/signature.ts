import { constantTimeEqual, hmacSha256Hex } from "../secrets.js";

export const signatureToleranceSeconds = 300;

/**
 * Chatwoot agent-bot signing: `sha256=` + hex HMAC-SHA256(secret, "<timestamp>.<raw body>"),
 * with the timestamp (Unix seconds) within ±300 s of now.
 */
export function verifySignature(args: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Uint8Array;
  nowSeconds: number;
}): boolean {
  const { secret, timestamp, signature, rawBody, nowSeconds } = args;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > signatureToleranceSeconds) return false;
  const prefix = Buffer.from(`${timestamp}.`);
  const expected = `sha256=${hmacSha256Hex(secret, Buffer.concat([prefix, rawBody]))}`;
  return constantTimeEqual(signature.trim().toLowerCase(), expected);
}

export function signBody(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${hmacSha256Hex(secret, `${String(timestamp)}.${rawBody}`)}`;
}
