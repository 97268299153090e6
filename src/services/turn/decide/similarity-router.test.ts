import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../../domain/settings.js";
import { routeBySimilarity } from "./fallback-router.js";
import type { TurnContext } from "./turn-context.js";
import { turnContext } from "./turn-context.test-helpers.js";

const ctx = (memory: TurnContext["memory"], clarifyPending = false) => turnContext({ memory, clarifyPending });

const near = (label: string, similarity: number) => ({ text: `example for ${label}`, label, similarity });

describe("the nearest-example stage of the fallback", () => {
  it("hands over to the winning division with the runner-ups as alternatives", () => {
    const memory = {
      examples: [near("cards", 0.8)],
      knowledge: [],
      vote: {
        label: "cards",
        confidence: 0.72,
        runnerUp: [
          { label: "fraud", score: 0.2 },
          { label: "bot", score: 0.08 },
        ],
        abstain: false,
      },
    };
    const routed = routeBySimilarity(ctx(memory), ctx(memory).divisions, { clarify: true });
    expect(routed?.decision).toMatchObject({
      route: "handover",
      divisionId: "cards",
      confidence: 0.72,
      alternatives: [{ divisionId: "fraud", confidence: 0.2 }],
    });
  });

  it("asks the clarifying question when close examples disagree, but only once and not while a flow waits", () => {
    const memory = {
      examples: [near("cards", 0.6)],
      knowledge: [],
      vote: { label: "cards", confidence: 0.36, runnerUp: [{ label: "fraud", score: 0.34 }], abstain: true },
    };
    const first = routeBySimilarity(ctx(memory), ctx(memory).divisions, { clarify: true });
    expect(first?.decision).toMatchObject({ route: "clarify", source: "fallback" });
    expect(first?.replies).toEqual([{ content: defaultSettings.clarifyingQuestion }]);
    expect(routeBySimilarity(ctx(memory, true), ctx(memory).divisions, { clarify: true })).toBeNull();
    expect(routeBySimilarity(ctx(memory), ctx(memory).divisions, { clarify: false })).toBeNull();
  });

  it("leaves off-topic text (far from every example) and 'bot' votes to the later steps", () => {
    const far = { examples: [near("cards", 0.2)], knowledge: [], vote: { label: "cards", confidence: 0.9, runnerUp: [], abstain: true } };
    expect(routeBySimilarity(ctx(far), ctx(far).divisions, { clarify: true })).toBeNull();
    const bot = { examples: [near("bot", 0.9)], knowledge: [], vote: { label: "bot", confidence: 0.9, runnerUp: [], abstain: false } };
    expect(routeBySimilarity(ctx(bot), ctx(bot).divisions, { clarify: true })).toBeNull();
  });
});
