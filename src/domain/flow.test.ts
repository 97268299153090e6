import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readExampleBot } from "../../test/fixtures/flows.js";
import { actionSchema, flowExportSchema, flowSchema, intentSchema, mapFlowDivisionIds } from "./flow.js";

const example = readExampleBot;

describe("flowSchema", () => {
  it("fills Kata's defaults", () => {
    const flow = flowSchema.parse({ name: "Menu", states: [{ name: "init", initial: true }] });
    expect(flow).toEqual({
      name: "Menu",
      description: "",
      active: true,
      intents: [],
      states: [{ name: "init", initial: true, end: false, selfTransition: false, actions: [], transitions: [] }],
    });
    expect(intentSchema.parse({ name: "hi" })).toEqual({ name: "hi", type: "text", classifiers: [], initial: false, fallback: false, priority: 0 });
  });

  it("accepts one intent type or several", () => {
    expect(intentSchema.parse({ name: "ice", type: ["text", "data"] }).type).toEqual(["text", "data"]);
    expect(intentSchema.safeParse({ name: "x", type: "postback" }).success).toBe(false);
    expect(intentSchema.safeParse({ name: "x", type: [] }).success).toBe(false);
  });

  it("validates each action kind", () => {
    expect(actionSchema.parse({ type: "handover" })).toEqual({ type: "handover", divisionId: null });
    expect(actionSchema.parse({ type: "botHandover", botId: "bot_2" })).toEqual({ type: "botHandover", botId: "bot_2", variables: {} });
    expect(actionSchema.parse({ type: "quickReply", text: "Pilih", items: [{ title: "A" }] })).toEqual({
      type: "quickReply",
      text: "Pilih",
      items: [{ title: "A" }],
    });
    const card = actionSchema.parse({
      type: "carousel",
      items: [{ title: "Promo", buttons: [{ type: "postback", label: "Ambil", payload: { carousel: "b1g1" } }] }],
    });
    expect(card).toMatchObject({ items: [{ title: "Promo", text: "", buttons: [{ payload: { carousel: "b1g1" } }] }] });
    for (const bad of [
      { type: "text", variants: [] },
      { type: "quickReply", text: "Pilih", items: Array.from({ length: 14 }, (_, i) => ({ title: String(i) })) },
      { type: "carousel", items: [{ title: "x", buttons: [{ type: "url", label: "x", url: "ftp://x" }] }] },
      { type: "carousel", items: [{ title: "x", buttons: [1, 2, 3, 4].map((i) => ({ type: "postback", label: String(i), payload: {} })) }] },
      { type: "command", command: "" },
      { type: "setVariable", variable: "has space", value: "content" },
      { type: "speak", text: "?" },
    ]) {
      expect(actionSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 60)).toBe(false);
    }
  });

  it("rejects g and y regex flags (they make matching stateful)", () => {
    const intent = (flags: string) => intentSchema.safeParse({ name: "x", classifiers: [{ type: "regex", pattern: "a", flags }] }).success;
    expect(intent("iu")).toBe(true);
    expect(intent("g")).toBe(false);
    expect(intent("y")).toBe(false);
  });

  it("an exported flow needs its id key", () => {
    expect(flowExportSchema.safeParse({ name: "x", states: [{ name: "s", initial: true }] }).success).toBe(false);
    expect(flowExportSchema.parse({ id: "menu", name: "x", states: [{ name: "s", initial: true }] }).id).toBe("menu");
  });

  it("rewrites handover divisions for an import, leaving the default (null) alone", () => {
    const flow = flowExportSchema.parse({
      id: "f",
      name: "x",
      states: [{ name: "s", initial: true, actions: [{ type: "handover", divisionId: "cards" }, { type: "handover" }, { type: "command", command: "next" }] }],
    });
    const mapped = mapFlowDivisionIds(flow, (key) => `div_${key}`);
    expect(mapped.id).toBe("f");
    expect(mapped.states[0]?.actions).toEqual([
      { type: "handover", divisionId: "div_cards" },
      { type: "handover", divisionId: null },
      { type: "command", command: "next" },
    ]);
    expect(flow.states[0]?.actions[0]).toEqual({ type: "handover", divisionId: "cards" });
  });

  it.each(["bank-abc-simple.json", "bank-abc-instagram.json"])("the flows of %s parse", (file) => {
    const { flows } = z.object({ flows: z.array(flowExportSchema).min(1) }).parse(example(file));
    expect(flows.map((f) => f.id)).toEqual(["handover"]);
  });

  it("the example texts carry no mis-encoded characters", () => {
    for (const file of ["bank-abc-simple.json", "bank-abc-instagram.json"]) {
      const raw = readFileSync(new URL(`../../examples/bots/${file}`, import.meta.url), "utf8");
      expect(raw, file).not.toMatch(/‚Ä|üò|üí|\uf8ff|Ã|â€/);
      expect(raw, file).toContain("😊");
    }
  });
});
