import { z } from "zod";
import { HttpResponse, http } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findRoutingModelHead } from "../../src/db/queries/routing-models.js";
import { exportBotRoute } from "../../src/http/routes/bots/export-bot.js";
import { importBotRoute } from "../../src/http/routes/bots/import-bot.js";
import { getConversationRoute } from "../../src/http/routes/conversations/get-conversation.js";
import { simulateTurnRoute } from "../../src/http/routes/conversations/simulate-turn.js";
import { addExamplesRoute } from "../../src/http/routes/examples/add-examples.js";
import { listExamplesRoute } from "../../src/http/routes/examples/list-examples.js";
import { addKnowledgeRoute } from "../../src/http/routes/knowledge/add-knowledge.js";
import { listKnowledgeRoute } from "../../src/http/routes/knowledge/list-knowledge.js";
import { createOpenAiEmbedder } from "../../src/llm/openai-embeddings.js";
import { localEmbedder } from "../../src/llm/local-embeddings.js";
import { recallForTurn } from "../../src/services/memory/recall.js";
import { enqueueReembed } from "../../src/services/memory/reembed.js";
import { createRoutingBot, type TestBot } from "../harness/bot-setup.js";
import { bodyOf } from "../harness/contract.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { emulatorClientOptions, startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";
import { createLlmMock, openAiBaseUrl } from "../msw/llm.js";
import { useMswServer } from "../msw/server.js";

const llm = createLlmMock();
/** What the mock reads of an OpenAI embeddings request; the rest is kept as sent. */
const embeddingsRequest = z.looseObject({ model: z.string(), input: z.union([z.string(), z.array(z.string())]) });
const embeddingCalls: z.infer<typeof embeddingsRequest>[] = [];
const embeddingsApi = http.post(`${openAiBaseUrl}/embeddings`, async ({ request }) => {
  const body = embeddingsRequest.parse(await request.json());
  embeddingCalls.push(body);
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const vectors = await localEmbedder.embed(inputs);
  return HttpResponse.json({
    object: "list",
    data: vectors.map((v, index) => ({ object: "embedding", index, embedding: body.model === "fixed-size-model" ? v.slice(0, 100) : v })),
    model: "text-embedding-3-small",
    usage: { prompt_tokens: 8 * inputs.length, total_tokens: 8 * inputs.length },
  });
});
useMswServer(...llm.handlers, embeddingsApi);

// A mutable model name lets a test switch the embeddings model under a running app.
const embedder = { model: "local-test-a", embed: (texts: string[]) => localEmbedder.embed(texts) };

const cardExamples = ["my card was swallowed by the atm", "kartu debit saya tertelan mesin atm", "card stuck in the cash machine", "the atm kept my card"];
const complaintExamples = [
  "the teller was rude to me",
  "pelayanan cabang sangat buruk",
  "i want to file a complaint about your staff",
  "saya kecewa dengan layanan kalian",
];

let app: E2eApp;
let t: TestApp;
let inbox: TestInbox;
let bot: TestBot;
/** A bot of the emulator's inbox (Cards is team 2, Complaints team 4). */
const routingBot = (on: TestApp = t) => createRoutingBot(on, { omnichat: inbox.credentials() });
beforeAll(async () => {
  app = await createE2eApp({ embedder });
  t = app.t;
  inbox = await startInbox(t.clock);
  bot = await routingBot();
  // No keywords: the examples alone must route.
  for (const id of Object.values(bot.divisions)) await t.request("PATCH", `/v1/bots/${bot.id}/divisions/${id}`, { body: { keywords: [] } });
  const examples = [
    ...cardExamples.map((text) => ({ text, label: bot.divisions.cards })),
    ...complaintExamples.map((text) => ({ text, label: bot.divisions.complaints })),
    { text: "what are your opening hours", label: "bot" },
  ];
  expect((await t.request("POST", `/v1/bots/${bot.id}/examples`, { body: { examples } })).status).toBe(201);
});
afterAll(async () => {
  await app.close();
  await inbox.close();
});
beforeEach(() => {
  inbox.reset();
  llm.reset();
});

let conversation = 700;
const simulate = async (text: string, app: TestApp = t, botId = bot.id) =>
  bodyOf(await app.request("POST", `/v1/bots/${botId}/simulate`, { body: { conversationId: ++conversation, text } }), simulateTurnRoute, 200);

