import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../../domain/settings.js";
import { routeHumanIntent } from "./human-intent-router.js";
import { routeWithFallback } from "./fallback-router.js";
import type { TrainedRouter } from "./trained-router.js";
import { division, turnContext } from "./turn-context.test-helpers.js";

/** A trained router that reads every text as `read` says (probabilities over cards, fraud, bot). */
const router = (read: (text: string) => Record<string, number>): TrainedRouter => ({
  version: 3,
  classify: (text, active) =>
    Object.entries(read(text))
      .filter(([label]) => label === "bot" || active.has(label))
      .map(([label, probability]) => ({ label, probability }))
      .sort((a, b) => b.probability - a.probability),
});

const sure = router(() => ({ cards: 0.82, fraud: 0.1, bot: 0.08 }));
const torn = router(() => ({ cards: 0.45, fraud: 0.4, bot: 0.15 }));

describe("the trained router in the offline fallback", () => {
  it("hands over when the calibrated probability reaches confidenceThreshold", () => {
    const routed = routeWithFallback(turnContext({ router: sure }), "no LLM configured");
    expect(routed.decision).toMatchObject({
      route: "handover",
      divisionId: "cards",
      confidence: 0.82,
      source: "fallback",
      alternatives: [{ divisionId: "fraud", confidence: 0.1 }],
    });
    expect(routed.decision.reason).toContain("trained router v3");
  });

  it("asks the one clarifying question below it, then takes the default division", () => {
    const first = routeWithFallback(turnContext({ router: torn }));
    expect(first.decision).toMatchObject({ route: "clarify", confidence: 0.45 });
    expect(first.replies).toEqual([{ content: defaultSettings.clarifyingQuestion }]);
    const settings = { ...defaultSettings, defaultDivisionId: "fraud" };
    const second = routeWithFallback(turnContext({ router: torn, clarifyPending: true, settings }));
    expect(second.decision).toMatchObject({ route: "handover", divisionId: "fraud" });
    // The same probability with a lower threshold is a handover.
    expect(routeWithFallback(turnContext({ router: torn, settings: { ...defaultSettings, confidenceThreshold: 0.4 } })).decision.route).toBe("handover");
  });

  it("keeps the turn with the bot when no person is more likely than not needed, with that probability as confidence", () => {
    const routed = routeWithFallback(turnContext({ router: router(() => ({ bot: 0.7, cards: 0.2, fraud: 0.1 })) }));
    expect(routed.decision).toMatchObject({ route: "bot_reply", confidence: 0.7, divisionId: null });
    expect(routed.replies).toEqual([{ content: defaultSettings.fallbackReply }]);
  });

  it("asks when the bot is the likelier side but below the threshold; asked once, the bot answers", () => {
    const unsureBot = router(() => ({ bot: 0.55, cards: 0.3, fraud: 0.15 }));
    const first = routeWithFallback(turnContext({ router: unsureBot }));
    expect(first.decision).toMatchObject({ route: "clarify", divisionId: null, confidence: 0.55 });
    expect(first.decision.reason).toContain("confidence 0.55 < 0.6");
    const settings = { ...defaultSettings, defaultDivisionId: "fraud" };
    const second = routeWithFallback(turnContext({ router: unsureBot, clarifyPending: true, settings }));
    expect(second.decision).toMatchObject({ route: "bot_reply", confidence: 0.55 });
    expect(second.decision.reason).toContain("after a clarifying question");
  });

  it("hands over when a person is more likely than not and the team given a person reaches the threshold", () => {
    // The bot is the likeliest single label, but a person is needed with 0.55, cards 0.35 / 0.55 = 0.64 of it.
    const routed = routeWithFallback(turnContext({ router: router(() => ({ bot: 0.45, cards: 0.35, fraud: 0.2 })) }));
    expect(routed.decision).toMatchObject({ route: "handover", divisionId: "cards", confidence: 0.35 });
    expect(routed.decision.reason).toContain("CARDS, 0.64 of the 0.55 that a person is needed");
    // Torn between two teams: 0.45 / 0.85 = 0.53 is below 0.6, whatever the bot's share.
    expect(routeWithFallback(turnContext({ router: torn })).decision.reason).toContain("confidence 0.53 < 0.6");
    // A tie stays with the bot.
    expect(
      routeWithFallback(turnContext({ router: router(() => ({ bot: 0.5, cards: 0.5 })), settings: { ...defaultSettings, confidenceThreshold: 0.5 } })).decision
        .route,
    ).toBe("bot_reply");
  });

  it("names the intent it read in the reason when the model learnt intents", () => {
    const withIntent: TrainedRouter = {
      version: 4,
      classify: () => [
        { label: "cards", probability: 0.9, intent: "card_arrival" },
        { label: "bot", probability: 0.1, intent: "greeting" },
      ],
    };
    expect(routeWithFallback(turnContext({ router: withIntent })).decision.reason).toContain("cards/card_arrival 0.90, bot/greeting 0.10");
  });

  it("never names a division outside the active set, even one the model was trained on", () => {
    const divisions = [division("cards"), { ...division("fraud"), active: false }];
    const routed = routeWithFallback(turnContext({ divisions, router: router(() => ({ fraud: 0.9, cards: 0.06, bot: 0.04 })) }));
    expect(routed.decision.divisionId).not.toBe("fraud");
  });

  it("reads the previous customer message with an inconclusive one", () => {
    const read = (text: string) => (text.includes("kartu") ? { cards: 0.9, fraud: 0.05, bot: 0.05 } : { cards: 0.4, fraud: 0.35, bot: 0.25 });
    const history = [{ role: "customer" as const, text: "kartu kredit saya", at: "2026-11-20T10:00:00Z" }];
    const routed = routeWithFallback(turnContext({ router: router(read), text: "yang tadi itu kak", history }));
    expect(routed.decision).toMatchObject({ route: "handover", divisionId: "cards", confidence: 0.9 });
  });
});

