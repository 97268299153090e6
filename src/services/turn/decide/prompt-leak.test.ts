import { describe, expect, it } from "vitest";
import { revealsPrompt } from "./prompt-leak.js";

const secret = "Serahkan ke tim Kartu Kredit & Debit untuk masalah kartu kredit atau kartu debit: kartu terblokir, hilang atau tertelan.";

describe("revealsPrompt", () => {
  it("catches six or more consecutive words of a secret, whatever the case and punctuation", () => {
    expect(revealsPrompt("Baik! SERAHKAN ke tim kartu kredit, debit untuk masalah kartu...", [secret])).toBe(true);
  });

  it("lets ordinary replies through, even on the same topic", () => {
    expect(revealsPrompt("Kartu kredit kamu terblokir? Kami hubungkan ke tim Kartu Kredit & Debit ya.", [secret])).toBe(false);
    expect(revealsPrompt("", [secret])).toBe(false);
  });
});
