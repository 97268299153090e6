import type { Actor } from "../events.js";
import type { AgentBot, Conversation, User } from "../model.js";
import type { VersionProfile } from "../profiles.js";
import type { Store } from "../store.js";
import { type ApiAnswer, apiErrors } from "./errors.js";

export type Principal = { kind: "bot"; bot: AgentBot } | { kind: "user"; user: User };

/** Thrown by a handler for Pundit's NotAuthorizedError. */
export class PolicyDenied extends Error {
  override name = "PolicyDenied";
}

/**
 * Api::BaseController + AccessTokenAuthHelper + EnsureCurrentAccountHelper: the `api_access_token`
 * header names a user or an agent bot; a bot may call only BOT_ACCESSIBLE_ENDPOINTS of its
 * version; the account must be the caller's.
 */
export function authenticate(
  store: Store,
  profile: VersionProfile,
  token: string | undefined,
  route: { controller: string; action: string; accountId: number },
): Principal | ApiAnswer {
  if (!token) return apiErrors.signIn();
  const bot = store.bots.find((b) => b.accessToken === token);
  const user = store.users.find((u) => u.accessToken === token);
  if (!bot && !user) return apiErrors.invalidToken();
  if (bot && !(profile.botEndpoints[route.controller] ?? []).includes(route.action)) return apiErrors.botNotAllowed();
  // Account.find raises RecordNotFound for an account that does not exist.
  if (route.accountId !== store.account.id) return apiErrors.notFound();
  if (bot) return bot.accountId === store.account.id ? { kind: "bot", bot } : apiErrors.botNotInAccount();
  return user ? { kind: "user", user } : apiErrors.invalidToken();
}

export function actorOf(principal: Principal): Actor {
  return principal.kind === "bot"
    ? { type: "AgentBot", id: principal.bot.id, name: principal.bot.name }
    : { type: "User", id: principal.user.id, name: principal.user.name };
}

/** ConversationPolicy#show?: administrators, bots, and agents of its inbox or team. */
export function authorizeConversation(store: Store, principal: Principal, c: Conversation): void {
  if (principal.kind === "bot" || principal.user.role === "administrator") return;
  const id = principal.user.id;
  if (store.inbox.memberIds.includes(id)) return;
  if (store.team(c.teamId)?.memberIds.includes(id)) return;
  throw new PolicyDenied();
}

/** InboxPolicy#show?: bots, and users the inbox is assigned to (administrators see every inbox). */
export function authorizeInbox(store: Store, principal: Principal): void {
  if (principal.kind === "bot" || principal.user.role === "administrator") return;
  if (!store.inbox.memberIds.includes(principal.user.id)) throw new PolicyDenied();
}

export const isAnswer = (value: Principal | ApiAnswer): value is ApiAnswer => "status" in value;
