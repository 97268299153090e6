import { describe, expect, it } from "vitest";
import { parseDataset } from "./dataset.js";
import { caseConversation } from "./case-turn.js";

const now = new Date("2026-01-15T02:30:00.000Z");
const one = (line: object) => {
  const c = parseDataset(JSON.stringify(line)).cases[0];
  if (!c) throw new Error("no case");
  return c;
};

describe("caseConversation", () => {
  it("makes a single-text case a fresh bot-owned conversation with no history", () => {
    const { state, turn } = caseConversation("bot_1", one({ id: "a", text: "halo", expected: { route: "bot" }, channel: "Channel::Instagram" }), 7, now);
    expect(turn).toEqual({ messageId: 7, text: "halo", payload: null, attachmentTypes: [], contentAttributes: {} });
    expect(state).toMatchObject({ botId: "bot_1", conversationId: 7, owner: "bot", channel: "Channel::Instagram", history: [], clarifyPending: 0 });
  });

  it("decides the last customer turn; earlier turns become history, later and system turns are dropped", () => {
    const c = one({
      id: "b",
      turns: [
        { role: "system", text: "(conversation imported)" },
        { role: "user", text: "kartu saya hilang" },
        { role: "assistant", text: "Boleh dijelaskan lagi?" },
        { role: "agent", text: "Halo, saya Rina." },
        { role: "customer", text: "tolong diblokir" },
        { role: "bot", text: "Baik." },
      ],
      expected: { route: "handover", division: "cards" },
    });
    const { state, turn } = caseConversation("bot_1", c, 1, now);
    expect(turn.text).toBe("tolong diblokir");
    expect(state.history).toEqual([
      { role: "customer", text: "kartu saya hilang", at: "2026-01-15T02:27:00.000Z" },
      { role: "bot", text: "Boleh dijelaskan lagi?", at: "2026-01-15T02:28:00.000Z" },
      { role: "agent", text: "Halo, saya Rina.", at: "2026-01-15T02:29:00.000Z" },
    ]);
  });
});
