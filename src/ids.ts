import { randomBytes } from "node:crypto";

// Prefixed, URL-safe ids: the prefix says what an id names in logs and support tickets.
export type IdPrefix = "bot" | "div" | "flow" | "ex" | "kn" | "dec" | "turn" | "out";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

function randomSuffix(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += alphabet.charAt(b % alphabet.length);
  return out;
}

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomSuffix(20)}`;
}

/** An unguessable secret for URLs and generated tokens (256 bits, base64url). */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}
