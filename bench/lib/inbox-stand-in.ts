import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type InboxStandInOptions = {
  /** How long each REST call takes. */
  latencyMs: number;
  /** How long after an event its webhook is delivered (Chatwoot's background job). */
  deliveryDelayMs: number;
  /** Deliver what Chatwoot sends back: an echo of every stored message, status and update events. */
  talkBack: boolean;
};

export type ConversationLog = { firstReplyAt: number | null; publicMessages: number; notes: number; toggles: number; assignments: number };

/**
 * The inbox side of the turns benchmark: Chatwoot's REST answers after a fixed latency and, like
 * Chatwoot, a webhook back to the bot for every message it stores (with the conversation as it was
 * then), a `conversation_updated` for a team assignment or new custom attributes, and
 * `conversation_status_changed` plus `conversation_opened` for the handover. Lean on purpose: the
 * load generator shares its process. Times are `performance.now()` of this process, the same clock
 * that stamps the arrivals.
 */
export async function startInboxStandIn(options: InboxStandInOptions) {
  const conversations = new Map<
    number,
    ConversationLog & { status: string; updatedAt: number; teamId: number | null; customAttributes: Record<string, unknown> }
  >();
  let webhookUrls: string[] = [];
  let nextMessageId = 5_000_000;
  let deliveries = 0;
  let deliveryFailures = 0;
  let inFlight = 0;

  const log = (id: number) => {
    let entry = conversations.get(id);
    if (!entry) {
      entry = {
        firstReplyAt: null,
        publicMessages: 0,
        notes: 0,
        toggles: 0,
        assignments: 0,
        status: "pending",
        updatedAt: Date.now() / 1000,
        teamId: null,
        customAttributes: {},
      };
      conversations.set(id, entry);
    }
    return entry;
  };
  /** The conversation as it is now: every event carries this snapshot, taken when it happens. */
  const snapshot = (id: number) => {
    const c = log(id);
    c.updatedAt = Math.max(c.updatedAt + 0.000001, Date.now() / 1000);
    return {
      id,
      inbox_id: 3,
      status: c.status,
      channel: "Channel::Whatsapp",
      updated_at: c.updatedAt,
      meta: { sender: { id: 101, name: "Rina", type: "contact" }, assignee: null, team: c.teamId === null ? null : { id: c.teamId, name: "team" } },
      account: { id: 1, name: "Bank ABC" },
      messages: [],
    };
  };

  function deliver(body: Record<string, unknown>): void {
    const url = webhookUrls[deliveries % Math.max(1, webhookUrls.length)];
    if (!options.talkBack || url === undefined) return;
    const json = JSON.stringify(body);
    inFlight++;
    setTimeout(() => {
      fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: json })
        .then((res) => {
          deliveries++;
          if (!res.ok) deliveryFailures++;
          return res.arrayBuffer();
        })
        .catch(() => {
          deliveryFailures++;
        })
        .finally(() => {
          inFlight--;
        });
    }, options.deliveryDelayMs);
  }

  const readBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    let text = "";
    for await (const chunk of req) text += (chunk as Buffer).toString();
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    setTimeout(() => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    }, options.latencyMs);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "";
    // Presence reads the team's and the inbox's members; saving a division reads its team.
    const agent = { id: 12, name: "Dimas", availability_status: "online", role: "agent" };
    if (req.method === "GET" && /\/teams\/\d+\/team_members$/.test(url)) {
      answer(res, 200, [agent]);
      return;
    }
    if (req.method === "GET" && /\/inbox_members\/\d+$/.test(url)) {
      answer(res, 200, { payload: [agent] });
      return;
    }
    const team = /\/teams\/(\d+)$/.exec(url);
    if (req.method === "GET" && team) {
      answer(res, 200, { id: Number(team[1]), name: "team", account_id: 1 });
      return;
    }
    // The handover's marks: custom attributes are read, merged and written back whole.
    const read = /^\/api\/v1\/accounts\/1\/conversations\/(\d+)$/.exec(url);
    if (req.method === "GET" && read) {
      const c = log(Number(read[1]));
      answer(res, 200, { id: Number(read[1]), status: c.status, updated_at: c.updatedAt, custom_attributes: c.customAttributes, labels: [] });
      return;
    }
    const match = /^\/api\/v1\/accounts\/1\/conversations\/(\d+)\/(messages|assignments|toggle_status|custom_attributes)$/.exec(url);
    if (req.method !== "POST" || !match) {
      answer(res, 404, { error: "not found" });
      return;
    }
    const id = Number(match[1]);
    const body = await readBody(req);
    const c = log(id);
    if (match[2] === "messages") {
      const isPrivate = body.private === true;
      if (isPrivate) c.notes++;
      else {
        c.publicMessages++;
        c.firstReplyAt ??= performance.now();
      }
      const messageId = nextMessageId++;
      const sender = { id: 5, name: "Smart Handover Agent", type: "agent_bot" };
      deliver({
        event: "message_created",
        id: messageId,
        content: body.content,
        message_type: "outgoing",
        content_type: body.content_type ?? "text",
        content_attributes: body.content_attributes ?? {},
        private: isPrivate,
        sender,
        conversation: snapshot(id),
        account: { id: 1 },
        inbox: { id: 3 },
      });
      answer(res, 200, { id: messageId, content: body.content, conversation_id: id, message_type: 1, private: isPrivate, sender });
      return;
    }
    if (match[2] === "custom_attributes") {
      const previous = c.customAttributes;
      c.customAttributes = (body.custom_attributes ?? {}) as Record<string, unknown>;
      // Chatwoot 4.13+ tells the bot what changed (app/models/conversation.rb `list_of_keys`).
      deliver({
        event: "conversation_updated",
        ...snapshot(id),
        changed_attributes: [{ custom_attributes: { previous_value: previous, current_value: c.customAttributes } }],
      });
      answer(res, 200, { custom_attributes: c.customAttributes });
      return;
    }
    if (match[2] === "assignments") {
      c.assignments++;
      const previous = c.teamId;
      c.teamId = Number(body.team_id);
      deliver({ event: "conversation_updated", ...snapshot(id), changed_attributes: [{ team_id: { previous_value: previous, current_value: c.teamId } }] });
      answer(res, 200, { id: c.teamId, name: "team" });
      return;
    }
    c.toggles++;
    c.status = String(body.status);
    const opened = snapshot(id);
    deliver({ event: "conversation_status_changed", ...opened, changed_attributes: null });
    deliver({ event: "conversation_opened", ...opened });
    answer(res, 200, { meta: {}, payload: { success: null, conversation_id: id, current_status: c.status, snoozed_until: null } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}`,
    /** Where deliveries go, round-robin (a load balancer in front of several processes). */
    setWebhookUrls(urls: string[]) {
      webhookUrls = urls;
    },
    conversation: (id: number): ConversationLog | undefined => conversations.get(id),
    stats: () => ({ deliveries, deliveryFailures, inFlight }),
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

export type InboxStandIn = Awaited<ReturnType<typeof startInboxStandIn>>;
