import ky, { HTTPError, type KyInstance } from "ky";
import type { z } from "zod";
import type { OutgoingMessage } from "../domain/decision.js";
import type { InboxStatus } from "./parse-delivery.js";
import { InboxApiError, toInboxError, outcomeOf } from "./inbox-api-error.js";
import {
  type Agent,
  agentsResponse,
  conversationResponse,
  customAttributesResponse,
  type InboxTeam,
  type InboxWorkingHours,
  inboxMembersResponse,
  inboxResponse,
  labelsResponse,
  type ListedMessage,
  listedMessages,
  messageResponse,
  noContent,
  type ReadConversation,
  type SentMessage,
  teamResponse,
  toAgent,
  toggleResponse,
  toListedMessage,
  versionResponse,
} from "./inbox-responses.js";

export type { Agent, InboxTeam, InboxWorkingHours, ListedMessage, ReadConversation, SentMessage };

export type InboxCredentials = {
  baseUrl: string;
  accountId: number;
  botToken: string;
  adminToken: string | null;
};

/** A typing indicator that arrives late is useless: one short attempt, never a retry. */
const typingTimeoutMs = 2000;

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

  /** The inbox's address, which identifies it (its version, what it lets a bot do). */
  get baseUrl(): string {
    return this.credentials.baseUrl;
  }

  /**
   * Sends as the agent bot; the answer names the bot, which is how we learn our own agent-bot id.
   * Only a 429 is retried here: it proves nothing was created. A 502–504 from a proxy may come
   * after Chatwoot created the message, so the caller's send guard decides (src/services/turn/outbox/).
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
   * The conversation now: status, custom attributes, labels. A bot token may read it only from
   * Chatwoot 4.14.2, so the admin token is used when the bot has one; older inboxes refuse the bot
   * (a non-retryable error).
   */
  async getConversation(conversationId: number): Promise<ReadConversation> {
    const body = await this.call(
      "read conversation",
      () => this.http.get(`conversations/${String(conversationId)}`, { headers: this.readAuth() }),
      conversationResponse,
    );
    const status = body.status === "bot" ? "pending" : body.status;
    if (status !== "pending" && status !== "open" && status !== "resolved" && status !== "snoozed") {
      throw new InboxApiError(`read conversation: unknown status ${body.status}`, { retryable: false });
    }
    return { status, updatedAt: body.updated_at ?? null, customAttributes: body.custom_attributes ?? {}, labels: body.labels ?? [] };
  }

  /**
   * The bot token may assign from Chatwoot 3.6 on; older inboxes refuse it (401), and then the
   * admin token, when the bot has one, does it. Chatwoot answers with the team it set, or `null`
   * for a team id it does not have, after clearing the conversation's team
   * (assignments_controller.rb#set_team, the same from v1.18 to 4.15): that is an error, not a success.
   */
  async assignTeam(conversationId: number, teamId: number): Promise<InboxTeam> {
    const team = await this.botThenAdmin((headers) =>
      this.call(
        "assign team",
        () => this.http.post(`conversations/${String(conversationId)}/assignments`, { json: { team_id: teamId }, headers }),
        teamResponse.nullable(),
      ),
    );
    if (team?.id !== teamId) {
      throw new InboxApiError(
        `assign team: the inbox has no team ${String(teamId)} (it answered ` +
          `${team === null ? "null" : `team ${String(team.id)}`} and left the conversation without a ` +
          `team); fix the division's teamId`,
        {
          status: 200,
          retryable: false,
        },
      );
    }
    return { id: team.id, name: team.name ?? "" };
  }

  /**
   * Replaces the conversation's custom attributes (ConversationsController#custom_attributes: the
   * whole hash); the caller merges first. Bot token from Chatwoot 4.2.0, else the admin token.
   * Returns the hash the inbox kept.
   */
  async setCustomAttributes(conversationId: number, attributes: Record<string, unknown>): Promise<Record<string, unknown>> {
    const body = await this.botThenAdmin((headers) =>
      this.call(
        "set custom attributes",
        () => this.http.post(`conversations/${String(conversationId)}/custom_attributes`, { json: { custom_attributes: attributes }, headers }),
        customAttributesResponse,
      ),
    );
    return body.custom_attributes ?? {};
  }

  /** Conversation#toggle_priority (`head :ok`). Bot token from Chatwoot 3.6.0, else the admin token. */
  async setPriority(conversationId: number, priority: string): Promise<void> {
    await this.botThenAdmin((headers) =>
      this.call("set priority", () => this.http.post(`conversations/${String(conversationId)}/toggle_priority`, { json: { priority }, headers }), noContent),
    );
  }

  /** The conversation's labels: admin token when the bot has one, else the bot's (Chatwoot 4.14.2+). */
  async listLabels(conversationId: number): Promise<string[]> {
    const body = await this.call(
      "list labels",
      () => this.http.get(`conversations/${String(conversationId)}/labels`, { headers: this.readAuth() }),
      labelsResponse,
    );
    return body.payload;
  }

  /** Replaces the conversation's labels (LabelConcern#create); the caller merges first. Bot token from 4.14.2, else admin. */
  async setLabels(conversationId: number, labels: string[]): Promise<string[]> {
    const body = await this.botThenAdmin((headers) =>
      this.call("set labels", () => this.http.post(`conversations/${String(conversationId)}/labels`, { json: { labels }, headers }), labelsResponse),
    );
    return body.payload;
  }

  /**
   * Shows or hides the bot typing (Conversations::TypingStatusManager). Bot token only, from
   * Chatwoot 4.11.2: an administrator's token would show a person typing. One short attempt.
   */
  async toggleTyping(conversationId: number, status: "on" | "off"): Promise<void> {
    await this.call(
      "toggle typing",
      () =>
        this.http.post(`conversations/${String(conversationId)}/toggle_typing_status`, {
          json: { typing_status: status },
          headers: this.botAuth(),
          timeout: typingTimeoutMs,
          retry: 0,
        }),
      noContent,
    );
  }

  /** The inbox's version (`GET /api`, no token, every Chatwoot version); null when it names none. */
  async readVersion(): Promise<string | null> {
    const body = await this.call("read version", () => ky.get(`${this.credentials.baseUrl}/api`, { timeout: typingTimeoutMs, retry: 0 }), versionResponse);
    return body.version.trim() === "" ? null : body.version;
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
    const body = await this.call(
      "list messages",
      () => this.http.get(`conversations/${String(conversationId)}/messages`, { headers: this.readAuth() }),
      listedMessages,
    );
    return body.payload.map(toListedMessage);
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

  /** Reads work with the admin token on every version; the bot token reads only from Chatwoot 4.14.2. */
  private readAuth() {
    return this.credentials.adminToken === null ? this.botAuth() : this.adminAuth();
  }

  /** As the agent bot; an inbox too old to let bots do it answers 401, and then the admin token (when there is one) does. */
  private async botThenAdmin<T>(attempt: (headers: Record<string, string>) => Promise<T>): Promise<T> {
    try {
      return await attempt(this.botAuth());
    } catch (error) {
      if (!(error instanceof InboxApiError) || error.details.status !== 401 || this.credentials.adminToken === null) throw error;
      return attempt(this.adminAuth());
    }
  }

  private async call<T>(what: string, request: () => Promise<Response>, schema: z.ZodType<T>): Promise<T> {
    try {
      const answer = await this.read(what, request, schema);
      this.onCall?.({ operation: what, outcome: "ok" });
      return answer;
    } catch (error) {
      this.onCall?.({ operation: what, outcome: outcomeOf(error) });
      throw error;
    }
  }

  private async read<T>(what: string, request: () => Promise<Response>, schema: z.ZodType<T>): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await request();
      text = await response.text();
    } catch (error) {
      throw toInboxError(what, error);
    }
    let body: unknown = null;
    try {
      // `head :ok` answers carry no body at all.
      if (text.trim() !== "") body = JSON.parse(text);
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
