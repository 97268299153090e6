import { Agent, request } from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboxEvents } from "../../src/db/schema/inbox-events.js";
import { receiveWebhookRoute } from "../../src/http/routes/webhooks/receive-webhook.js";
import { fixture, incomingText, type MessageFixture, statusEvent } from "../fixtures/chatwoot/index.js";
import { createRoutingBot, postWebhook, type TestBot } from "../harness/bot-setup.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { bodyOf } from "../harness/contract.js";
import type { TestApp } from "../harness/test-app.js";

// Every body is either stored (200 accepted/duplicate), acknowledged as an event we do not act on
// (200 ignored), or refused with a 4xx problem naming the field; never a 500.
let app: E2eApp;
let t: TestApp;
let bot: TestBot;
beforeAll(async () => {
  app = await createE2eApp();
  t = app.t;
  bot = await createRoutingBot(t);
});
afterAll(async () => {
  await app.close();
});

const post = (body: unknown) => postWebhook(t, bot.webhookPath, body);
const postRaw = (raw: string) => t.request("POST", bot.webhookPath, { raw, headers: { "content-type": "application/json" }, token: null });
const storedMessage = async (messageId: number) => (await t.db.select().from(inboxEvents).where(eq(inboxEvents.messageId, messageId)))[0];
let nextId = 70_000;
const message = (text: string) => incomingText({ text, conversationId: 700, messageId: ++nextId });

function expectRefused(res: Awaited<ReturnType<typeof post>>, status: 400 | 413, path: string) {
  expect(bodyOf(res, receiveWebhookRoute, status).errors?.[0]?.path).toBe(path);
}

describe("characters Postgres cannot store", () => {
  it("a NUL in the text, a lone surrogate, a NUL in a key: stored, with U+FFFD in their place", async () => {
    const body = message("kartu\u0000hilang \ud800!");
    body.content_attributes = { "odd\u0000key": "v" };
    const res = await post(body);
    expect(res.body).toEqual({ status: "accepted", kind: "turn" });
    const row = await storedMessage(body.id as number);
    expect(row?.content).toBe("kartu\uFFFDhilang \uFFFD!");
    expect(row?.payload).toMatchObject({ content_attributes: { "odd\uFFFDkey": "v" } });
  });
});

describe("ids", () => {
  it.each([
    [
      "a message id beyond 32 bits",
      "id",
      (b: MessageFixture) => {
        b.id = 2 ** 31;
      },
    ],
    [
      "a conversation id of 10^12",
      "conversation.id",
      (b: MessageFixture) => {
        b.conversation.id = 1e12;
      },
    ],
    [
      "a fractional id",
      "id",
      (b: MessageFixture) => {
        b.id = 12.5;
      },
    ],
    [
      "an id that is not a number",
      "id",
      (b: MessageFixture) => {
        b.id = "12abc";
      },
    ],
    [
      "a negative account id",
      "account.id",
      (b: MessageFixture) => {
        b.account.id = -1;
      },
    ],
  ])("%s: 400 at %s", async (_name, path, change) => {
    const body = message("halo");
    change(body);
    expectRefused(await post(body), 400, path);
  });

  it("an id as a string of digits (forks send them) is read as the number", async () => {
    const body = message("halo");
    body.id = String(++nextId);
    expect((await post(body)).body).toEqual({ status: "accepted", kind: "turn" });
    expect(await storedMessage(nextId)).toBeDefined();
  });

  it("a team id beyond 32 bits in changed_attributes: 400 at its current_value", async () => {
    const body = statusEvent({ conversationId: 701, status: "open", updatedAt: 1768444400, event: "conversation_updated" });
    body.changed_attributes = [{ team_id: { previous_value: null, current_value: 2 ** 40 } }];
    expectRefused(await post(body), 400, "changed_attributes.0.team_id.current_value");
  });
});

