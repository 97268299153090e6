import ky, { HTTPError, type KyInstance, TimeoutError } from "ky";
import { z } from "zod";
import type { OutgoingMessage } from "../domain/decision.js";
import type { InboxStatus } from "./classify.js";
import { sendMarkerKey } from "../domain/send-marker.js";
import { InboxApiError } from "./inbox-api-error.js";

export type InboxCredentials = {
  baseUrl: string;
  accountId: number;
  botToken: string;
  adminToken: string | null;
};


export type Agent = { id: number; name: string; availabilityStatus: string; role: string };

const messageResponse = z
  .object({ id: z.number(), sender: z.object({ id: z.number().nullish(), type: z.string().nullish() }).loose().nullish() })
  .loose();
export type SentMessage = { id: number; agentBotId: number | null };
const conversationResponse = z.object({ status: z.string(), updated_at: z.number().nullish() }).loose();
export type ReadConversation = { status: InboxStatus; updatedAt: number | null };
const listedMessages = z
  .object({
    payload: z.array(
      z
        .object({
          id: z.number(),
          content: z.string().nullish(),
          message_type: z.union([z.number(), z.string()]),
          private: z.boolean().nullish(),
          created_at: z.number().nullish(),
          content_attributes: z.record(z.string(), z.unknown()).nullish(),
        })
        .loose(),
    ),
  })
  .loose();
export type ListedMessage = { id: number; content: string; outgoing: boolean; private: boolean; createdAt: number; marker: string | null };

const toggleResponse = z
  .object({ payload: z.object({ current_status: z.string().nullish(), success: z.boolean().nullish() }).loose() })
  .loose();
const agentsResponse = z.array(
  z.object({ id: z.number(), name: z.string().nullish(), availability_status: z.string().nullish(), role: z.string().nullish() }).loose(),
);
/** inbox_members#show (a user token; since v1.18): `{ payload: [agent, …] }`. */
const inboxMembersResponse = z.object({ payload: agentsResponse }).loose();
const workingHour = z
  .object({
    day_of_week: z.number().int().min(0).max(6),
    closed_all_day: z.boolean().nullish(),
    open_all_day: z.boolean().nullish(),
    open_hour: z.number().nullish(),
    open_minutes: z.number().nullish(),
    close_hour: z.number().nullish(),
    close_minutes: z.number().nullish(),
  })
  .loose();
/** `render json: @team` (AssignmentsController#set_team) and teams#show: the team's columns, or null. */
const teamResponse = z.object({ id: z.number(), name: z.string().nullish() }).loose();
export type InboxTeam = { id: number; name: string };

const inboxResponse = z
  .object({ timezone: z.string().nullish(), working_hours: z.array(workingHour).nullish(), working_hours_enabled: z.boolean().nullish() })
  .loose();
export type InboxWorkingHours = z.infer<typeof inboxResponse>;

export type InboxClientOptions = {
  /** Told of every call's outcome (`ok`, an HTTP status, `timeout`, `network`), for metrics. */
  onCall?: (call: { operation: string; outcome: string }) => void;
  timeoutMs?: number;
  /** Retries inside one call, for answers that prove nothing was done (429, 502–504, refused). */
  retries?: number;
  backoffLimitMs?: number;
};

/**
 * The inbox REST API (Chatwoot model). The bot token sends messages and hands over; the admin
 * (user) token reads presence and inbox settings. Tokens go only into the `api_access_token` header.
 */
export class InboxClient {
  private readonly http: KyInstance;
  private readonly retries: number;
  private readonly onCall: InboxClientOptions["onCall"];

  constructor(
    private readonly credentials: InboxCredentials,
    options: InboxClientOptions = {},
  ) {
    this.retries = options.retries ?? 2;
    this.onCall = options.onCall;
    this.http = ky.create({
      prefixUrl: `${credentials.baseUrl}/api/v1/accounts/${String(credentials.accountId)}`,
      timeout: options.timeoutMs ?? 8000,
      retry: {
        limit: this.retries,
        methods: ["get", "post"],
        // 500 may mean "done, then failed": a POST is not retried here; the queue decides. A send
        // is not retried on 502–504 either (see sendMessage).
        statusCodes: [429, 502, 503, 504],
        afterStatusCodes: [429, 503],
        maxRetryAfter: 30_000,
        backoffLimit: options.backoffLimitMs ?? 4000,
        jitter: true,
        retryOnTimeout: false,
      },
    });
  }

