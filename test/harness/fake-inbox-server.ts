import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeInboxMessage = { conversationId: number; id: number; content: string; private: boolean; createdAt: number };

/**
 * A real HTTP inbox (Chatwoot model) for tests that run Switchboard as a child process, where msw
 * cannot reach. Records what it receives and, like Chatwoot, echoes each created message to the bot.
 */
export async function startFakeInbox(options: { accountId?: number; port?: number; agentsOnline?: boolean } = {}) {
  const accountId = options.accountId ?? 1;
  // One agent in every team; whether they are online decides the handover message.
  let agentsOnline = options.agentsOnline ?? true;
  const messages: FakeInboxMessage[] = [];
  const other: { path: string; body: unknown }[] = [];
  let nextId = 1;
  let webhookUrl: string | null = null;

  const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const listing = /^\/api\/v1\/accounts\/\d+\/conversations\/(\d+)\/messages$/.exec(req.url ?? "");
      if (req.method === "GET" && listing) {
        const payload = messages
          .filter((m) => m.conversationId === Number(listing[1]))
          .map((m) => ({ id: m.id, content: m.content, message_type: 1, private: m.private, created_at: m.createdAt }));
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ meta: {}, payload }));
        return;
      }
      if (req.method === "GET" && /^\/api\/v1\/accounts\/\d+\/(agents|teams\/\d+\/team_members)$/.test(req.url ?? "")) {
        const agent = { id: 1, name: "Dimas", role: "agent", availability_status: agentsOnline ? "online" : "offline", account_id: accountId };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([agent]));
        return;
      }
      const body = await readJson(req);
      const match = /^\/api\/v1\/accounts\/(\d+)\/conversations\/(\d+)\/(messages|assignments|toggle_status)$/.exec(req.url ?? "");
      if (!match || Number(match[1]) !== accountId) {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
        return;
      }
      const conversationId = Number(match[2]);
      if (match[3] === "messages") {
        const message = { conversationId, id: nextId++, content: String(body.content), private: body.private === true, createdAt: Math.floor(Date.now() / 1000) };
        messages.push(message);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: message.id, content: message.content, conversation_id: conversationId, message_type: 1, content_type: "text", status: "sent", private: message.private }));
        echo(message);
        return;
      }
      other.push({ path: req.url ?? "", body });
      const answer = match[3] === "toggle_status"
        ? { meta: {}, payload: { success: null, conversation_id: conversationId, current_status: body.status, snoozed_until: null } }
        : { id: body.team_id, name: "team" };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    })();
  });

  function echo(message: FakeInboxMessage): void {
    if (!webhookUrl) return;
    const payload = {
      event: "message_created",
      id: message.id,
      content: message.content,
      message_type: "outgoing",
      content_type: "text",
      content_attributes: {},
      private: message.private,
      sender: { id: 5, name: "Smart Handover Agent", type: "agent_bot" },
      conversation: { id: message.conversationId, status: "pending", inbox_id: 3, channel: "Channel::Whatsapp" },
      account: { id: accountId },
      inbox: { id: 3 },
    };
    // Best effort, like the real inbox: a bot that is down loses the echo.
    fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) }).catch(() => undefined);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}`,
    messages,
    other,
    setAgentsOnline(online: boolean) {
      agentsOnline = online;
    },
    setWebhookUrl(url: string) {
      webhookUrl = url;
    },
    close: () => new Promise<void>((resolve) => server.close(() => { resolve(); })),
  };
}
