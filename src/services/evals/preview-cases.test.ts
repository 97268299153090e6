import { describe, expect, it } from "vitest";
import type { RoutedTurnRow } from "../../db/queries/decisions.js";
import type { EvalCase } from "./engine/dataset.js";
import { casesFromRecentTurns, resolveLabels } from "./preview-cases.js";

const divisions = [
  { id: "div_a", name: "Credit Cards" },
  { id: "div_b", name: "Complaints" },
];
const handoverTo = (division: string, id = division): EvalCase => ({ id, text: "x", expected: { route: "handover", division } });

describe("resolveLabels", () => {
  it("keeps ids, maps names in any case and spacing, and warns about the rest", () => {
    const { cases, warnings } = resolveLabels(
      [
        handoverTo("div_a"),
        handoverTo("credit_cards", "c2"),
        handoverTo("COMPLAINTS", "c3"),
        handoverTo("loans", "c4"),
        { id: "c5", text: "x", expected: { route: "bot" } },
      ],
      divisions,
    );
    expect(cases.map((c) => c.expected.division ?? "bot")).toEqual(["div_a", "div_a", "div_b", "loans", "bot"]);
    expect(warnings).toEqual(['the dataset expects divisions this bot does not have: loans (use a division id or name, or "bot")']);
  });

  it("does not guess between two divisions whose names read alike", () => {
    const { cases, warnings } = resolveLabels(
      [handoverTo("a_b")],
      [
        { id: "d1", name: "A B" },
        { id: "d2", name: "a-b" },
      ],
    );
    expect(cases[0]?.expected.division).toBe("a_b");
    expect(warnings).toHaveLength(1);
  });
});

describe("casesFromRecentTurns", () => {
  const row = (route: RoutedTurnRow["route"], divisionId: string | null): RoutedTurnRow => ({
    id: `dec_${route}`,
    conversationId: 7,
    route,
    divisionId,
    text: "kartu saya",
    createdAt: new Date("2026-01-15T02:30:00.000Z"),
  });

  it("expects what the bot decided then, at the instant it decided", () => {
    const { cases, sha256 } = casesFromRecentTurns([
      row("handover", "div_a"),
      row("flow", null),
      row("bot_reply", null),
      row("clarify", "div_b"),
      row("clarify", null),
    ]);
    expect(cases.map((c) => c.expected)).toEqual([
      { route: "handover", division: "div_a" },
      { route: "bot" },
      { route: "bot" },
      { route: "handover", division: "div_b" },
      { route: "handover" },
    ]);
    expect(cases[0]).toMatchObject({ id: "dec_handover", text: "kartu saya", now: "2026-01-15T02:30:00.000Z", conversationId: 7 });
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