  /**
   * Sends as the agent bot; the answer names the bot, which is how we learn our own agent-bot id.
   * Only a 429 is retried here: it proves nothing was created. A 502–504 from a proxy may come
   * after Chatwoot created the message, so the caller's send guard decides (services/outbox).
   */
  async sendMessage(conversationId: number, message: OutgoingMessage): Promise<SentMessage> {
    const sent = await this.call(
      "send message",
      () =>
        this.http.post(`conversations/${String(conversationId)}/messages`, {
          json: message,
          headers: this.botAuth(),
          // ky merges retry options into the instance's (arrays concatenate): decide here instead.
          retry: { limit: this.retries, shouldRetry: ({ error }) => error instanceof HTTPError && error.response.status === 429 },
        }),
      messageResponse,
    );
    return { id: sent.id, agentBotId: sent.sender?.type === "agent_bot" ? (sent.sender.id ?? null) : null };
  }

  /**
   * The conversation's status now. A bot token may read it only from Chatwoot 4.14.2, so the admin
   * token is used when the bot has one; older inboxes refuse the bot (a non-retryable error).
   */
  async getConversation(conversationId: number): Promise<ReadConversation> {
    const headers = this.credentials.adminToken === null ? this.botAuth() : this.adminAuth();
    const body = await this.call("read conversation", () => this.http.get(`conversations/${String(conversationId)}`, { headers }), conversationResponse);
    const status = body.status === "bot" ? "pending" : body.status;
    if (status !== "pending" && status !== "open" && status !== "resolved" && status !== "snoozed") {
      throw new InboxApiError(`read conversation: unknown status ${body.status}`, { retryable: false });
    }
    return { status, updatedAt: body.updated_at ?? null };
  }

  /**
   * The bot token may assign from Chatwoot 3.6 on; older inboxes refuse it (401), and then the
   * admin token, when the bot has one, does it. Chatwoot answers with the team it set, or `null`
   * for a team id it does not have, after clearing the conversation's team
   * (assignments_controller.rb#set_team, the same from v1.18 to 4.15): that is an error, not a success.
   */
  async assignTeam(conversationId: number, teamId: number): Promise<InboxTeam> {
    const assign = (headers: Record<string, string>) =>
      this.call(
        "assign team",
        () => this.http.post(`conversations/${String(conversationId)}/assignments`, { json: { team_id: teamId }, headers }),
        teamResponse.nullable(),
      );
    let team: z.infer<typeof teamResponse> | null;
    try {
      team = await assign(this.botAuth());
    } catch (error) {
      if (!(error instanceof InboxApiError) || error.details.status !== 401 || this.credentials.adminToken === null) throw error;
      team = await assign(this.adminAuth());
    }
    if (team?.id !== teamId) {
      throw new InboxApiError(`assign team: the inbox has no team ${String(teamId)} (it answered ${team === null ? "null" : `team ${String(team.id)}`} and left the conversation without a team); fix the division's teamId`, {
        status: 200,
        retryable: false,
      });
    }
    return { id: team.id, name: team.name ?? "" };
  }

  /** A team of the inbox's account (admin token); a missing team is a 404 InboxApiError. */
  async getTeam(teamId: number): Promise<InboxTeam> {
    const team = await this.call("read team", () => this.http.get(`teams/${String(teamId)}`, { headers: this.adminAuth() }), teamResponse);
    return { id: team.id, name: team.name ?? "" };
  }

  /** Hands the conversation to humans; the answer's `current_status` must confirm it. */
  async toggleStatus(conversationId: number, status: "open" | "pending" | "resolved"): Promise<InboxStatus> {
    const body = await this.call(
      "toggle status",
      () => this.http.post(`conversations/${String(conversationId)}/toggle_status`, { json: { status }, headers: this.botAuth() }),
      toggleResponse,
    );
    const current = body.payload.current_status ?? null;
    if (current !== status) {
      throw new InboxApiError(`toggle_status asked for ${status} but the inbox says ${String(current)}`, { retryable: true });
    }
    return status;
  }

  /**
   * The conversation's latest messages. Needs a user token on most inbox versions (bots may only
   * read from 4.14.2), so the admin token is used when the bot has one.
   */
  async listMessages(conversationId: number): Promise<ListedMessage[]> {
    const headers = this.credentials.adminToken === null ? this.botAuth() : this.adminAuth();
    const body = await this.call(
      "list messages",
      () => this.http.get(`conversations/${String(conversationId)}/messages`, { headers }),
      listedMessages,
    );
    return body.payload.map((m) => ({
      id: m.id,
      content: m.content ?? "",
      outgoing: m.message_type === 1 || m.message_type === "outgoing",
      private: m.private ?? false,
      createdAt: m.created_at ?? 0,
      marker: typeof m.content_attributes?.[sendMarkerKey] === "string" ? m.content_attributes[sendMarkerKey] : null,
    }));
  }

