import { describe, expect, it } from "vitest";
import { type FlowSource, flowSchema } from "../../domain/flow.js";
import type { CompiledFlow } from "./compiled-flow.js";
import { compileFlow } from "./compile-flow.js";
import type { FlowCursor } from "./flow-cursor.js";
import { flowInputFromTurn } from "./flow-input.js";
import { matchFlowInput } from "./match-flow-input.js";
import { runFlowTurn } from "./run-flow.js";
import { exampleFlows, FlowConversation } from "../../../test/fixtures/flows.js";

const compile = (id: string, source: FlowSource): CompiledFlow => {
  const result = compileFlow(flowSchema.parse(source), id);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.flow;
};
const text = (t: string, extra: { payload?: string } = {}) =>
  flowInputFromTurn({ text: t, payload: extra.payload ?? null, attachmentTypes: [], contentAttributes: {} }, "Channel::WebWidget");
const say = (...variants: string[]) => ({ type: "text" as const, variants });
const run = (flows: CompiledFlow[], cursor: FlowCursor, input: ReturnType<typeof text>, maxSteps?: number) =>
  runFlowTurn(flows, cursor, input, { seed: "t", ...(maxSteps ? { maxSteps } : {}) });

describe("commands", () => {
  const looping = compile("loop", {
    name: "Loop",
    intents: [
      { name: "go", initial: true, classifiers: [{ type: "keywords", keywords: [{ keyword: "go" }] }] },
      { name: "again", type: "command", condition: 'content == "again"' },
    ],
    states: [
      { name: "init", initial: true, transitions: [{ to: "spin", condition: 'intent == "go"' }] },
      { name: "spin", actions: [say("round"), { type: "command", command: "again" }], transitions: [{ to: "spin", condition: 'intent == "again"' }] },
    ],
  });

  it("a command feeding itself stops at the step limit", () => {
    const result = run([looping], null, text("go"), 5);
    expect(result.stopped).toBe("max_steps");
    expect(result.steps).toHaveLength(5);
    expect(result.messages).toHaveLength(5);
    expect(result.cursor).toMatchObject({ flowId: "loop", state: "spin" });
    expect(run([looping], null, text("go")).steps).toHaveLength(10);
  });

  it("a command nobody listens to is dropped; it never triggers a self-transition", () => {
    const deaf = compile("deaf", {
      name: "Deaf",
      intents: [{ name: "go", initial: true, classifiers: [{ type: "keywords", keywords: [{ keyword: "go" }] }] }],
      states: [
        { name: "init", initial: true, transitions: [{ to: "menu", condition: 'intent == "go"' }] },
        { name: "menu", selfTransition: true, actions: [say("menu"), { type: "command", command: "unheard" }] },
      ],
    });
    const result = run([deaf], null, text("go"));
    expect(result.messages.map((m) => m.content)).toEqual(["menu"]);
    expect(result.stopped).toBeUndefined();
  });

  it("a handover ends the turn: later commands are not run", () => {
    const flow = compile("h", {
      name: "H",
      intents: [
        { name: "go", initial: true, classifiers: [{ type: "keywords", keywords: [{ keyword: "go" }] }] },
        { name: "next", type: "command", condition: 'content == "next"' },
      ],
      states: [
        { name: "init", initial: true, transitions: [{ to: "hand", condition: 'intent == "go"' }] },
        {
          name: "hand",
          actions: [say("sebentar"), { type: "command", command: "next" }, { type: "handover", divisionId: "cards" }],
          transitions: [{ to: "after", condition: 'intent == "next"' }],
        },
        { name: "after", end: true, actions: [say("never")] },
      ],
    });
    const result = run([flow], null, text("go"));
    expect(result.messages.map((m) => m.content)).toEqual(["sebentar"]);
    expect(result.handover).toEqual({ divisionId: "cards" });
  });
});

