import { describe, expect, it } from "vitest";
import type { OfferedChoice } from "./flow-cursor.js";
import { flowInputFromTurn, parsePayload } from "./flow-input.js";
import { matchChoice } from "./match-choice.js";

const quickReplies: OfferedChoice[] = [
  { title: "Daftar rekening baru", value: "new_account", payload: { value: "new_account" } },
  { title: "Daftar kartu kredit", value: "cc_apply", payload: { value: "cc_apply" } },
];
const numbered: OfferedChoice[] = quickReplies.map((c, i) => ({ ...c, number: i + 1 }));
const postbacks: OfferedChoice[] = [
  { title: "B1G1", value: '{"carousel":"b1g1"}', payload: { carousel: "b1g1" }, number: 1 },
  { title: "Diskon", value: '{"carousel":"diskon"}', payload: { carousel: "diskon" }, number: 2 },
];

describe("matchChoice, per channel", () => {
  it("web widget: the submitted_values value", () => {
    expect(matchChoice(quickReplies, { text: "Daftar kartu kredit", payload: "cc_apply" })?.value).toBe("cc_apply");
  });

  it("WhatsApp / Facebook / Instagram: the tapped button title, also typed loosely", () => {
    expect(matchChoice(quickReplies, { text: "Daftar rekening baru", payload: null })?.value).toBe("new_account");
    expect(matchChoice(quickReplies, { text: "daftar kartu KREDIT!", payload: null })?.value).toBe("cc_apply");
    expect(matchChoice(postbacks, { text: "b1g1", payload: null })?.payload).toEqual({ carousel: "b1g1" });
  });

  it("Telegram: the callback value as the message text", () => {
    expect(matchChoice(quickReplies, { text: "cc_apply", payload: null })?.title).toBe("Daftar kartu kredit");
    expect(matchChoice(postbacks, { text: '{"carousel":"diskon"}', payload: null })?.title).toBe("Diskon");
  });

  it('numbered text: "1", " 2." and "2)" pick by number, only where numbers were shown', () => {
    expect(matchChoice(numbered, { text: "1", payload: null })?.value).toBe("new_account");
    expect(matchChoice(numbered, { text: " 2. ", payload: null })?.value).toBe("cc_apply");
    expect(matchChoice(postbacks, { text: "2)", payload: null })?.title).toBe("Diskon");
    expect(matchChoice(quickReplies, { text: "1", payload: null })).toBeNull();
    expect(matchChoice(numbered, { text: "3", payload: null })).toBeNull();
  });

  it("anything else is no choice", () => {
    expect(matchChoice(numbered, { text: "saya mau tanya limit", payload: null })).toBeNull();
    expect(matchChoice(numbered, { text: "", payload: null })).toBeNull();
    expect(matchChoice([], { text: "1", payload: "new_account" })).toBeNull();
  });
});

const turn = (text: string, extra: Partial<{ payload: string | null; attachmentTypes: string[]; contentAttributes: Record<string, unknown> }> = {}) => ({
  text,
  payload: extra.payload ?? null,
  attachmentTypes: extra.attachmentTypes ?? [],
  contentAttributes: extra.contentAttributes ?? {},
});

describe("flowInputFromTurn", () => {
  it("plain text is a text input", () => {
    expect(flowInputFromTurn(turn(" halo "), "Channel::Whatsapp")).toMatchObject({ type: "text", content: "halo", payload: {}, channel: "whatsapp" });
  });

  it("an Instagram story mention is data with payload.type story_mention", () => {
    const input = flowInputFromTurn(turn("", { attachmentTypes: ["story_mention"], contentAttributes: { image_type: "story_mention" } }), "Channel::Instagram");
    expect(input).toMatchObject({ type: "data", content: "", payload: { type: "story_mention" }, channel: "instagram" });
  });

  it("an Instagram story reply is data with the story's id and url", () => {
    const input = flowInputFromTurn(
      turn("keren!", {
        attachmentTypes: ["story_reply"],
        contentAttributes: { story_id: 1790001, story_url: "https://cdn.example/s.jpg", story_sender: "bankabc" },
      }),
      "Channel::Instagram",
    );
    expect(input).toMatchObject({
      type: "data",
      content: "keren!",
      payload: { type: "story_reply", storyId: "1790001", storyUrl: "https://cdn.example/s.jpg", storySender: "bankabc" },
    });
  });

  it("a pick among offered choices becomes data with the choice's title and payload", () => {
    expect(flowInputFromTurn(turn("2"), "Channel::Instagram", postbacks)).toMatchObject({ type: "data", content: "Diskon", payload: { carousel: "diskon" } });
    expect(flowInputFromTurn(turn("Daftar kartu kredit", { payload: "cc_apply" }), "Channel::WebWidget", quickReplies)).toMatchObject({
      type: "data",
      content: "Daftar kartu kredit",
      payload: { value: "cc_apply" },
    });
  });

  it("an unmatched payload is data: a JSON object is read as the payload, anything else as {value}", () => {
    expect(flowInputFromTurn(turn("B1G1", { payload: '{"carousel":"b1g1"}' }), "Channel::Api")).toMatchObject({ type: "data", payload: { carousel: "b1g1" } });
    expect(parsePayload("handover_cs")).toEqual({ value: "handover_cs" });
    expect(parsePayload("[1,2]")).toEqual({ value: "[1,2]" });
    expect(parsePayload("null")).toEqual({ value: "null" });
  });
});
