import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

export const hmacSha256Hex = (key: string, value: string | Uint8Array) => createHmac("sha256", key).update(value).digest("hex");

/** Constant-time comparison of two strings; hashing first makes lengths equal. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = createHash("sha256").update(a).digest();
  const right = createHash("sha256").update(b).digest();
  return timingSafeEqual(left, right);
}