describe("examples API", () => {
  it("rejects unknown labels with a path per example, adding nothing", async () => {
    const res = await t.request("POST", `/v1/bots/${bot.id}/examples`, {
      body: {
        examples: [
          { text: "ok", label: "bot" },
          { text: "x", label: "vip" },
        ],
      },
    });
    expect(bodyOf(res, addExamplesRoute, 400).errors).toEqual([{ path: "examples.1.label", message: expect.stringContaining('"vip"') }]);
    expect(bodyOf(await t.request("GET", `/v1/bots/${bot.id}/examples?limit=1`), listExamplesRoute, 200).total).toBe(9);
  });

  it("pages with a cursor, filters by label, and deletes", async () => {
    const first = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/examples?limit=4`), listExamplesRoute, 200);
    expect(first.items).toHaveLength(4);
    expect(first.items[0]).toMatchObject({ text: cardExamples[0], label: bot.divisions.cards, source: "admin", embeddingModel: "local-test-a" });
    const second = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/examples?limit=100&after=${String(first.nextCursor)}`), listExamplesRoute, 200);
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const bots = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/examples?label=bot`), listExamplesRoute, 200);
    expect(bots.items.map((e) => e.text)).toEqual(["what are your opening hours"]);
    const extra = await t.request("POST", `/v1/bots/${bot.id}/examples`, { body: { examples: [{ text: "temporary", label: "bot" }] } });
    expect(extra.status).toBe(201);
    const temp = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/examples?label=bot`), listExamplesRoute, 200).items.find((e) => e.text === "temporary");
    expect((await t.request("DELETE", `/v1/bots/${bot.id}/examples/${String(temp?.id)}`)).status).toBe(204);
    expect((await t.request("DELETE", `/v1/bots/${bot.id}/examples/${String(temp?.id)}`)).status).toBe(404);
  });

  it("takes big batches in one call (the body limit of bulk routes is 64 MiB) and refuses more than 50,000", async () => {
    const other = await routingBot();
    const many = Array.from({ length: 500 }, (_, i) => ({ text: `contoh pertanyaan umum nomor ${String(i)} tentang layanan`, label: "bot" }));
    expect((await t.request("POST", `/v1/bots/${other.id}/examples`, { body: { examples: many } })).status).toBe(201);
    expect(bodyOf(await t.request("GET", `/v1/bots/${other.id}/examples?limit=1`), listExamplesRoute, 200).total).toBe(500);
    const tooMany = Array.from({ length: 50_001 }, () => ({ text: "x", label: "bot" }));
    const res = await t.request("POST", `/v1/bots/${other.id}/examples`, { body: { examples: tooMany } });
    expect(bodyOf(res, addExamplesRoute, 400).errors?.[0]?.path).toBe("examples");
  });

  it("stores a division's own examples, replaced when the division's list changes", async () => {
    const other = await routingBot();
    await t.request("PATCH", `/v1/bots/${other.id}/divisions/${other.divisions.cards}`, { body: { examples: ["kartu hilang", "kartu diblokir"] } });
    await t.request("PATCH", `/v1/bots/${other.id}/divisions/${other.divisions.cards}`, { body: { examples: ["limit kartu kredit"] } });
    const page = bodyOf(await t.request("GET", `/v1/bots/${other.id}/examples?source=division`), listExamplesRoute, 200);
    expect(page.items.map((e) => [e.text, e.label])).toEqual([["limit kartu kredit", other.divisions.cards]]);
  });
});

