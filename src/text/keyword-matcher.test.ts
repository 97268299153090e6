import { describe, expect, it } from "vitest";
import { humanIntentKeywords, KeywordMatcher } from "./keyword-matcher.js";

describe("KeywordMatcher", () => {
  it("ignores case, accents and punctuation, on word boundaries", () => {
    const m = new KeywordMatcher(["kartu kredit", "blokir"]);
    expect(m.matches("KARTU-kredit saya!!").map((h) => h.keyword)).toEqual(["kartu kredit"]);
    expect(m.matches("Kártu Krédit")).toHaveLength(1);
    expect(m.matches("kartukredit")).toHaveLength(0);
    expect(m.matches("blokirnya kenapa?").map((h) => h.keyword)).toEqual(["blokir"]);
  });

  it("strips Indonesian affixes", () => {
    const m = new KeywordMatcher(["blokir", "transfer"]);
    expect(m.matches("kartu saya terblokir").map((h) => h.keyword)).toEqual(["blokir"]);
    expect(m.matches("sudah ditransfer kemarin").map((h) => h.keyword)).toEqual(["transfer"]);
  });

  it("expands chat abbreviations", () => {
    const m = new KeywordMatcher(["transfer", "kartu kredit", "customer service", "gimana"]);
    expect(m.matches("tf gagal").map((h) => h.keyword)).toEqual(["transfer"]);
    expect(m.matches("limit cc sy").map((h) => h.keyword)).toEqual(["kartu kredit"]);
    expect(m.matches("mau ke cs dong").map((h) => h.keyword)).toEqual(["customer service"]);
    expect(m.matches("gmn caranya").map((h) => h.keyword)).toEqual(["gimana"]);
  });

  it("recognises the global human intent in both languages", () => {
    const m = new KeywordMatcher(humanIntentKeywords);
    for (const text of ["saya mau bicara dengan CS", "can I talk to a real person?", "hubungkan ke agen", "Operator please"]) {
      expect(m.matches(text).length, text).toBeGreaterThan(0);
    }
    for (const text of ["berapa biaya transfer", "agenda rapat", "cash withdrawal"]) {
      expect(m.matches(text), text).toHaveLength(0);
    }
  });
});
