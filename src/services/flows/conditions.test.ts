import { describe, expect, it } from "vitest";
import { compileCondition, compileValue, type ConditionContext, referencedIntents } from "./conditions.js";

const ctx = (over: Partial<ConditionContext> = {}): ConditionContext => ({
  content: "",
  intent: "",
  payload: {},
  attributes: {},
  variables: {},
  ...over,
});

const condition = (source: string) => {
  const compiled = compileCondition(source);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.value;
};

describe("CEL conditions", () => {
  const carousel = condition('content == "B1G1" || (intent == "carouselIntent" && payload.carousel == "b1g1")');

  it("evaluates the tutorial's carousel condition both ways", () => {
    expect(carousel(ctx({ content: "B1G1" }))).toBe(true);
    expect(carousel(ctx({ intent: "carouselIntent", payload: { carousel: "b1g1" } }))).toBe(true);
    expect(carousel(ctx({ intent: "carouselIntent", payload: { carousel: "diskon" } }))).toBe(false);
    expect(carousel(ctx({ content: "b1g1" }))).toBe(false);
  });

  it("a missing payload key is false, not an error", () => {
    expect(carousel(ctx({ intent: "carouselIntent", payload: {} }))).toBe(false);
    expect(condition('payload.carousel == "b1g1"')(ctx())).toBe(false);
    expect(condition('!(payload.carousel == "b1g1")')(ctx())).toBe(false);
    expect(condition("has(payload.carousel)")(ctx({ payload: { carousel: "x" } }))).toBe(true);
    expect(condition("has(payload.carousel)")(ctx())).toBe(false);
  });

  it("reads attributes, variables, numbers in payloads and string functions", () => {
    expect(condition('intent == "menu" && attributes.menu == "satu"')(ctx({ intent: "menu", attributes: { menu: "satu" } }))).toBe(true);
    expect(condition('variables.originBot == "bank-abc"')(ctx({ variables: { originBot: "bank-abc" } }))).toBe(true);
    expect(condition("payload.amount > 100")(ctx({ payload: { amount: 250 } }))).toBe(true);
    expect(condition('content.matches("^[0-9]{1,2}$")')(ctx({ content: "12" }))).toBe(true);
    expect(condition('content.startsWith("Daftar") && size(content) < 30')(ctx({ content: "Daftar kartu kredit" }))).toBe(true);
    expect(condition('content in ["1", "satu"]')(ctx({ content: "satu" }))).toBe(true);
  });

  it("rejects what cannot be a condition", () => {
    for (const source of ["content ==", "content == 1", "unknownVar", "content", "1 + 1", "process.exit(1)", "this.constructor"]) {
      expect(compileCondition(source).ok, source).toBe(false);
    }
  });

  it("never evaluates JavaScript: a string that looks like code is just a string", () => {
    const probe = condition('content == "globalThis.process.exit(1)"');
    expect(probe(ctx({ content: "globalThis.process.exit(1)" }))).toBe(true);
    expect(compileCondition("content.constructor").ok).toBe(false);
  });

  it("a value expression returns JSON-safe values (integers as numbers)", () => {
    const value = compileValue('{"choice": content, "count": size(content), "list": [1, 2]}');
    if (!value.ok) throw new Error(value.message);
    expect(value.value(ctx({ content: "abc" }))).toEqual({ choice: "abc", count: 3, list: [1, 2] });
    const broken = compileValue("payload.missing");
    if (!broken.ok) throw new Error(broken.message);
    expect(broken.value(ctx())).toBeNull();
  });

  it("finds the intent names a condition compares with", () => {
    expect(referencedIntents('intent == "greetingsIntent" || intent == "toMenuIntent"')).toEqual(["greetingsIntent", "toMenuIntent"]);
    expect(referencedIntents("'a' == intent && intent != \"b\"")).toEqual(["b", "a"]);
    expect(referencedIntents('content == "1"')).toEqual([]);
  });
});
