import { setCustomAttributes, toggleStatus, togglePriority } from "../conversation-actions.js";
import type { Engine } from "../engine.js";
import type { Conversation } from "../model.js";
import { toggleTypingStatus } from "../typing.js";
import { authorizeConversation } from "./auth.js";
import { answer, headOk } from "./errors.js";
import type { ApiRequest, RouteSpec } from "./router.js";
import { conversationView, toggleStatusView } from "./views.js";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** ConversationsController#conversation: `find_by!(display_id:)`, then `authorize ... :show?`. */
export function findConversation(engine: Engine, request: ApiRequest, param = "id"): Conversation {
  const conversation = engine.store.conversationByDisplayId(Number(request.params[param]));
  authorizeConversation(engine.store, request.principal, conversation);
  return conversation;
}

/** Member routes a conversation has only from 1.21–3.7 on (config/routes.rb); older versions answer 404. */
const attributeActions: readonly string[] = ["custom_attributes", "toggle_priority", "update"];

/** Api::V1::Accounts::ConversationsController (app/controllers/api/v1/accounts/conversations_controller.rb). */
export function conversationRoutes(engine: Engine): RouteSpec[] {
  return allConversationRoutes(engine).filter((spec) => engine.profile.attributeRoutes || !attributeActions.includes(spec.action));
}

function allConversationRoutes(engine: Engine): RouteSpec[] {
  const ctx = { store: engine.store, profile: engine.profile };
  const spec = (method: RouteSpec["method"], path: string, action: string, handle: RouteSpec["handle"]): RouteSpec => ({
    method,
    path: `/conversations/:id${path}`,
    controller: "conversations",
    action,
    handle,
  });
  return [
    spec("GET", "", "show", (r) => answer(200, conversationView(ctx, findConversation(engine, r)))),
    spec("POST", "/toggle_status", "toggle_status", (r) => {
      const c = findConversation(engine, r);
      const status = typeof r.body.status === "string" && r.body.status !== "" ? r.body.status : undefined;
      const snoozed = typeof r.body.snoozed_until === "number" ? r.body.snoozed_until * 1_000_000 : undefined;
      const result = toggleStatus(engine, c, { ...(status && { status }), ...(snoozed !== undefined && { snoozedUntil: snoozed }) }, r.actor);
      return answer(200, toggleStatusView(ctx, c, result.success));
    }),
    spec("POST", "/toggle_priority", "toggle_priority", (r) => {
      togglePriority(engine, findConversation(engine, r), r.body.priority, r.actor);
      return headOk();
    }),
    // Conversations::TypingStatusManager only broadcasts to the dashboard and the widget.
    spec("POST", "/toggle_typing_status", "toggle_typing_status", (r) => {
      toggleTypingStatus(engine, findConversation(engine, r), r.body, r.actor);
      return headOk();
    }),
    // `params.permit(custom_attributes: {})`: the whole hash is replaced by the one sent.
    spec("POST", "/custom_attributes", "custom_attributes", (r) => {
      const c = findConversation(engine, r);
      setCustomAttributes(engine, c, isRecord(r.body.custom_attributes) ? r.body.custom_attributes : {}, r.actor);
      return answer(200, { custom_attributes: c.customAttributes });
    }),
    spec("PATCH", "", "update", (r) => {
      const c = findConversation(engine, r);
      if ("priority" in r.body) togglePriority(engine, c, r.body.priority, r.actor);
      return answer(200, conversationView(ctx, c));
    }),
  ];
}
