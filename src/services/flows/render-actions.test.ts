import { describe, expect, it } from "vitest";
import type { FlowAction } from "../../domain/flow.js";
import { channelCapabilities, channelKind } from "../../domain/channels.js";
import { pickVariant, renderCarousel, renderQuickReply } from "./render-actions.js";

type QuickReply = Extract<FlowAction, { type: "quickReply" }>;
type Carousel = Extract<FlowAction, { type: "carousel" }>;

const faq: QuickReply = {
  type: "quickReply",
  text: "Pilih topik",
  items: [{ title: "Daftar rekening baru" }, { title: "Daftar kartu kredit", value: "cc_apply" }],
};
const promo: Carousel = {
  type: "carousel",
  items: [
    {
      title: "Buy 1 Get 1",
      text: "Gratis 1 pancake",
      imageUrl: "https://img.example/b1g1.jpg",
      buttons: [
        { type: "postback", label: "B1G1", payload: { carousel: "b1g1" } },
        { type: "url", label: "Lihat detail", url: "https://docs.kata.ai" },
      ],
    },
    { title: "Diskon 10%", text: "", buttons: [{ type: "postback", label: "Diskon", payload: { carousel: "diskon" } }] },
  ],
};
const opts = (channel: string) => ({ channel: channelKind(channel), seed: "s" });

describe("channelKind", () => {
  it("maps inbox channel names and short names, case-insensitively", () => {
    expect(channelKind("Channel::WebWidget")).toBe("web");
    expect(channelKind("Channel::Whatsapp")).toBe("whatsapp");
    expect(channelKind("Channel::Instagram")).toBe("instagram");
    expect(channelKind("Channel::FacebookPage")).toBe("facebook");
    expect(channelKind("telegram")).toBe("telegram");
    expect(channelKind(null)).toBe("unknown");
    expect(channelKind("Channel::Kata")).toBe("unknown");
  });
});

describe("renderQuickReply", () => {
  it("is an input_select with {title, value} items on the web widget, the API, WhatsApp, Telegram and Facebook", () => {
    for (const channel of ["Channel::WebWidget", "Channel::Api", "Channel::Whatsapp", "Channel::Telegram", "Channel::FacebookPage"]) {
      const { message, offered } = renderQuickReply(faq, opts(channel));
      expect(message, channel).toEqual({
        content: "Pilih topik",
        content_type: "input_select",
        content_attributes: {
          items: [
            { title: "Daftar rekening baru", value: "Daftar rekening baru" },
            { title: "Daftar kartu kredit", value: "cc_apply" },
          ],
        },
      });
      expect(offered.map((c) => c.number)).toEqual([undefined, undefined]);
    }
  });

  it("is a numbered list on Instagram and unknown channels", () => {
    for (const channel of ["Channel::Instagram", "Channel::Line", "Channel::Sms"]) {
      const { message, offered } = renderQuickReply(faq, opts(channel));
      expect(message, channel).toEqual({ content: "Pilih topik\n\n1. Daftar rekening baru\n2. Daftar kartu kredit" });
      expect(offered).toEqual([
        { title: "Daftar rekening baru", value: "Daftar rekening baru", payload: { value: "Daftar rekening baru" }, number: 1 },
        { title: "Daftar kartu kredit", value: "cc_apply", payload: { value: "cc_apply" }, number: 2 },
      ]);
    }
  });

  it("falls back to numbers where the channel's limits are exceeded", () => {
    const longTitle: QuickReply = { ...faq, items: [{ title: "Pembukaan rekening tabungan baru" }] };
    expect(renderQuickReply(longTitle, opts("Channel::Whatsapp")).message.content_type).toBeUndefined();
    expect(renderQuickReply(longTitle, opts("Channel::WebWidget")).message.content_type).toBe("input_select");
    const many: QuickReply = { ...faq, items: Array.from({ length: 11 }, (_, i) => ({ title: `Opsi ${String(i + 1)}` })) };
    expect(renderQuickReply(many, opts("Channel::Whatsapp")).message.content).toMatch(/\n11\. Opsi 11$/);
    const longValue: QuickReply = { ...faq, items: [{ title: "Ya", value: "x".repeat(65) }] };
    expect(renderQuickReply(longValue, opts("Channel::Telegram")).message.content_type).toBeUndefined();
  });

  it("honours overridden capabilities (an inbox known to show Instagram quick replies)", () => {
    const caps = { ...channelCapabilities("instagram"), select: { maxItems: 13, maxTitleLength: 20, maxValueBytes: 1000 } };
    expect(renderQuickReply(faq, { ...opts("Channel::Instagram"), capabilities: caps }).message.content_type).toBe("input_select");
  });

  it("continues the numbering of an earlier list in the same reply", () => {
    const { message } = renderQuickReply(faq, opts("Channel::Instagram"), 3);
    expect(message.content).toBe("Pilih topik\n\n3. Daftar rekening baru\n4. Daftar kartu kredit");
  });
});

describe("renderCarousel", () => {
  it("is cards on the web widget, with postback payloads as JSON and links as link actions", () => {
    const { message, offered } = renderCarousel(promo, opts("Channel::WebWidget"));
    expect(message).toEqual({
      content: "Buy 1 Get 1, Diskon 10%",
      content_type: "cards",
      content_attributes: {
        items: [
          {
            title: "Buy 1 Get 1",
            description: "Gratis 1 pancake",
            media_url: "https://img.example/b1g1.jpg",
            actions: [
              { type: "postback", text: "B1G1", payload: '{"carousel":"b1g1"}' },
              { type: "link", text: "Lihat detail", uri: "https://docs.kata.ai" },
            ],
          },
          { title: "Diskon 10%", description: "", actions: [{ type: "postback", text: "Diskon", payload: '{"carousel":"diskon"}' }] },
        ],
      },
    });
    // Typed labels still pick a card: the widget never sends card postbacks to the server.
    expect(offered).toEqual([
      { title: "B1G1", value: '{"carousel":"b1g1"}', payload: { carousel: "b1g1" } },
      { title: "Diskon", value: '{"carousel":"diskon"}', payload: { carousel: "diskon" } },
    ]);
  });

  it("is numbered text where cards are not supported (WhatsApp, Instagram, Telegram)", () => {
    for (const channel of ["Channel::Whatsapp", "Channel::Instagram", "Channel::Telegram"]) {
      const { message, offered } = renderCarousel({ ...promo, text: "Promo bulan ini:" }, opts(channel));
      expect(message, channel).toEqual({
        content: "Promo bulan ini:\n\nBuy 1 Get 1\nGratis 1 pancake\n1. B1G1\nLihat detail: https://docs.kata.ai\n\nDiskon 10%\n2. Diskon",
      });
      expect(offered.map((c) => [c.number, c.title])).toEqual([
        [1, "B1G1"],
        [2, "Diskon"],
      ]);
    }
  });
});

describe("pickVariant", () => {
  const variants = ["a", "b", "c", "d"];

  it("is stable for a seed and action, and varies across seeds", () => {
    expect(pickVariant(variants, "conv-1:1", "f/s/0")).toBe(pickVariant(variants, "conv-1:1", "f/s/0"));
    const picks = new Set(Array.from({ length: 40 }, (_, i) => pickVariant(variants, `conv-1:${String(i)}`, "f/s/0")));
    expect(picks.size).toBe(4);
  });

  it("returns the only variant", () => {
    expect(pickVariant(["only"], "x", "y")).toBe("only");
  });
});