describe("matching", () => {
  const shop = compile("shop", {
    name: "Shop",
    intents: [
      {
        name: "buy",
        initial: true,
        classifiers: [{ type: "keywords", name: "product", keywords: [{ keyword: "kartu", synonyms: ["card"] }, { keyword: "tabungan" }] }],
      },
      { name: "order", initial: true, priority: 5, classifiers: [{ type: "regex", pattern: "^order (?<orderId>\\d+)$" }] },
      { name: "sorry", fallback: true },
    ],
    states: [
      {
        name: "init",
        initial: true,
        transitions: [
          { to: "product", condition: 'intent == "buy"' },
          { to: "status", condition: 'intent == "order"' },
        ],
      },
      {
        name: "product",
        actions: [{ type: "setVariable", variable: "product", value: "attributes.product" }],
        transitions: [
          { to: "confirm", condition: 'content == "ok"' },
          { to: "help", condition: 'intent == "sorry"' },
        ],
      },
      { name: "confirm", end: true, actions: [{ type: "botHandover", botId: "bot-sales", flowId: "checkout", variables: { originBot: "bank-abc" } }] },
      {
        name: "status",
        end: true,
        actions: [
          { type: "setVariable", variable: "orderId", value: "attributes.orderId" },
          { type: "botHandover", botId: "bot-orders", variables: {} },
        ],
      },
      { name: "help", actions: [say("Ketik ok untuk lanjut")], transitions: [{ to: "confirm", condition: 'content == "ok"' }] },
    ],
  });

  it("keyword attributes reach conditions and variables, and a bot handover carries them", () => {
    const first = run([shop], null, text("mau card baru"));
    expect(first).toMatchObject({ kind: "start", intent: "buy", cursor: { state: "product", variables: { product: "kartu" } } });
    const done = run([shop], first.cursor, text("ok"));
    expect(done.botHandover).toEqual({ botId: "bot-sales", flowId: "checkout", variables: { product: "kartu", originBot: "bank-abc" } });
    expect(done.cursor).toBeNull();
  });

  it("regex named groups become attributes", () => {
    expect(run([shop], null, text("order 42")).botHandover).toEqual({ botId: "bot-orders", variables: { orderId: "42" } });
  });

  it("an explicit transition on the fallback intent is a fallback match, not an expected input", () => {
    const first = run([shop], null, text("tabungan"));
    const match = matchFlowInput([shop], first.cursor, text("hmm"));
    expect(match).toMatchObject({ kind: "fallback", intent: "sorry", to: "help" });
    expect(matchFlowInput([shop], first.cursor, text("ok"))).toMatchObject({ kind: "transition", to: "confirm" });
  });

  it("higher priority wins across flows; on a tie the earlier flow does", () => {
    const a = compile("a", {
      name: "A",
      intents: [{ name: "hi", initial: true, classifiers: [{ type: "keywords", keywords: [{ keyword: "halo" }] }] }],
      states: [{ name: "s", initial: true, actions: [say("A")] }],
    });
    const b = compile("b", {
      name: "B",
      intents: [{ name: "hi", initial: true, classifiers: [{ type: "keywords", keywords: [{ keyword: "halo" }] }] }],
      states: [{ name: "s", initial: true, actions: [say("B")] }],
    });
    const urgent = compile("c", {
      name: "C",
      intents: [{ name: "hi", initial: true, priority: 1, classifiers: [{ type: "keywords", keywords: [{ keyword: "halo" }] }] }],
      states: [{ name: "s", initial: true, actions: [say("C")] }],
    });
    expect(run([a, b], null, text("halo")).messages[0]?.content).toBe("A");
    expect(run([b, a], null, text("halo")).messages[0]?.content).toBe("B");
    expect(run([a, b, urgent], null, text("halo")).messages[0]?.content).toBe("C");
  });

  it("an inactive flow neither starts nor continues", () => {
    const active = run([shop], null, text("kartu"));
    const off = { ...shop, active: false };
    expect(run([off], null, text("kartu")).kind).toBe("none");
    expect(run([off], active.cursor, text("ok"))).toMatchObject({ kind: "none", cursor: null, messages: [] });
  });

  it("an initial fallback intent makes a catch-all flow", () => {
    const catchAll = compile("catch", {
      name: "Catch",
      intents: [{ name: "any", initial: true, fallback: true }],
      states: [{ name: "s", initial: true, end: true, actions: [say("Maaf?")] }],
    });
    expect(run([shop, catchAll], null, text("apa ini"))).toMatchObject({ kind: "fallback", intent: "any", messages: [{ content: "Maaf?" }] });
    expect(run([shop, catchAll], null, text("kartu")).kind).toBe("start");
  });

  it("an unconditional transition takes any input", () => {
    const echo = compile("echo", {
      name: "Echo",
      intents: [{ name: "go", initial: true, classifiers: [{ type: "keywords", keywords: [{ keyword: "go" }] }] }],
      states: [
        { name: "init", initial: true, transitions: [{ to: "ask", condition: 'intent == "go"' }] },
        { name: "ask", actions: [say("Nama?")], transitions: [{ to: "thanks" }] },
        { name: "thanks", end: true, actions: [say("Terima kasih")] },
      ],
    });
    const asked = run([echo], null, text("go"));
    expect(asked.messages.map((m) => m.content)).toEqual(["Nama?"]);
    expect(run([echo], asked.cursor, text("Budi")).messages.map((m) => m.content)).toEqual(["Terima kasih"]);
  });
});