  async listAgents(): Promise<Agent[]> {
    const rows = await this.call("list agents", () => this.http.get("agents", { headers: this.adminAuth() }), agentsResponse);
    return rows.map(toAgent);
  }

  async listTeamMembers(teamId: number): Promise<Agent[]> {
    const rows = await this.call(
      "list team members",
      () => this.http.get(`teams/${String(teamId)}/team_members`, { headers: this.adminAuth() }),
      agentsResponse,
    );
    return rows.map(toAgent);
  }

  /** The inbox's members (agents it is assigned to; administrators are listed only if assigned). */
  async listInboxMembers(inboxId: number): Promise<Agent[]> {
    const body = await this.call(
      "list inbox members",
      () => this.http.get(`inbox_members/${String(inboxId)}`, { headers: this.adminAuth() }),
      inboxMembersResponse,
    );
    return body.payload.map(toAgent);
  }

  getInbox(inboxId: number): Promise<InboxWorkingHours> {
    return this.call("get inbox", () => this.http.get(`inboxes/${String(inboxId)}`, { headers: this.adminAuth() }), inboxResponse);
  }

  hasAdminToken(): boolean {
    return this.credentials.adminToken !== null;
  }

  private botAuth() {
    return { api_access_token: this.credentials.botToken };
  }

  private adminAuth() {
    if (this.credentials.adminToken === null) {
      throw new InboxApiError("this bot has no inbox admin token", { retryable: false });
    }
    return { api_access_token: this.credentials.adminToken };
  }

  private async call<T>(what: string, request: () => Promise<Response>, schema: z.ZodType<T>): Promise<T> {
    try {
      const answer = await this.read(what, request, schema);
      this.onCall?.({ operation: what, outcome: "ok" });
      return answer;
    } catch (error) {
      const status = error instanceof InboxApiError ? error.details.status : undefined;
      const outcome = status !== undefined ? String(status) : error instanceof InboxApiError && error.cause instanceof TimeoutError ? "timeout" : "network";
      this.onCall?.({ operation: what, outcome });
      throw error;
    }
  }

  private async read<T>(what: string, request: () => Promise<Response>, schema: z.ZodType<T>): Promise<T> {
    let response: Response;
    try {
      response = await request();
    } catch (error) {
      throw toInboxError(what, error);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new InboxApiError(`${what}: the inbox answered ${String(response.status)} with a body that is not JSON`, {
        status: response.status,
        retryable: false,
        cause: error,
      });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new InboxApiError(`${what}: unexpected answer shape (${parsed.error.issues[0]?.message ?? "invalid"})`, {
        status: response.status,
        retryable: false,
      });
    }
    return parsed.data;
  }
}

function toAgent(row: z.infer<typeof agentsResponse>[number]): Agent {
  return { id: row.id, name: row.name ?? "", availabilityStatus: row.availability_status ?? "offline", role: row.role ?? "agent" };
}

function toInboxError(what: string, error: unknown): InboxApiError {
  if (error instanceof InboxApiError) return error;
  if (error instanceof HTTPError) {
    const status = error.response.status;
    return new InboxApiError(`${what}: the inbox answered ${String(status)}`, {
      status,
      retryable: status === 429 || status >= 500 || status === 408,
      // A 5xx (Chatwoot's own, or a proxy's 502–504) may come after the work was done; a 4xx
      // or a 429 (refused before any work) proves it was not.
      outcomeUnknown: status >= 500 || status === 408,
      cause: error,
    });
  }
  if (error instanceof TimeoutError) {
    return new InboxApiError(`${what}: the inbox did not answer in time`, { retryable: true, outcomeUnknown: true, cause: error });
  }
  // Refused or unresolvable: the request never reached the inbox. Reset or anything else: we cannot tell.
  return new InboxApiError(`${what}: ${error instanceof Error ? error.message : String(error)}`, {
    retryable: true,
    outcomeUnknown: !neverSent(error),
    cause: error,
  });
}

/** fetch's connection errors that happen before a byte of the request was sent. */
function neverSent(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === "ECONNREFUSED" || cause?.code === "ENOTFOUND" || cause?.code === "EAI_AGAIN";
}
