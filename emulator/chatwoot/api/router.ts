import type { Context, Hono } from "hono";
import { InvalidEnumValue } from "../conversation-actions.js";
import type { Engine } from "../engine.js";
import type { Actor } from "../events.js";
import { MessageRejected } from "../message-create.js";
import { railsJson } from "../rails-json.js";
import { NotFound } from "../store.js";
import { type Principal, PolicyDenied, actorOf, authenticate, isAnswer } from "./auth.js";
import { type ApiAnswer, apiErrors } from "./errors.js";
import type { Faults } from "./faults.js";

export type ApiRequest = { params: Record<string, string>; body: Record<string, unknown>; principal: Principal; actor: Actor };

export type RouteSpec = {
  method: "GET" | "POST" | "PATCH";
  /** After `/api/v1/accounts/:accountId`. */
  path: string;
  /** Rails controller (without `api/v1/accounts/`) and action, as BOT_ACCESSIBLE_ENDPOINTS names them. */
  controller: string;
  action: string;
  handle: (request: ApiRequest) => ApiAnswer;
};

export type ApiCall = { method: string; path: string; caller: string; status: number; body: unknown };

export type RouterDeps = { engine: Engine; faults: Faults; calls: ApiCall[]; hang: (signal: AbortSignal) => Promise<void> };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Rails `params`: the query string merged with a JSON body. */
async function readParams(c: Context): Promise<Record<string, unknown> | null> {
  const params: Record<string, unknown> = { ...c.req.query() };
  const text = c.req.method === "GET" ? "" : await c.req.text();
  if (text.trim() === "") return params;
  try {
    const body: unknown = JSON.parse(text);
    return isRecord(body) ? { ...params, ...body } : params;
  } catch {
    return null;
  }
}

function respond(c: Context, answer: ApiAnswer): Response {
  const body = answer.contentType ? String(answer.body) : railsJson(answer.body);
  return c.body(body, answer.status as 200, { "content-type": answer.contentType ?? "application/json; charset=utf-8" });
}

/** ApplicationController#handle_with_exception and the exceptions it does not handle. */
function run(spec: RouteSpec, request: ApiRequest): ApiAnswer {
  try {
    return spec.handle(request);
  } catch (error) {
    if (error instanceof NotFound) return apiErrors.notFound();
    if (error instanceof PolicyDenied) return apiErrors.notAuthorized();
    if (error instanceof MessageRejected) return apiErrors.unprocessable(error.message);
    if (error instanceof InvalidEnumValue) return apiErrors.serverError();
    throw error;
  }
}

/** Who called, for the call log: `bot:<id>`, `user:<id>`, `unknown` (a bad token) or `none`. */
function callerLabel(engine: Engine, token: string | undefined): string {
  if (!token) return "none";
  const bot = engine.store.bots.find((b) => b.accessToken === token);
  if (bot) return `bot:${String(bot.id)}`;
  const user = engine.store.users.find((u) => u.accessToken === token);
  return user ? `user:${String(user.id)}` : "unknown";
}

async function handle(deps: RouterDeps, spec: RouteSpec, c: Context): Promise<Response> {
  const path = new URL(c.req.url).pathname;
  deps.faults.runHook(spec.method, path);
  const fault = deps.faults.take(spec.method, path);
  const record = (caller: string, answer: ApiAnswer, body: unknown) => {
    deps.calls.push({ method: spec.method, path, caller, status: answer.status, body });
    return respond(c, answer);
  };
  if (typeof fault === "number") return record("fault", fault === 429 ? apiErrors.throttled() : apiErrors.status(fault), null);
  if (fault === "hang") {
    await deps.hang(c.req.raw.signal);
    return record("fault", apiErrors.status(504), null);
  }
  const body = await readParams(c);
  if (body === null) return record("none", apiErrors.badJson(), null);
  const token = c.req.header("api_access_token") ?? c.req.header("http_api_access_token");
  const principal = authenticate(deps.engine.store, deps.engine.profile, token, {
    controller: spec.controller,
    action: spec.action,
    accountId: Number(c.req.param("accountId")),
  });
  const caller = callerLabel(deps.engine, token);
  if (isAnswer(principal)) return record(caller, principal, body);
  const answer = run(spec, { params: c.req.param(), body, principal, actor: actorOf(principal) });
  if (fault === "apply-then-hang") {
    await deps.hang(c.req.raw.signal);
    return record(caller, apiErrors.status(504), body);
  }
  return record(caller, fault === "apply-then-500" ? apiErrors.status(500) : answer, body);
}

export function registerRoutes(app: Hono, deps: RouterDeps, specs: RouteSpec[]): void {
  for (const spec of specs) {
    app.on(spec.method, `/api/v1/accounts/:accountId${spec.path}`, (c) => handle(deps, spec, c));
  }
}
