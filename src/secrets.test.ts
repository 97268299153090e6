import { describe, expect, it } from "vitest";
import { matchesSha256Hex, sha256Hex } from "./secrets.js";

describe("matchesSha256Hex", () => {
  const stored = sha256Hex("wh_token");
  it.each([
    ["the token whose hash is stored", "wh_token", stored, true],
    ["another token", "wh_other", stored, false],
    ["no stored hash (an unknown bot)", "wh_token", undefined, false],
    ["an empty stored hash", "", "", false],
    ["a stored hash in capitals (not what we write)", "wh_token", stored.toUpperCase(), false],
    ["a truncated stored hash", "wh_token", stored.slice(0, 63), false],
  ])("%s", (_, presented, hash, expected) => {
    expect(matchesSha256Hex(presented, hash)).toBe(expected);
  });
});
