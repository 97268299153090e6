import { describe, expect, it } from "vitest";
import { plainText } from "./plain-text.js";

describe("plainText", () => {
  it("reads the web widget's rendered HTML (Chatwoot 4.9–4.12) as the text typed", () => {
    expect(plainText("<p>1</p>")).toBe("1");
    expect(plainText("<p>kartu saya &amp; rekening</p>\n")).toBe("kartu saya & rekening");
    expect(plainText("<p>baris satu<br>baris dua</p><p>paragraf &#8220;dua&#x201D;</p>")).toBe("baris satu\nbaris dua\nparagraf \u201cdua\u201d");
  });

  it("leaves plain text alone, angle brackets and ampersands included", () => {
    expect(plainText("1")).toBe("1");
    expect(plainText("a <b> c & d")).toBe("a <b> c & d");
    expect(plainText("harga < 5 juta &amp; cepat")).toBe("harga < 5 juta &amp; cepat");
  });
});
