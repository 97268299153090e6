import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../errors.js";
import { lastCustomerText, parseDataset } from "./dataset.js";

const good = [
  `{"id":"a","text":"kartu sy keblokir","expected":{"route":"handover","division":"cards"},"intent":"card_blocked","tags":["slang"]}`,
  ``,
  `{"id":"b","turns":[{"role":"customer","text":"halo"},{"role":"bot","text":"Halo ` +
    `kak"},{"role":"user","text":"mau nanya ` +
    `promo"},{"role":"bot","text":"Silakan"}],"expected":{"route":"bot"},"now":"2026-12-25T20:15:00+07:00","channel":"instagram"}`,
].join("\n");

function errorsOf(text: string): string[] {
  try {
    parseDataset(text);
  } catch (error) {
    if (error instanceof AppError) return (error.errors ?? []).map((e) => `${e.path} | ${e.message}`);
    throw error;
  }
  throw new Error("expected parseDataset to throw");
}

describe("parseDataset", () => {
  it("parses single- and multi-turn cases, skipping blank lines and keeping unknown keys", () => {
    const { cases } = parseDataset(good);
    expect(cases.map((c) => c.id)).toEqual(["a", "b"]);
    expect(cases[0]).toMatchObject({ intent: "card_blocked", tags: ["slang"] });
    expect(cases[1]).toMatchObject({ now: "2026-12-25T20:15:00+07:00", channel: "instagram" });
  });

  it("hashes the raw bytes, whether given as a string or a buffer", () => {
    const expected = createHash("sha256").update(Buffer.from(good, "utf8")).digest("hex");
    expect(parseDataset(good).sha256).toBe(expected);
    expect(parseDataset(new TextEncoder().encode(good)).sha256).toBe(expected);
    expect(parseDataset(`${good}\n`).sha256).not.toBe(expected);
  });

  it("accepts CRLF line endings and a byte-order mark", () => {
    expect(parseDataset(`\uFEFF${good.replace(/\n/g, "\r\n")}`).cases).toHaveLength(2);
  });

  it("names the line number and field of every invalid case", () => {
    const text = [
      `{"id":"ok","text":"hi","expected":{"route":"bot"}}`,
      ``,
      `{"id":"x","text":"hi","expected":{"route":"human"}}`,
      `{"id":"y","text":"hi","expected":{"route":"handover"}}`,
      `{"id":"z","expected":{"route":"bot"}}`,
      `{"id":"w","text":"hi","expected":{"route":"bot"},"now":"2026-12-25 20:00"}`,
      `{"id":"v","turns":[{"role":"bot","text":"Halo"}],"expected":{"route":"bot"}}`,
    ].join("\n");
    const errors = errorsOf(text);
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatch(/^line 3: expected\.route \| /);
    expect(errors[1]).toBe("line 4: expected.division | a handover case names its division");
    expect(errors[2]).toBe("line 5: text | a case has exactly one of text or turns");
    expect(errors[3]).toMatch(/^line 6: now \| /);
    expect(errors[4]).toBe("line 7: turns | turns include at least one customer turn");
  });

  it("reports invalid JSON and duplicate ids with their lines", () => {
    const text = [`{"id":"a","text":"hi","expected":{"route":"bot"}}`, `{"id":"b","text":"hi",`, `{"id":"a","text":"again","expected":{"route":"bot"}}`].join(
      "\n",
    );
    const errors = errorsOf(text);
    expect(errors[0]).toMatch(/^line 2 \| not valid JSON/);
    expect(errors[1]).toBe('line 3: id | duplicate id "a" (first on line 1)');
  });

  it("puts the first errors in the message, as a validation error", () => {
    expect(() => parseDataset(`{"id":"x"}`)).toThrow(/invalid dataset: line 1: /);
    expect(() => parseDataset("\n\n")).toThrow(/no cases/);
  });
});

describe("lastCustomerText", () => {
  it("is the text, or the last customer or user turn", () => {
    const { cases } = parseDataset(good);
    expect(cases.map(lastCustomerText)).toEqual(["kartu sy keblokir", "mau nanya promo"]);
  });
});
