import * as decisionsQ from "../../db/queries/decisions.js";
import * as divisionsQ from "../../db/queries/divisions.js";
import * as settingsQ from "../../db/queries/bot-settings.js";
import type { Db } from "../../db/client.js";
import type { ServiceDeps } from "../context.js";
import type { ConversationState } from "../conversations/conversation-state.js";
import { storeExamples } from "./example-service.js";

export type RerouteLesson = { state: ConversationState; commit: (tx: Db) => Promise<void> };

// The customer's last words before the handover are what the router misjudged.
const lessonTurns = 3;

/**
 * An agent moved a conversation we handed over to another team soon after: the routing was wrong.
 * The customer's routed messages become `agent_reroute` examples for the division of the new team,
 * and the handover decision is marked as a mis-route in the decision log. Null when nothing to learn.
 */
export async function learnFromReroute(
  deps: Pick<ServiceDeps, "db" | "embedder" | "clock">,
  botId: string,
  before: ConversationState,
  after: ConversationState,
  now: Date,
): Promise<RerouteLesson | null> {
  if (after.owner !== "human" || !before.handedOverTo || !before.handedOverAt || after.teamId === null || after.teamId === before.teamId) return null;
  const settings = (await settingsQ.findBotSettings(deps.db, botId))?.settings;
  if (!settings || now.getTime() - before.handedOverAt.getTime() > settings.rerouteLearningMinutes * 60_000) return null;
  const target = (await divisionsQ.listDivisions(deps.db, botId)).find((d) => d.teamId === after.teamId && d.id !== before.handedOverTo);
  if (!target) return null;
  const handedAt = before.handedOverAt.toISOString();
  const routed = before.history.filter((h) => h.role === "customer" && h.at <= handedAt && h.text.trim() !== "").slice(-lessonTurns);
  const decisionId = before.lastDecisionId;
  return {
    state: { ...after, handedOverTo: target.id },
    commit: async (tx) => {
      if (routed.length > 0)
        await storeExamples(
          deps,
          tx,
          botId,
          routed.map((h) => ({ text: h.text, label: target.id })),
          "agent_reroute",
        );
      if (decisionId) await decisionsQ.markMisrouted(tx, decisionId, { toDivisionId: target.id, toTeamId: target.teamId, at: now.toISOString() });
    },
  };
}
