import { localEmbedder } from "../../src/llm/local-embeddings.js";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { delay, http } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { botImportSchema } from "../../src/domain/bot-export.js";
import { parseDataset } from "../../src/services/evals/engine/dataset.js";
import { createFileResponseCache } from "../../src/services/evals/engine/response-cache.js";
import { runEval } from "../../src/services/evals/engine/run-eval.js";
import { runEvalCli } from "../../evals/cli/runner-cli.js";
import { type EvalBot, importEvalBot } from "../../src/services/evals/engine/eval-bot.js";
import { createRoutingLlm } from "../../src/llm/create-routing-llm.js";
import { fixedClock } from "../../src/time/clock.js";
import { createTestDatabase, type TestDatabase } from "../harness/test-database.js";
import { createLlmMock, type LlmRequest, openAiBaseUrl } from "../msw/llm.js";
import { useMswServer } from "../msw/server.js";

const llm = createLlmMock({ usage: { prompt: 900, cached: 512, completion: 40 } });
const server = useMswServer(...llm.handlers);

const rootDir = fileURLToPath(new URL("../..", import.meta.url));
const startedAt = new Date("2026-01-15T02:30:00.000Z");

/** A small bot: three divisions with Indonesian keywords, complaints as the default. */
const botDoc = {
  format: "switchboard.bot/v1",
  name: "Eval runner test bot",
  settings: { defaultDivisionId: "complaints", confidenceThreshold: 0.6 },
  divisions: [
    { id: "cards", name: "Cards", prompt: "Hand over card problems: blocked, lost or swallowed cards.", teamId: 2, keywords: ["kartu", "blokir"] },
    { id: "loans", name: "Loans", prompt: "Hand over mortgage and loan questions about the customer's own loan.", teamId: 3, keywords: ["kpr", "cicilan"] },
    { id: "complaints", name: "Complaints", prompt: "Hand over complaints and requests for a human.", teamId: 4, keywords: ["komplain"] },
  ],
};

// Six cases; with keywords only, c5 (the last customer turn has no keyword) and c6 (a general
// question that names a product) go wrong: 4 of 6.
const datasetText = [
  { id: "c1", text: "kartu saya diblokir", expected: { route: "handover", division: "cards" } },
  { id: "c2", text: "cicilan kpr saya telat bayar", expected: { route: "handover", division: "loans" } },
  { id: "c3", text: "halo selamat pagi", expected: { route: "bot" } },
  { id: "c4", text: "saya mau bicara dengan agen", expected: { route: "handover", division: "complaints" } },
  {
    id: "c5",
    turns: [
      { role: "user", text: "kartu kredit saya hilang" },
      { role: "assistant", text: "Maaf mendengarnya. Boleh dijelaskan lagi?" },
      { role: "user", text: "tolong dibantu ya" },
    ],
    expected: { route: "handover", division: "cards" },
  },
  { id: "c6", text: "ada promo kpr bulan ini?", expected: { route: "bot" }, now: "2026-01-18T20:00:00+07:00" },
]
  .map((c) => JSON.stringify(c))
  .join("\n");

const { cases, sha256 } = parseDataset(datasetText);
const doc = botImportSchema.parse(botDoc);

let database: TestDatabase;
let tmp: string;
const importFresh = (): Promise<Omit<EvalBot, "database">> =>
  importEvalBot({ db: database.db, clock: fixedClock(startedAt.toISOString()), publicUrl: "http://switchboard.test", embedder: localEmbedder }, doc);

