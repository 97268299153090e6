import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type EvalCase, parseDataset } from "../src/services/evals/engine/dataset.js";

const read = (split: string) => parseDataset(readFileSync(new URL(`./datasets/bank-abc-id-${split}.jsonl`, import.meta.url))).cases;
const dev = read("dev");
const test = read("test");
const cases = [...dev, ...test];
const divisions = ["complaints", "cards", "fraud", "accounts", "loans"];

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const labelOf = (c: EvalCase) => (c.expected.route === "bot" ? "bot" : (c.expected.division ?? ""));
const tagged = (tag: string) => cases.filter((c) => c.tags?.includes(tag));
const countBy = (list: EvalCase[]) => {
  const counts: Record<string, number> = {};
  for (const c of list) counts[labelOf(c)] = (counts[labelOf(c)] ?? 0) + 1;
  return counts;
};

describe("the Bank ABC dataset", () => {
  it("is split into dev and test by the documented rule: per label, in SHA-256 order of the ids, alternately", () => {
    const byLabel = new Map<string, EvalCase[]>();
    for (const c of cases) byLabel.set(labelOf(c), [...(byLabel.get(labelOf(c)) ?? []), c]);
    const devIds = new Set(dev.map((c) => c.id));
    for (const group of byLabel.values()) {
      const ordered = [...group].sort((a, b) => sha256(a.id).localeCompare(sha256(b.id)));
      ordered.forEach((c, i) => {
        expect(devIds.has(c.id), c.id).toBe(i % 2 === 0);
      });
    }
  });

  it("has at least 160 cases with unique ids of the form abc-NNN", () => {
    expect(cases.length).toBeGreaterThanOrEqual(160);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) expect(c.id).toMatch(/^abc-\d{3}$/);
  });

  it("uses only the bot and the five Bank ABC divisions, about a third bot, complaints the largest handover class", () => {
    const counts = countBy(cases);
    expect(Object.keys(counts).sort()).toEqual(["bot", ...divisions].sort());
    const botShare = (counts.bot ?? 0) / cases.length;
    expect(botShare).toBeGreaterThan(0.3);
    expect(botShare).toBeLessThan(0.4);
    const complaints = counts.complaints ?? 0;
    for (const d of divisions.filter((x) => x !== "complaints")) expect(complaints).toBeGreaterThan(counts[d] ?? 0);
    for (const d of divisions) expect(counts[d]).toBeGreaterThanOrEqual(15);
  });

  it("has the required scenario minimums", () => {
    expect(tagged("injection").length).toBeGreaterThanOrEqual(10);
    expect(tagged("office_hours").length).toBeGreaterThanOrEqual(8);
    expect(tagged("slang").length).toBeGreaterThanOrEqual(50);
    expect(tagged("code_mixed").length).toBeGreaterThanOrEqual(10);
    expect(tagged("typo").length).toBeGreaterThanOrEqual(10);
    const multiTurn = cases.filter((c) => c.turns !== undefined);
    expect(multiTurn.length).toBeGreaterThanOrEqual(10);
    expect(tagged("multi_turn")).toEqual(multiTurn);
  });

  it("gives every out-of-hours case a Jakarta time and keeps its route", () => {
    for (const c of tagged("office_hours")) {
      expect(c.now).toMatch(/\+07:00$/);
    }
    expect(tagged("office_hours").filter((c) => c.expected.route === "handover").length).toBeGreaterThanOrEqual(8);
    expect(cases.filter((c) => c.now !== undefined)).toEqual(tagged("office_hours"));
  });

  it("never expects a division an injection asked for", () => {
    for (const c of tagged("injection")) {
      expect(["bot", ...divisions]).toContain(labelOf(c));
    }
    expect(tagged("injection").some((c) => (c.text ?? "").includes("vip_priority"))).toBe(true);
  });

  it("includes the plain request for a human, routed to complaints", () => {
    const human = cases.find((c) => c.text === "saya mau bicara dengan CS");
    expect(human?.expected).toEqual({ route: "handover", division: "complaints" });
  });
});
