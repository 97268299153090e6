import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConversationRoute } from "../../src/http/routes/conversations/get-conversation.js";
import { createDivisionRoute } from "../../src/http/routes/divisions/create-division.js";
import { getDivisionRoute } from "../../src/http/routes/divisions/get-division.js";
import { patchDivisionRoute } from "../../src/http/routes/divisions/patch-division.js";
import { divisionBody } from "../fixtures/bots.js";
import { createRoutingBot } from "../harness/bot-setup.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import { bodyOf } from "../harness/contract.js";
import type { TestApp } from "../harness/test-app.js";

// The emulator's account has teams 1–5; Chatwoot answers an assignment to any other team id with
// 200 and `null`, after clearing the conversation's team (assignments_controller.rb#set_team).
let app: E2eApp;
let t: TestApp;
let inbox: TestInbox;
beforeAll(async () => {
  app = await createE2eApp();
  t = app.t;
  inbox = await startInbox(t.clock);
});
afterAll(async () => {
  await app.close();
});

const addDivision = (botId: string, body: Record<string, unknown>) => t.request("POST", `/v1/bots/${botId}/divisions`, { body: divisionBody(body) });

describe("a division's team", () => {
  it("is checked with the inbox when the division is saved (administrator token): an unknown team is a 400 naming teamId", async () => {
    const bot = await createRoutingBot(t, { omnichat: inbox.credentials() });
    inbox.reset();
    const unknown = await addDivision(bot.id, { name: "Fraud", teamId: 99 });
    expect(bodyOf(unknown, createDivisionRoute, 400).errors).toEqual([{ path: "teamId", message: "the inbox has no team 99 in account 1" }]);
    expect(inbox.calls()).toEqual([expect.objectContaining({ call: "GET /teams/99", caller: inbox.callers.admin, status: 404 })]);

    const fraud = bodyOf(await addDivision(bot.id, { name: "Fraud", teamId: 3 }), createDivisionRoute, 201);
    const moved = await t.request("PATCH", `/v1/bots/${bot.id}/divisions/${fraud.id}`, { body: { teamId: 42 } });
    expect(bodyOf(moved, patchDivisionRoute, 400).errors?.[0]?.path).toBe("teamId");
    expect(bodyOf(await t.request("GET", `/v1/bots/${bot.id}/divisions/${fraud.id}`), getDivisionRoute, 200).teamId).toBe(3);
  });

  it("cannot be checked without an administrator token, so the division is saved", async () => {
    const bot = await createRoutingBot(t, { omnichat: inbox.credentials({ adminToken: undefined }) });
    expect((await addDivision(bot.id, { name: "Fraud", teamId: 99 })).status).toBe(201);
  });
});

describe("a handover to a team the inbox does not have", () => {
  it("is an error the admin sees in the conversation view, not a success; the rest of the handover still happens", async () => {
    const bot = await createRoutingBot(t, { omnichat: inbox.credentials() });
    expect((await addDivision(bot.id, { name: "Fraud", teamId: 3, keywords: ["penipuan"] })).status).toBe(201);
    // Later an administrator deletes the Fraud team in Chatwoot.
    const { teams } = inbox.emulator.store;
    teams.splice(
      teams.findIndex((team) => team.id === 3),
      1,
    );
    inbox.deliverTo(app, bot.webhookPath);
    const { conversationId } = inbox.emulator.customerSays("ada penipuan di rekening saya", { contact: "fraud" });
    await app.settle();

    const assignment = inbox.callsFor(conversationId).find((c) => c.call === "POST assignments");
    expect(assignment).toMatchObject({ status: 200, body: { team_id: 3 } });
    expect(inbox.emulator.conversation({ conversationId })).toMatchObject({ status: "open", teamId: null });
    const view = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/conversations/${String(conversationId)}`), getConversationRoute, 200);
    expect(view.failedActions).toEqual([
      {
        action: "assign_team",
        error: expect.stringMatching(/the inbox has no team 3 \(it answered null and left the conversation without a team\)/),
        at: expect.any(String),
      },
    ]);
    expect(view.decisions.at(-1)).toMatchObject({ route: "handover" });
    expect(inbox.emulator.transcript({ contact: "fraud" }).map((m) => m.from)).toEqual(["customer", "bot"]);
  });
});
