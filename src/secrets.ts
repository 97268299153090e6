import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

export const hmacSha256Hex = (key: string, value: string | Uint8Array) => createHmac("sha256", key).update(value).digest("hex");

const sha256HexPattern = /^[0-9a-f]{64}$/;

/**
 * Does `presented` hash (SHA-256) to the stored hex digest? One hash per check, the webhook's and the
 * admin API's on every request, compared in constant time; a missing or malformed digest never matches,
 * after the same work.
 */
export function matchesSha256Hex(presented: string, storedHex: string | undefined): boolean {
  const digest = createHash("sha256").update(presented).digest();
  const stored = storedHex !== undefined && sha256HexPattern.test(storedHex) ? Buffer.from(storedHex, "hex") : null;
  return timingSafeEqual(digest, stored ?? Buffer.alloc(digest.length)) && stored !== null;
}

/** Constant-time comparison of two strings; hashing first makes lengths equal. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash("sha256").update(a).digest();
  const right = createHash("sha256").update(b).digest();
  return timingSafeEqual(left, right);
}
