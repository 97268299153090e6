import { describe, expect, it } from "vitest";
import { type BotExport, botExportSchema } from "../../domain/bot-export.js";
import { AppError } from "../../errors.js";
import { applyDraft, describeDraft, draftSchema } from "./draft.js";

const live: BotExport = botExportSchema.parse({
  format: "switchboard.bot/v1",
  name: "Bank",
  settings: { confidenceThreshold: 0.7, defaultDivisionId: "div_b", whenUnavailable: "keep_with_bot" },
  divisions: [
    { id: "div_a", name: "Cards", prompt: "cards", teamId: 2, keywords: ["kartu"] },
    { id: "div_b", name: "Complaints", prompt: "complaints", teamId: 4 },
  ],
});

const errorPath = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.errors?.map((e) => e.path);
    throw error;
  }
  return undefined;
};

describe("applyDraft", () => {
  it("patches the named divisions and settings, keeping every value the draft leaves out", () => {
    const draft = draftSchema.parse({ divisions: [{ id: "div_a", prompt: "cards and annual fees" }], settings: { confidenceThreshold: 0.5 } });
    const drafted = applyDraft(live, draft);
    expect(drafted.divisions[0]).toEqual({ ...live.divisions[0], prompt: "cards and annual fees" });
    expect(drafted.divisions[1]).toEqual(live.divisions[1]);
    // A partial settings schema with defaults would have reset these to 0.6 / "handover".
    expect(drafted.settings).toEqual({ ...live.settings, confidenceThreshold: 0.5 });
    expect(drafted.settings.whenUnavailable).toBe("keep_with_bot");
    expect(live.divisions[0]?.prompt).toBe("cards");
    expect(describeDraft(live, drafted)).toEqual(["division Cards (div_a): prompt", "settings.confidenceThreshold: 0.7 → 0.5"]);
    expect(describeDraft(live, applyDraft(live, draftSchema.parse({})))).toEqual([]);
  });

  it("names the draft field that is wrong", () => {
    expect(errorPath(() => applyDraft(live, draftSchema.parse({ divisions: [{ id: "div_x", active: false }] })))).toEqual(["draft.divisions.0.id"]);
    expect(errorPath(() => applyDraft(live, draftSchema.parse({ divisions: [{ id: "div_a" }, { id: "div_a" }] })))).toEqual(["draft.divisions.1.id"]);
    expect(errorPath(() => applyDraft(live, draftSchema.parse({ divisions: [{ id: "div_b", name: "cards" }] })))).toEqual(["draft.divisions.0.name"]);
    expect(errorPath(() => applyDraft(live, draftSchema.parse({ settings: { defaultDivisionId: "div_x" } })))).toEqual(["draft.settings.defaultDivisionId"]);
  });

  it("rejects settings that cannot change a decision, and unknown fields", () => {
    expect(draftSchema.safeParse({ settings: { fallbackReply: "hi" } }).success).toBe(false);
    expect(draftSchema.safeParse({ divisions: [{ id: "div_a", promt: "typo" }] }).success).toBe(false);
  });
});