describe("shapes", () => {
  it.each([
    [
      "the conversation as a string",
      "conversation",
      (b: Record<string, unknown>) => {
        b.conversation = "42";
      },
    ],
    [
      "the message type as an object",
      "message_type",
      (b: MessageFixture) => {
        b.message_type = {};
      },
    ],
    [
      "no event name",
      "event",
      (b: MessageFixture) => {
        delete b.event;
      },
    ],
    [
      "the event name as a number",
      "event",
      (b: MessageFixture) => {
        b.event = 7;
      },
    ],
  ])("%s: 400 at %s", async (_name, path, change) => {
    const body = message("halo");
    change(body);
    expectRefused(await post(body), 400, path);
  });

  it("a body that is not an object: 400 at body", async () => {
    expectRefused(await postRaw("[1,2,3]"), 400, "body");
    expectRefused(await postRaw("null"), 400, "body");
  });

  it("truncated JSON: 400 malformed_json at body", async () => {
    const raw = JSON.stringify(fixture("message_created.incoming_text.whatsapp"));
    const res = await postRaw(raw.slice(0, raw.length / 2));
    expectRefused(res, 400, "body");
    expect(bodyOf(res, receiveWebhookRoute, 400).code).toBe("malformed_json");
  });

  it("nesting deeper than 64 levels: 400 at body; 60 levels in content_attributes are stored", async () => {
    const deep = (n: number): unknown => (n === 0 ? "x" : { a: deep(n - 1) });
    const tooDeep = message("halo");
    tooDeep.content_attributes = { nested: deep(100) };
    expectRefused(await post(tooDeep), 400, "body");
    const fine = message("halo");
    fine.content_attributes = { nested: deep(60) };
    expect((await post(fine)).body).toEqual({ status: "accepted", kind: "turn" });
  });

  it("an event Chatwoot sends but we do not act on is acknowledged and not stored", async () => {
    expect((await post(fixture("webwidget_triggered.new_visitor"))).body).toMatchObject({ status: "ignored" });
    expect((await post({ event: "conversation_typing_on", id: 1 })).body).toMatchObject({ status: "ignored" });
  });
});

/**
 * One request on `agent` (kept alive, as Chatwoot's client is). With `chunked`, the body goes in
 * 64 KiB chunks without a content-length, so only counting it can tell its size.
 */
function send(agent: Agent, path: string, body: Buffer, chunked = false): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${app.url}${path}`,
      { method: "POST", agent, headers: { "content-type": "application/json", ...(!chunked && { "content-length": String(body.length) }) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text });
        });
      },
    );
    req.on("error", reject);
    if (!chunked) {
      req.end(body);
      return;
    }
    for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
    req.end();
  });
}

describe("a body over the limit", () => {
  it("gets 413 with Connection: close, and the keep-alive client's next request succeeds", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let round = 0; round < 4; round++) {
        const huge = Buffer.alloc(2 * 1024 * 1024, 0x20);
        const refused = await send(agent, bot.webhookPath, huge);
        expect(refused).toMatchObject({ status: 413, connection: "close" });
        const next = await send(agent, bot.webhookPath, Buffer.from(JSON.stringify(message(`ronde ${String(round)}`))));
        expect(next.status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });

  it("sent chunked, without a content-length, is counted as it arrives: 413 past the limit, stored below it", async () => {
    const agent = new Agent({ keepAlive: false });
    try {
      const refused = await send(agent, bot.webhookPath, Buffer.alloc(2 * 1024 * 1024, 0x20), true);
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body)).toMatchObject({ code: "payload_too_large", status: 413 });
      // Just under the limit: the padding is whitespace JSON allows after the value.
      const body = message("kirim bertahap");
      const json = Buffer.from(JSON.stringify(body));
      const padded = Buffer.concat([json, Buffer.alloc(1024 * 1024 - json.length, 0x20)]);
      const stored = await send(agent, bot.webhookPath, padded, true);
      expect({ status: stored.status, body: JSON.parse(stored.body) as unknown }).toEqual({ status: 200, body: { status: "accepted", kind: "turn" } });
      expect((await storedMessage(body.id as number))?.content).toBe("kirim bertahap");
    } finally {
      agent.destroy();
    }
  });
});
