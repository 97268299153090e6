import { describe, expect, it } from "vitest";
import type { Decision } from "../../../domain/decision.js";
import { defaultSettings, type Settings } from "../../../domain/settings.js";
import { division } from "../decide/turn-context.test-helpers.js";
import type { Availability } from "./availability.js";
import { planHandover } from "./plan-handover.js";

const decision: Decision = {
  route: "handover",
  divisionId: "fraud",
  confidence: 0.91,
  alternatives: [],
  reason: "kartu dipakai orang lain",
  source: "llm",
  promptVersion: null,
  model: null,
  latencyMs: 0,
  tokens: null,
};
const fraud = { ...division("fraud"), name: "Fraud", teamId: 3 };
const available: Availability = { kind: "available", presence: "online" };

const plan = (
  overrides: { settings?: Partial<Settings>; division?: Partial<typeof fraud>; availability?: Availability; seen?: Record<string, unknown> | null } = {},
) =>
  planHandover({
    decision,
    division: { ...fraud, ...overrides.division },
    divisions: [fraud],
    settings: { ...defaultSettings, ...overrides.settings },
    history: [],
    availability: overrides.availability ?? available,
    seenAttributes: overrides.seen ?? null,
  }).actions;

describe("a handover's marks on the conversation", () => {
  it("by default: the decision as custom attributes after the team, before the note and the opening", () => {
    const actions = plan({ seen: { segmen: "gold" } });
    expect(actions.map((a) => a.action)).toEqual(["message", "assign_team", "custom_attributes", "message", "toggle_status"]);
    expect(actions[2]).toEqual({
      action: "custom_attributes",
      attributes: { switchboard_division: "Fraud", switchboard_confidence: 0.91, switchboard_reason: "kartu dipakai orang lain" },
      seen: { segmen: "gold" },
    });
  });

  it("adds the division's priority and labels when it has them, and no attributes when the setting is off", () => {
    const actions = plan({
      division: { priority: "urgent", labels: ["fraud", "penipuan"] },
      settings: { inbox: { typingIndicator: true, handoverAttributes: false } },
    });
    expect(actions.map((a) => a.action)).toEqual(["message", "assign_team", "priority", "labels", "message", "toggle_status"]);
    expect(actions[2]).toEqual({ action: "priority", priority: "urgent" });
    expect(actions[3]).toEqual({ action: "labels", labels: ["fraud", "penipuan"] });
  });

  it("marks nothing when the conversation stays with the bot", () => {
    const closed: Availability = { kind: "closed", nextOpening: "besok", nextOpeningAt: null };
    const actions = plan({ availability: closed, division: { priority: "urgent", labels: ["fraud"] }, settings: { whenUnavailable: "keep_with_bot" } });
    expect(actions.map((a) => a.action)).toEqual(["message"]);
  });
});
