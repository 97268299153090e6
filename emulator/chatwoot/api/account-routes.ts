import type { Engine } from "../engine.js";
import { NotFound } from "../store.js";
import { authorizeInbox } from "./auth.js";
import { answer } from "./errors.js";
import type { ApiRequest, RouteSpec } from "./router.js";
import { agentView, inboxView, teamView } from "./views.js";

const callerId = (r: ApiRequest) => (r.principal.kind === "user" ? r.principal.user.id : null);

function teamById(engine: Engine, id: string | undefined) {
  const team = engine.store.team(Number(id));
  if (!team) throw new NotFound(`team ${String(id)}`);
  return team;
}

function inboxById(engine: Engine, r: ApiRequest, id: string | undefined) {
  if (Number(id) !== engine.store.inbox.id) throw new NotFound(`inbox ${String(id)}`);
  authorizeInbox(engine.store, r.principal);
  return engine.store.inbox;
}

/**
 * Agents, teams, team members, inbox members and inboxes: user tokens only (none of them is in
 * BOT_ACCESSIBLE_ENDPOINTS). UserPolicy/TeamPolicy/TeamMemberPolicy#index? let any agent read;
 * InboxPolicy#show? only a member of the inbox or an administrator.
 */
export function accountRoutes(engine: Engine): RouteSpec[] {
  const { store } = engine;
  const accountId = store.account.id;
  const agents = (ids: number[]) => store.users.filter((u) => ids.includes(u.id)).map((u) => agentView(u, accountId));
  return [
    {
      method: "GET",
      path: "/agents",
      controller: "agents",
      action: "index",
      handle: () =>
        answer(
          200,
          store.users.map((u) => agentView(u, accountId)),
        ),
    },
    {
      method: "GET",
      path: "/teams",
      controller: "teams",
      action: "index",
      handle: (r) =>
        answer(
          200,
          store.teams.map((t) => teamView(t, accountId, callerId(r))),
        ),
    },
    {
      method: "GET",
      path: "/teams/:teamId",
      controller: "teams",
      action: "show",
      handle: (r) => answer(200, teamView(teamById(engine, r.params.teamId), accountId, callerId(r))),
    },
    {
      method: "GET",
      path: "/teams/:teamId/team_members",
      controller: "team_members",
      action: "index",
      handle: (r) => answer(200, agents(teamById(engine, r.params.teamId).memberIds)),
    },
    {
      method: "GET",
      path: "/inbox_members/:inboxId",
      controller: "inbox_members",
      action: "show",
      handle: (r) => answer(200, { payload: agents(inboxById(engine, r, r.params.inboxId).memberIds) }),
    },
    {
      method: "GET",
      path: "/inboxes/:inboxId",
      controller: "inboxes",
      action: "show",
      handle: (r) => answer(200, inboxView(inboxById(engine, r, r.params.inboxId))),
    },
    {
      method: "GET",
      path: "/inboxes",
      controller: "inboxes",
      action: "index",
      handle: (r) => {
        const visible = r.principal.kind === "user" && (r.principal.user.role === "administrator" || store.inbox.memberIds.includes(r.principal.user.id));
        return answer(200, { payload: visible ? [inboxView(store.inbox)] : [] });
      },
    },
  ];
}