beforeAll(async () => {
  database = await createTestDatabase();
  tmp = mkdtempSync(join(tmpdir(), "evals-runner-"));
});
afterAll(async () => {
  await database.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

describe("runEval offline (--provider none): the keyword fallback decides", () => {
  it("scores the production decisions in the export's division keys", async () => {
    const bot = await importFresh();
    const report = await runEval({ db: database.db, ...bot, cases, datasetSha256: sha256, llm: null, deadlineMs: 1000, startedAt });

    expect(report.n).toBe(6);
    expect(report.accuracy).toBeCloseTo(4 / 6, 10);
    expect(report.cases.map((c) => [c.id, c.predicted, c.source])).toEqual([
      ["c1", "cards", "fallback"],
      ["c2", "loans", "fallback"],
      ["c3", "bot", "fallback"],
      ["c4", "complaints", "policy"],
      ["c5", "bot", "fallback"],
      ["c6", "loans", "fallback"],
    ]);
    expect(report.perLabel).toEqual({
      bot: { precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
      cards: { precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
      complaints: { precision: 1, recall: 1, f1: 1, support: 1 },
      loans: { precision: 0.5, recall: 1, f1: 2 / 3, support: 1 },
    });
    expect(report.handover).toEqual({ precision: 0.75, recall: 0.75 });
    expect(report.fallbackRate).toBeCloseTo(5 / 6, 10);
    expect(report.sourceCounts).toEqual({ flow: 0, llm: 0, fallback: 5, policy: 1 });
    expect(report).toMatchObject({
      provider: "none",
      model: null,
      promptVersion: null,
      datasetSha256: sha256,
      tokens: { prompt: 0, cached: 0, completion: 0 },
    });
    expect(report.generatedAt).toBe(startedAt.toISOString());
    expect(report.misrouted.map((m) => m.id).sort()).toEqual(["c5", "c6"]);
  });
});

describe("runEval with OpenAI through msw, and the response cache", () => {
  /** The id the prompt gives a division this import, read from the system prompt's list. */
  const idOf = (req: LlmRequest, name: string) => new RegExp(`^- (\\S+): ${name} —`, "m").exec(req.system)?.[1] ?? "missing";

  beforeEach(() => {
    llm.reset();
    // Every call takes at least 25 ms, so latency is measurable; the handler then falls through to the mock.
    server.use(
      http.post(`${openAiBaseUrl}/chat/completions`, async () => {
        await delay(25);
      }),
    );
    llm.answerWith((req) => {
      if (req.user.includes("kartu saya diblokir")) return { action: "handover", division_id: idOf(req, "Cards"), confidence: 0.95, reason: "blocked card" };
      if (req.user.includes("tolong dibantu"))
        return { action: "handover", division_id: idOf(req, "Cards"), confidence: 0.8, reason: "lost credit card earlier" };
      if (req.user.includes("kpr saya telat")) return { action: "handover", division_id: idOf(req, "Loans"), confidence: 0.9, reason: "late instalment" };
      // Unsure between loans and the bot: below the threshold, so one clarifying question.
      if (req.user.includes("promo kpr")) return { action: "handover", division_id: idOf(req, "Loans"), confidence: 0.3, reason: "maybe a loan" };
      return { action: "bot_reply", division_id: null, confidence: 0.9, reason: "greeting", reply: "Halo!" };
    });
  });

  // Built per run, after msw is listening: the SDK keeps the fetch it finds when it is created.
  const openai = () =>
    createRoutingLlm({
      provider: "openai",
      model: undefined,
      openai: { apiKey: "test-key", baseUrl: openAiBaseUrl },
      anthropic: { apiKey: undefined, baseUrl: undefined },
    });
  const cacheDir = () => join(tmp, "cache");
  const run = async (read: boolean) =>
    runEval({
      db: database.db,
      ...(await importFresh()),
      cases,
      datasetSha256: sha256,
      llm: openai(),
      deadlineMs: 3000,
      startedAt,
      cache: { store: createFileResponseCache(cacheDir()), read },
    });

  it("reports tokens, latency, model and prompt version; a rerun on a fresh import makes no LLM call", async () => {
    const first = await run(true);
    // c4 asks for a human: policy, no LLM call. The other five ask the model once each.
    expect(llm.requests).toHaveLength(5);
    expect(first.cases.map((c) => c.predicted)).toEqual(["cards", "loans", "bot", "complaints", "cards", "clarify"]);
    expect(first.accuracy).toBeCloseTo(5 / 6, 10);
    expect(first.clarifyRate).toBeCloseTo(1 / 6, 10);
    expect(first.tokens).toEqual({ prompt: 5 * 900, cached: 5 * 512, completion: 5 * 40 });
    expect(first.latencyMs.p50).toBeGreaterThanOrEqual(25);
    expect(first.model).toBe("gpt-4o-mini-2024-07-18");
    expect(first.estimatedCostUsd).toBeGreaterThan(0);
    expect(first.promptVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(first.cachedResponses).toBe(0);
    expect(readdirSync(cacheDir())).toHaveLength(5);

    // The multi-turn case's earlier turns reach the model as history; the last customer turn is the message.
    const multi = llm.requests.find((r) => r.user.includes("tolong dibantu"));
    expect(multi?.user).toMatch(/customer: "kartu kredit saya hilang"\nbot: "Maaf mendengarnya. Boleh dijelaskan lagi\?"/);

    llm.reset();
    const second = await run(true);
    expect(llm.requests).toHaveLength(0);
    expect(second.cachedResponses).toBe(5);
    expect(second.cases.map((c) => c.predicted)).toEqual(first.cases.map((c) => c.predicted));
    expect(second.tokens).toEqual(first.tokens);
    expect(second.latencyMs).toEqual(first.latencyMs);
    // A new import gave the divisions new ids; the version of the same configuration does not change.
    expect(second.promptVersion).toBe(first.promptVersion);

    const forced = await run(false);
    expect(llm.requests).toHaveLength(5);
    expect(forced.cachedResponses).toBe(0);
  });
});

describe("the CLI", () => {
  it("answers bad flags and missing files with exit 2 and a clear message", async () => {
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return {
        out,
        err,
        io: {
          env: {},
          rootDir: tmp,
          stdout: { write: (s: string) => out.push(s) > 0 },
          stderr: { write: (s: string) => err.push(s) > 0 },
        } as unknown as Parameters<typeof runEvalCli>[1],
      };
    };
    const a = io();
    expect(await runEvalCli(["--bot", "x.json", "--dataset", "y.jsonl", "--min-accuracy", "1.5"], a.io)).toBe(2);
    expect(a.err.join("")).toContain("--min-accuracy must be a number from 0 to 1");
    const b = io();
    expect(await runEvalCli(["--bot", join(tmp, "nope.json"), "--dataset", "y.jsonl"], b.io)).toBe(2);
    expect(b.err.join("")).toMatch(/cannot read --bot .*nope\.json: no such file/);
    const c = io();
    writeFileSync(join(tmp, "bot.json"), JSON.stringify(botDoc));
    writeFileSync(join(tmp, "bad.jsonl"), '{"id": "x", "expected": {"route": "handover"}}\n');
    expect(await runEvalCli(["--bot", join(tmp, "bot.json"), "--dataset", join(tmp, "bad.jsonl")], c.io)).toBe(2);
    expect(c.err.join("")).toContain("--dataset");
    expect(c.err.join("")).toContain("line 1");
    const d = io();
    writeFileSync(join(tmp, "cases.jsonl"), datasetText);
    expect(await runEvalCli(["--bot", join(tmp, "bot.json"), "--dataset", join(tmp, "cases.jsonl"), "--provider", "anthropic"], d.io)).toBe(2);
    expect(d.err.join("")).toContain("ANTHROPIC_API_KEY: is required when LLM_PROVIDER=anthropic");
    // A case that is also a training example of the bot (after normalising spelling) is refused.
    const e = io();
    writeFileSync(join(tmp, "trained.json"), JSON.stringify({ ...botDoc, examples: [{ text: "Kartu saya DIBLOKIR!!", label: "cards" }] }));
    expect(await runEvalCli(["--bot", join(tmp, "trained.json"), "--dataset", join(tmp, "cases.jsonl"), "--provider", "none"], e.io)).toBe(2);
    expect(e.err.join("")).toContain('1 dataset case(s) are also training examples of the bot: c1 ("kartu saya diblokir")');
    expect(e.out.join("")).toBe("");
  });

  it("fails below --min-accuracy or --min-handover-recall with exit 1, after writing the reports with the baseline deltas", async () => {
    writeFileSync(join(tmp, "bot.json"), JSON.stringify(botDoc));
    writeFileSync(join(tmp, "cases.jsonl"), datasetText);
    // A baseline that got everything right: every wrong case now is a "broken" one.
    const bot = await importFresh();
    const baseline = await runEval({ db: database.db, ...bot, cases, datasetSha256: sha256, llm: null, deadlineMs: 1000, startedAt });
    const perfect = { ...baseline, accuracy: 1, cases: baseline.cases.map((c) => ({ ...c, predicted: c.expected, correct: true })) };
    writeFileSync(join(tmp, "baseline.json"), JSON.stringify(perfect));

    const out = join(tmp, "out");
    const args = ["evals/cli.ts", "--bot", join(tmp, "bot.json"), "--dataset", join(tmp, "cases.jsonl"), "--provider", "none"];
    const result = await promisify(execFile)(
      "npx",
      ["tsx", ...args, "--out", out, "--baseline", join(tmp, "baseline.json"), "--min-accuracy", "0.9", "--min-handover-recall", "1"],
      {
        cwd: rootDir,
        env: { ...process.env, CI: "true", LLM_PROVIDER: "" },
      },
    ).then(
      () => ({ code: 0, stdout: "", stderr: "" }),
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("FAILED: accuracy 66.7% is below --min-accuracy 90.0% (6 cases)");
    // Every floor that fails is named, not only the first.
    expect(result.stderr).toContain("FAILED: handover recall 75.0% is below --min-handover-recall 100.0% (6 cases)");
    expect(result.stderr).toContain("eval: 6/6 cases (100%)");
    expect(result.stdout).toContain("accuracy                                 66.7%");
    expect(result.stdout).toMatch(/accuracy\s+100\.0%\s+66\.7%\s+−33\.3 pp/);
    expect(result.stdout).toContain("changed decisions: 2 (fixed 0, broken 2, changed 0)");
    expect(readdirSync(out).sort()).toEqual(["comparison.json", "report.html", "report.json", "report.md"]);
    // A child process that starts tsx and an embedded database: 15 s of CPU, more on a shared machine.
  }, 90_000);
});
