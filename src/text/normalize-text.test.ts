import { describe, expect, it } from "vitest";
import { chatWords, foldText, squashElongation, tokenize } from "./normalize-text.js";

const read = (text: string) => chatWords(text).join(" ");

describe("chat normalisation", () => {
  it("folds case, accents and punctuation", () => {
    expect(foldText("  Kártu-KREDIT saya!! ")).toBe("kartu kredit saya");
  });

  it("gives slang, abbreviations and spelling variants one standard form", () => {
    for (const variant of ["gak", "nggak", "ngga", "gk", "tdk", "tidak", "enggak"]) expect(read(`${variant} bisa`), variant).toBe("tidak bisa");
    expect(read("sy mau tf ke rek lain")).toBe("saya mau transfer ke rekening lain");
    expect(read("limit cc naik")).toBe("limit kartu kredit naik");
    expect(read("udh blm knp")).toBe("sudah belum kenapa");
    expect(read("gmn caranya")).toBe("gimana caranya");
  });

  it("takes the general colloquial dictionary (IndoCollex) below the banking abbreviations", () => {
    expect(read("makasih")).toBe("terima kasih");
    expect(read("pengen pinjem")).toBe("ingin pinjam");
    // The dictionary reads "tf" as tensorflow; banking chat means a transfer.
    expect(read("tf")).toBe("transfer");
  });

  it("squashes elongated words and expands reduplication written with a 2", () => {
    expect(squashElongation("tolonggg")).toBe("tolong");
    expect(read("tolonggggg kak, kartu2 sayaaa hilang")).toBe("tolong kak kartu kartu saya hilang");
    // Two letters in a row are spelling, not emphasis.
    expect(read("booking saldo")).toBe("booking saldo");
  });

  it("reads emoji that carry the tone and drops the rest", () => {
    expect(read("kartu saya ketelan 😡😡")).toContain("marah");
    expect(read("tolong dibantu 🙏")).toBe("tolong dibantu tolong");
    expect(read("🎉")).toBe("");
  });

  it("keeps each written word for keyword matching and adds its standard form after it", () => {
    expect(tokenize("mau ke cs dong")).toEqual(["mau", "ke", "cs", "customer", "service", "dong"]);
    expect(tokenize("tolonggg")).toEqual(["tolonggg", "tolong"]);
  });
});
