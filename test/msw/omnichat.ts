import { delay, HttpResponse, http } from "msw";

/**
 * The inbox REST API (Chatwoot model) with its real response shapes: records every call so tests
 * assert exactly what went out, and lets a test make the next calls fail or hang.
 *
 * Superseded by the Chatwoot emulator (test/harness/emulator-inbox.ts); only
 * test/integration/webhook-delivery.test.ts still uses it. Delete this file when that test moves.
 */
export type InboxCall = { method: string; path: string; token: string | null; body: unknown };

export type Agent = { id: number; name: string; availability_status: "online" | "busy" | "offline" };

export function createOmnichatMock(baseUrl = "https://omnichat.test", accountId = 1) {
  const calls: InboxCall[] = [];
  /** Messages the inbox really created (a call that "hangs after create" is here too). */
  const created: { conversationId: number; id: number; content: string; private: boolean; createdAt: number }[] = [];
  let nextMessageId = 10_000;
  const agents: Agent[] = [{ id: 12, name: "Dimas Pratama", availability_status: "online" }];
  const teamMembers = new Map<number, number[]>([[2, [12]]]);
  /** Failure scripts per path kind, consumed one per call. */
  const failures: Record<string, ("500" | "429" | "503" | "hang" | "hang-after-create")[]> = {};
  let hangMs = 1000;

  const prefix = `${baseUrl}/api/v1/accounts/${String(accountId)}`;
  const record = async (request: Request, path: string) => {
    const body = request.method === "GET" ? undefined : await request.clone().json().catch(() => undefined);
    const call = { method: request.method, path, token: request.headers.get("api_access_token"), body };
    return call;
  };
  const failure = async (kind: string, created: () => void) => {
    const next = failures[kind]?.shift();
    if (!next) return undefined;
    if (next === "hang-after-create") {
      created();
      await delay(hangMs);
      return HttpResponse.json({ error: "late" }, { status: 504 });
    }
    if (next === "hang") {
      await delay(hangMs);
      return HttpResponse.json({ error: "late" }, { status: 504 });
    }
    if (next === "429") return HttpResponse.json({ error: "Too many requests" }, { status: 429, headers: { "Retry-After": "0" } });
    return HttpResponse.json({ error: "Internal Server Error" }, { status: Number(next) });
  };

  const handlers = [
    http.post(`${prefix}/conversations/:id/messages`, async ({ request, params }) => {
      const call = await record(request, `/conversations/${String(params.id)}/messages`);
      const id = nextMessageId++;
      const body = call.body as Record<string, unknown>;
      const create = () => {
        calls.push(call);
        created.push({ conversationId: Number(params.id), id, content: String(body.content), private: body.private === true, createdAt: Math.floor(Date.now() / 1000) });
      };
      const failed = await failure("messages", create);
      if (failed) return failed;
      create();
      return HttpResponse.json({
        id,
        content: body.content,
        inbox_id: 3,
        conversation_id: Number(params.id),
        message_type: 1,
        content_type: body.content_type ?? "text",
        status: "sent",
        content_attributes: body.content_attributes ?? {},
        created_at: Math.floor(Date.now() / 1000),
        private: body.private ?? false,
        source_id: null,
        sender: { id: 5, name: "Smart Handover Agent", avatar_url: "", type: "agent_bot" },
      });
    }),
    http.get(`${prefix}/conversations/:id/messages`, ({ params }) => {
      const payload = created
        .filter((m) => m.conversationId === Number(params.id))
        .map((m) => ({ id: m.id, content: m.content, message_type: 1, private: m.private, created_at: m.createdAt, content_type: "text", status: "sent" }));
      return HttpResponse.json({ meta: { labels: [], additional_attributes: {} }, payload });
    }),
    http.post(`${prefix}/conversations/:id/assignments`, async ({ request, params }) => {
      const call = await record(request, `/conversations/${String(params.id)}/assignments`);
      const failed = await failure("assignments", () => undefined);
      if (failed) return failed;
      calls.push(call);
      const teamId = (call.body as { team_id: number }).team_id;
      return HttpResponse.json({ id: teamId, name: "kartu kredit", description: "", allow_auto_assign: true, account_id: accountId, is_member: false });
    }),
    http.post(`${prefix}/conversations/:id/toggle_status`, async ({ request, params }) => {
      const call = await record(request, `/conversations/${String(params.id)}/toggle_status`);
      const failed = await failure("toggle_status", () => undefined);
      if (failed) return failed;
      calls.push(call);
      const status = (call.body as { status: string }).status;
      return HttpResponse.json({ meta: {}, payload: { success: null, conversation_id: Number(params.id), current_status: status, snoozed_until: null } });
    }),
    http.get(`${prefix}/inboxes/:inboxId`, async ({ request, params }) => {
      calls.push(await record(request, `/inboxes/${String(params.inboxId)}`));
      return HttpResponse.json({
        id: Number(params.inboxId),
        name: "WhatsApp CS Bank Nusantara",
        channel_type: "Channel::Whatsapp",
        working_hours_enabled: true,
        timezone: "Asia/Jakarta",
        out_of_office_message: "Kami sedang tutup.",
        working_hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({
          day_of_week: day,
          closed_all_day: day === 0,
          open_all_day: false,
          open_hour: day === 6 ? 9 : 8,
          open_minutes: 0,
          close_hour: day === 6 ? 12 : 17,
          close_minutes: 0,
        })),
      });
    }),
    http.get(`${prefix}/agents`, async ({ request }) => {
      calls.push(await record(request, "/agents"));
      return HttpResponse.json(
        agents.map((a) => ({ ...a, account_id: accountId, auto_offline: true, confirmed: true, email: `${String(a.id)}@bank.test`, available_name: a.name, role: "agent", thumbnail: "" })),
      );
    }),
    // A division's team is checked on save; not recorded, as nothing is sent to a conversation.
    http.get(`${prefix}/teams/:teamId`, ({ params }) =>
      HttpResponse.json({ id: Number(params.teamId), name: "team", description: "", allow_auto_assign: true, account_id: accountId, is_member: false }),
    ),
    http.get(`${prefix}/inbox_members/:inboxId`, () =>
      HttpResponse.json({ payload: agents.map((a) => ({ ...a, account_id: accountId, auto_offline: true, confirmed: true, email: "", available_name: a.name, role: "agent", thumbnail: "" })) }),
    ),
    http.get(`${prefix}/teams/:teamId/team_members`, async ({ request, params }) => {
      calls.push(await record(request, `/teams/${String(params.teamId)}/team_members`));
      const ids = teamMembers.get(Number(params.teamId)) ?? [];
      return HttpResponse.json(
        agents.filter((a) => ids.includes(a.id)).map((a) => ({ ...a, account_id: accountId, auto_offline: true, confirmed: true, email: "", available_name: a.name, role: "agent", thumbnail: "" })),
      );
    }),
  ];

  return {
    handlers,
    calls,
    agents,
    teamMembers,
    /** Make the next calls of one kind (`messages`, `assignments`, `toggle_status`) fail this way. */
    failNext(kind: string, ...modes: ("500" | "429" | "503" | "hang" | "hang-after-create")[]) {
      (failures[kind] ??= []).push(...modes);
    },
    setHangMs(ms: number) {
      hangMs = ms;
    },
    /** The calls to one conversation, as "METHOD path" plus the essential body. */
    callsFor(conversationId: number) {
      return calls.filter((c) => c.path.startsWith(`/conversations/${String(conversationId)}/`));
    },
    reset() {
      calls.length = 0;
    },
  };
}

export type OmnichatMock = ReturnType<typeof createOmnichatMock>;