describe("variants", () => {
  it("picks text variants from the seed: stable per turn, varied across turns", () => {
    const flow = compile("v", {
      name: "V",
      intents: [{ name: "go", initial: true, classifiers: [{ type: "keywords", keywords: [{ keyword: "go" }] }] }],
      states: [{ name: "s", initial: true, actions: [say("a", "b", "c")] }],
    });
    const pick = (seed: string) => runFlowTurn([flow], null, text("go"), { seed }).messages[0]?.content;
    expect(pick("conv-9:1")).toBe(pick("conv-9:1"));
    expect(new Set(Array.from({ length: 30 }, (_, i) => pick(`conv-9:${String(i)}`))).size).toBe(3);
  });
});

describe("starting a flow the router chose (LLM or bot handover)", () => {
  const flows = exampleFlows("bank-abc-instagram.json");

  it("enters through the first initial intent when the input opens nothing: the greeting menu", () => {
    const result = runFlowTurn(flows, null, text("saya mau lihat-lihat dulu"), {
      seed: "s",
      startFlowId: "handover",
      variables: { originBot: "bank-abc-simple" },
    });
    expect(result.kind).toBe("start");
    expect(result.steps.map((s) => s.state)).toEqual(["greetingsState"]);
    expect(result.messages[0]?.content).toMatch(/^Halo, selamat datang di layanan CS Bank ABC/);
    expect(result.cursor?.variables).toEqual({ originBot: "bank-abc-simple" });
  });

  it("uses the input's own intent when it opens a transition", () => {
    const result = runFlowTurn(flows, null, text("Promo"), { seed: "s", startFlowId: "handover" });
    expect(result.steps.map((s) => s.state)).toEqual(["carouselState"]);
  });

  it("an unknown flow id falls back to ordinary matching", () => {
    expect(runFlowTurn(flows, null, text("halo"), { seed: "s", startFlowId: "nope" }).intent).toBe("greetingsIntent");
  });

  it("keeps the offered choices in the cursor for the next turn, and clears them on the next state", () => {
    const c = new FlowConversation(flows, "Channel::Instagram");
    c.say("halo");
    c.say("1");
    expect(c.cursor?.offered.map((o) => [o.number, o.title])).toEqual([
      [1, "Daftar rekening baru"],
      [2, "Daftar kartu kredit"],
    ]);
    c.say("1");
    expect(c.cursor).toMatchObject({ state: "confirmState", offered: [] });
  });
});