describe("talk to a human", () => {
  const complaints = division("complaints", ["komplain", "keluhan", "cs"]);
  const divisions = [division("cards", ["kartu kredit"]), complaints];

  it("goes straight to the division the message names, without the which-team question", () => {
    const routed = routeHumanIntent(turnContext({ divisions, text: "saya mau komplain, mau bicara dengan cs" }), divisions);
    expect(routed?.decision).toMatchObject({ route: "handover", divisionId: "complaints", source: "policy" });
    expect(routed?.decision.reason).toContain('keyword "komplain"');
    // "cs" asks for a person; the topic is the credit card.
    expect(routeHumanIntent(turnContext({ divisions, text: "mau ke cs soal kartu kredit" }), divisions)?.decision.divisionId).toBe("cards");
  });

  it("takes the topic from the customer's recent messages", () => {
    const history = [{ role: "customer" as const, text: "kartu kredit saya ditolak terus", at: "2026-11-20T10:00:00Z" }];
    const routed = routeHumanIntent(turnContext({ divisions, history, text: "sambungkan ke agen saja" }), divisions);
    expect(routed?.decision).toMatchObject({ route: "handover", divisionId: "cards" });
    expect(routed?.decision.reason).toContain("in an earlier message");
  });

  it("uses the trained router when it is sure of a topic the keywords miss", () => {
    const routed = routeHumanIntent(
      turnContext({ divisions: [division("cards"), division("fraud")], router: sure, text: "my card was swallowed, I want a real person" }),
      [division("cards"), division("fraud")],
    );
    expect(routed?.decision).toMatchObject({ route: "handover", divisionId: "cards" });
  });

  it("asks which team only when nothing names one and there is no default", () => {
    const routed = routeHumanIntent(turnContext({ divisions, router: torn, text: "saya mau bicara dengan manusia" }), divisions);
    expect(routed?.decision.route).toBe("clarify");
    expect(routed?.replies[0]?.content).toBe("Dengan tim mana Anda ingin terhubung?");
    const withDefault = { ...defaultSettings, defaultDivisionId: "complaints" };
    expect(routeHumanIntent(turnContext({ divisions, settings: withDefault, text: "operator please" }), divisions)?.decision.divisionId).toBe("complaints");
  });
});
