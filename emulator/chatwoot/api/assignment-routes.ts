import { assignAgent, assignAgentBot, assignTeam, updateLabels } from "../conversation-actions.js";
import { isoTime } from "../db-time.js";
import type { Engine } from "../engine.js";
import { answer } from "./errors.js";
import { findConversation } from "./conversation-routes.js";
import type { ApiRequest, RouteSpec } from "./router.js";
import { agentBotSlimView, agentView, teamRecord } from "./views.js";

/**
 * AssignmentsController#create: `assignee_id` (or `assignee_type: AgentBot`) wins over `team_id`;
 * an unknown team clears the team and answers `null`; nothing to assign answers `null` too.
 */
function assign(engine: Engine, r: ApiRequest) {
  const c = findConversation(engine, r, "conversationId");
  if ("assignee_id" in r.body || r.body.assignee_type === "AgentBot") {
    if (r.body.assignee_type === "AgentBot") {
      const bot = assignAgentBot(engine, c, r.body.assignee_id, r.actor);
      return answer(200, bot ? agentBotSlimView(bot) : null);
    }
    const user = assignAgent(engine, c, r.body.assignee_id, r.actor);
    return answer(200, user ? agentView(user, engine.store.account.id) : null);
  }
  if ("team_id" in r.body) {
    const team = assignTeam(engine, c, r.body.team_id, r.actor);
    return answer(200, team ? teamRecord(team, engine.store.account.id, isoTime(c.createdAt)) : null);
  }
  return answer(200, null);
}

/** Conversations::LabelsController (LabelConcern): index, and create that replaces the list. */
function labels(engine: Engine, r: ApiRequest, replace: boolean) {
  const c = findConversation(engine, r, "conversationId");
  if (replace) {
    const list = Array.isArray(r.body.labels) ? r.body.labels.filter((l): l is string => typeof l === "string") : [];
    updateLabels(engine, c, list, r.actor);
  }
  return answer(200, { payload: c.labels });
}

export function assignmentAndLabelRoutes(engine: Engine): RouteSpec[] {
  return [
    {
      method: "POST",
      path: "/conversations/:conversationId/assignments",
      controller: "conversations/assignments",
      action: "create",
      handle: (r) => assign(engine, r),
    },
    {
      method: "GET",
      path: "/conversations/:conversationId/labels",
      controller: "conversations/labels",
      action: "index",
      handle: (r) => labels(engine, r, false),
    },
    {
      method: "POST",
      path: "/conversations/:conversationId/labels",
      controller: "conversations/labels",
      action: "create",
      handle: (r) => labels(engine, r, true),
    },
  ];
}
