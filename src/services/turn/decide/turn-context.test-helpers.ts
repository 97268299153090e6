import { alwaysOpen } from "../../../domain/office-hours.js";
import { defaultSettings } from "../../../domain/settings.js";
import { emptyRecall } from "../../memory/recall.js";
import type { DivisionInfo, TurnContext } from "./turn-context.js";

export const division = (id: string, keywords: string[] = []): DivisionInfo => ({
  id,
  name: id.toUpperCase(),
  prompt: "p",
  promptVersion: 1,
  teamId: 1,
  keywords,
  active: true,
  officeHours: null,
  priority: null,
  labels: [],
});

/** A bot-owned turn with two divisions and nothing else configured; override what a test needs. */
export function turnContext(overrides: Partial<TurnContext> & { text?: string } = {}): TurnContext {
  const { text = "x", ...rest } = overrides;
  return {
    botId: "bot_1",
    conversationId: 1,
    settings: defaultSettings,
    officeHours: alwaysOpen,
    divisions: [division("cards"), division("fraud")],
    channel: null,
    flows: [],
    flowCursor: null,
    seed: "1:1",
    turn: { messageId: 1, text, payload: null, attachmentTypes: [], contentAttributes: {} },
    memory: emptyRecall,
    history: [],
    clarifyPending: false,
    ...rest,
  };
}