describe("the offline fallback's second stage", () => {
  it("hands over by the nearest examples' vote when no keyword matches", async () => {
    const out = await simulate("the ATM swallowed my debit card this morning");
    expect(out.decision).toMatchObject({ route: "handover", divisionId: bot.divisions.cards, source: "fallback" });
    expect(out.decision?.reason).toMatch(/similar examples vote Cards .*nearest: "/);
    const complaint = await simulate("saya sangat kecewa dengan pelayanan petugas cabang");
    expect(complaint.decision).toMatchObject({ route: "handover", divisionId: bot.divisions.complaints });
  });

  it("gives the default reply to off-topic text rather than a clarifying question", async () => {
    const offTopic = await simulate("zzz qqq");
    expect(offTopic.decision).toMatchObject({ route: "bot_reply", source: "fallback" });
  });

  it("never compares vectors of two models, and re-embeds in the background after a model change", async () => {
    embedder.model = "local-test-b";
    try {
      expect((await recallForTurn(t.deps, bot.id, "card stuck in the atm")).examples).toEqual([]);
      await enqueueReembed(t.db, t.clock.now().toJSDate());
      await t.settle();
      const recall = await recallForTurn(t.deps, bot.id, "card stuck in the atm");
      expect(recall.examples[0]).toMatchObject({ text: "card stuck in the cash machine", label: bot.divisions.cards });
    } finally {
      embedder.model = "local-test-a";
      await enqueueReembed(t.db, t.clock.now().toJSDate());
      await t.settle();
    }
  });
});

describe("few-shot examples and knowledge in the LLM prompt", () => {
  it("puts the nearest labelled examples and relevant passages after the stable prefix", async () => {
    const withLlm = await createTestApp({ embedder, llm: { provider: "openai", baseUrl: openAiBaseUrl }, inbox: emulatorClientOptions });
    try {
      const other = await routingBot(withLlm);
      await withLlm.request("POST", `/v1/bots/${other.id}/examples`, {
        body: { examples: cardExamples.map((text) => ({ text, label: other.divisions.cards })) },
      });
      const doc = await withLlm.request("POST", `/v1/bots/${other.id}/knowledge`, {
        body: {
          title: "Jam operasional",
          content:
            "# Jam operasional\n\nKantor cabang Bank ABC buka Senin sampai Jumat pukul 08.00 sampai " +
            "15.00 WIB.\n\n# Kartu tertelan\n\nJika kartu tertelan di ATM, blokir kartu lewat aplikasi " +
            "lalu datang ke cabang dengan KTP.",
        },
      });
      expect(bodyOf(doc, addKnowledgeRoute, 201).chunks).toBeGreaterThanOrEqual(1);
      await simulate("kartu saya tertelan atm, gimana?", withLlm, other.id);
      const [request] = llm.requests;
      expect(request!.user).toMatch(/<examples>\n"kartu debit saya tertelan mesin atm" → div_/);
      expect(request!.user).toContain("Jika kartu tertelan di ATM");
      expect(request!.system).not.toContain("tertelan");
    } finally {
      await withLlm.close();
    }
  });

  it("answers from a clearly matching passage when there is no LLM", async () => {
    const other = await routingBot();
    await t.request("POST", `/v1/bots/${other.id}/knowledge`, {
      body: {
        title: "Opening hours",
        format: "text",
        content: "Our branches are open Monday to Friday from 08:00 to 15:00 and on Saturday from 08:00 to 12:00.",
      },
    });
    const out = await simulate("when are your branches open on saturday", t, other.id);
    expect(out.decision).toMatchObject({ route: "bot_reply", source: "fallback" });
    expect(out.messages[0]?.content).toContain("Saturday from 08:00 to 12:00");
    // A markdown passage loses its headings in the chat reply.
    const md = await routingBot();
    await t.request("POST", `/v1/bots/${md.id}/knowledge`, {
      body: { title: "Hours", content: "# Opening hours\n\nOur branches are open Monday to Friday from 08:00 to 15:00 and on Saturday from 08:00 to 12:00." },
    });
    const reply = await simulate("when are your branches open on saturday", t, md.id);
    expect(reply.messages[0]?.content).toBe("Our branches are open Monday to Friday from 08:00 to 15:00 and on Saturday from 08:00 to 12:00.");
    expect(bodyOf(await t.request("GET", `/v1/bots/${other.id}/knowledge`), listKnowledgeRoute, 200)[0]).toMatchObject({ title: "Opening hours", chunks: 1 });
  });
});

describe("export and import", () => {
  it("carries examples (labels rewritten to the new division ids) and knowledge", async () => {
    await t.request("POST", `/v1/bots/${bot.id}/knowledge`, { body: { title: "FAQ", content: "Kartu hilang? Blokir lewat aplikasi." } });
    const exported = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/export`), exportBotRoute, 200);
    expect(exported.examples).toHaveLength(9);
    expect(exported.knowledge.map((k) => k.title)).toContain("FAQ");
    const imported = bodyOf(await t.request("POST", "/v1/bots/import", { body: exported }), importBotRoute, 201);
    const copied = bodyOf(await t.request("GET", `/v1/bots/${imported.id}/examples?limit=100`), listExamplesRoute, 200);
    expect(copied.total).toBe(9);
    const cards = copied.items.filter((e) => e.text === cardExamples[0]);
    expect(cards).toEqual([expect.objectContaining({ label: imported.divisionIds[bot.divisions.cards!], source: "import" })]);
    const out = await simulate("card stuck in the atm machine", t, imported.id);
    expect(out.decision?.divisionId).toBe(imported.divisionIds[bot.divisions.cards!]);
  });
});

describe("learning from agents' re-routes", () => {
  it("stores the routed messages as agent_reroute examples of the new division and marks the mis-route", async () => {
    const other = await routingBot();
    const taught = [
      { text: "kartu kredit saya diblokir", label: other.divisions.cards },
      { text: "pelayanan cabang mengecewakan", label: other.divisions.complaints },
    ];
    await t.request("POST", `/v1/bots/${other.id}/examples`, { body: { examples: taught } });
    inbox.deliverTo(app, other.webhookPath);
    const { conversationId } = inbox.emulator.customerSays("kartu kredit saya kena biaya tahunan, mau komplain");
    await app.settle();
    const routerBefore = await findRoutingModelHead(t.db, other.id);
    const before = bodyOf(await t.request("GET", `/v1/bots/${other.id}/conversations/${String(conversationId)}`), getConversationRoute, 200);
    expect(before.handedOverTo).toBe(other.divisions.cards);
    expect(inbox.emulator.conversation({ conversationId }).teamId).toBe(2);
    // An agent moves it to the Complaints team (4) ten minutes later.
    t.clock.advance(10 * 60_000);
    inbox.emulator.agentAssignsTeam(4, { conversationId });
    await app.settle();
    const learned = bodyOf(await t.request("GET", `/v1/bots/${other.id}/examples?source=agent_reroute`), listExamplesRoute, 200);
    expect(learned.items.map((e) => [e.text, e.label])).toEqual([["kartu kredit saya kena biaya tahunan, mau komplain", other.divisions.complaints]]);
    expect(routerBefore?.version).toBe(1);
    const after = bodyOf(await t.request("GET", `/v1/bots/${other.id}/conversations/${String(conversationId)}`), getConversationRoute, 200);
    expect(after.decisions.at(-1)?.outcome.misrouted).toMatchObject({ toDivisionId: other.divisions.complaints, toTeamId: 4 });
    // The lesson retrains the bot's router in the background.
    const routerAfter = await findRoutingModelHead(t.db, other.id);
    expect(routerAfter?.version).toBe((routerBefore?.version ?? 0) + 1);
    // A later change of the conversation, still in Complaints, teaches nothing twice.
    t.clock.advance(60_000);
    inbox.emulator.agentAssigns(13, { conversationId });
    await app.settle();
    expect(inbox.emulator.conversation({ conversationId })).toMatchObject({ teamId: 4, assigneeId: 13 });
    expect(bodyOf(await t.request("GET", `/v1/bots/${other.id}/examples?source=agent_reroute`), listExamplesRoute, 200).total).toBe(learned.total);
    expect((await findRoutingModelHead(t.db, other.id))?.version).toBe(routerAfter?.version);
    expect(inbox.emulator.agentBotErrors).toEqual([]);
  });
});

describe("provider embeddings", () => {
  it("calls the OpenAI embeddings API for our dimension, and refuses a server that cannot give it", async () => {
    const openai = createOpenAiEmbedder({ apiKey: "k", baseUrl: openAiBaseUrl, model: undefined });
    const [vector] = await openai.embed(["kartu hilang"]);
    expect(vector).toHaveLength(512);
    expect(embeddingCalls.at(-1)).toMatchObject({ model: "text-embedding-3-small", dimensions: 512, input: ["kartu hilang"] });
    expect(openai.model).toBe("openai:text-embedding-3-small:512");
    const fixed = createOpenAiEmbedder({ apiKey: "k", baseUrl: openAiBaseUrl, model: "fixed-size-model" });
    await expect(fixed.embed(["kartu"])).rejects.toThrow(/returned 100 dimensions, not 512; set EMBEDDINGS=local/);
  });
});
