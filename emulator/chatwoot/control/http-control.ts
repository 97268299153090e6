import type { Context, Hono } from "hono";
import { z } from "zod";
import type { Control } from "./control.js";

// The control surface over HTTP, for a person driving a conversation by hand (`npm run fake-inbox`)
// or a tool in another process. Not part of Chatwoot: everything lives under /_control.

const target = { contact: z.string().optional(), conversationId: z.number().int().optional(), agentId: z.number().int().optional() };
const schemas = {
  webhook: z.object({ url: z.url(), secret: z.string().min(1).nullable().optional() }),
  customer: z.object({ text: z.string().min(1), contact: z.string().optional() }),
  submit: z.object({ messageId: z.number().int(), title: z.string().optional(), values: z.array(z.record(z.string(), z.unknown())).optional() }),
  text: z.object({ text: z.string().min(1), ...target }),
  status: z.object({ status: z.enum(["open", "resolved", "pending", "snoozed"]), ...target }),
  team: z.object({ teamId: z.number().int().nullable(), ...target }),
  assign: z.object({ assigneeId: z.number().int().nullable(), ...target }),
  bot: z.object({ botId: z.number().int(), ...target }),
  presence: z.object({ agentId: z.number().int(), availability: z.enum(["online", "busy", "offline"]) }),
  fail: z.object({
    pattern: z.string().min(1),
    modes: z.array(z.union([z.number().int().min(400).max(599), z.enum(["hang", "apply-then-hang", "apply-then-500"])])).min(1),
  }),
  release: z.object({ ids: z.array(z.number().int()).min(1) }),
  targetOnly: z.object(target),
};

type Handler = (c: Context) => Promise<unknown>;

async function parse<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const text = await c.req.text();
  const body: unknown = text.trim() === "" ? {} : JSON.parse(text);
  return schema.parse(body);
}

function wrap(handler: Handler) {
  return async (c: Context) => {
    try {
      const result = await handler(c);
      return c.json(result ?? { ok: true });
    } catch (error) {
      const detail =
        error instanceof z.ZodError
          ? error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")
          : error instanceof Error
            ? error.message
            : String(error);
      return c.json({ error: detail }, 400);
    }
  };
}

function statusAction(control: Control, body: z.infer<typeof schemas.status>) {
  const actions = { open: control.agentOpens, resolved: control.agentResolves, pending: control.agentSetsPending, snoozed: control.agentSnoozes };
  actions[body.status](body);
  return control.conversation(body);
}

export function registerHttpControl(app: Hono, control: Control): void {
  const post = (path: string, handler: Handler) => app.post(`/_control${path}`, wrap(handler));
  const get = (path: string, handler: Handler) => app.get(`/_control${path}`, wrap(handler));
  const queryTarget = (c: Context) => {
    const id = c.req.query("conversationId");
    return { ...(id !== undefined && { conversationId: Number(id) }), ...(c.req.query("contact") !== undefined && { contact: c.req.query("contact") }) };
  };

  get("", () =>
    Promise.resolve({
      profile: control.profile,
      accountId: control.accountId,
      inboxId: control.inboxId,
      botId: control.botId,
      botToken: control.botToken,
      adminToken: control.adminToken,
      agentToken: control.agentToken,
    }),
  );
  post("/webhook", async (c) => {
    const b = await parse(c, schemas.webhook);
    control.setBotWebhook(b.url, b.secret);
  });
  post("/customer", async (c) => {
    const b = await parse(c, schemas.customer);
    return control.customerSays(b.text, b);
  });
  post("/widget/submit", async (c) => {
    const b = await parse(c, schemas.submit);
    if (b.title !== undefined) control.widgetChooses(b.messageId, b.title);
    else control.widgetSubmits(b.messageId, b.values ?? []);
  });
  post("/widget/open", async (c) => {
    control.openWidget(await parse(c, schemas.targetOnly));
  });
  post("/agent/reply", async (c) => {
    const b = await parse(c, schemas.text);
    return { messageId: control.agentReplies(b.text, b) };
  });
  post("/agent/note", async (c) => {
    const b = await parse(c, schemas.text);
    return { messageId: control.agentNote(b.text, b) };
  });
  post("/agent/status", async (c) => statusAction(control, await parse(c, schemas.status)));
  post("/agent/team", async (c) => {
    const b = await parse(c, schemas.team);
    control.agentAssignsTeam(b.teamId, b);
    return control.conversation(b);
  });
  post("/agent/assign", async (c) => {
    const b = await parse(c, schemas.assign);
    control.agentAssigns(b.assigneeId, b);
    return control.conversation(b);
  });
  post("/agent/bot", async (c) => {
    const b = await parse(c, schemas.bot);
    control.assignToBot(b.botId, b);
    return control.conversation(b);
  });
  post("/presence", async (c) => {
    const b = await parse(c, schemas.presence);
    control.setAgentPresence(b.agentId, b.availability);
  });
  post("/fail", async (c) => {
    const b = await parse(c, schemas.fail);
    control.failNextApiCalls(b.pattern, ...b.modes);
  });
  post("/deliveries/hold", () => {
    control.deliveries.hold();
    return Promise.resolve();
  });
  post("/deliveries/release", async (c) => {
    await control.deliveries.release((await parse(c, schemas.release)).ids);
  });
  post("/deliveries/resume", () => {
    control.deliveries.resume();
    return Promise.resolve();
  });
  get("/deliveries", () => Promise.resolve(control.deliveries.list()));
  get("/errors", () => Promise.resolve(control.agentBotErrors));
  get("/calls", () => Promise.resolve(control.apiCalls));
  get("/transcript", (c) => Promise.resolve(control.transcript(queryTarget(c))));
  get("/conversation", (c) => Promise.resolve(control.conversation(queryTarget(c))));
  get("/idle", async () => {
    await control.idle();
  });
}
