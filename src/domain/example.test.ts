import { describe, expect, it } from "vitest";
import { divisionExampleSchema, intentsOfAnotherLabel } from "./example.js";

describe("example intents", () => {
  it("belong to the first label they come with: a later example of another label is reported at its path", () => {
    const errors = intentsOfAnotherLabel([
      { path: "examples.0.intent", label: "cards", intent: "card_arrival" },
      { path: "examples.1.intent", label: "cards", intent: "card_arrival" },
      { path: "examples.2.intent", label: "bot", intent: "card_arrival" },
      { path: "examples.3.intent", label: "bot", intent: null },
      { path: "examples.4.intent", label: "bot", intent: "greeting" },
    ]);
    expect(errors).toEqual([
      { path: "examples.2.intent", message: expect.stringContaining('intent "card_arrival" belongs to label "cards", not "bot"') as unknown },
    ]);
  });

  it("belong to the label the stored examples give them", () => {
    const owners = new Map([["greeting", "bot"]]);
    expect(intentsOfAnotherLabel([{ path: "examples.0.intent", label: "cards", intent: "greeting" }], owners).map((e) => e.path)).toEqual([
      "examples.0.intent",
    ]);
    expect(intentsOfAnotherLabel([{ path: "examples.0.intent", label: "bot", intent: "greeting" }], owners)).toEqual([]);
  });

  it("are optional in a division's own examples, which may stay plain texts", () => {
    expect(divisionExampleSchema.parse("  kartu hilang ")).toBe("kartu hilang");
    expect(divisionExampleSchema.parse({ text: "kartu hilang", intent: "lost_card" })).toEqual({ text: "kartu hilang", intent: "lost_card" });
    expect(divisionExampleSchema.safeParse({ text: "kartu hilang", intent: " " }).success).toBe(false);
  });
});
