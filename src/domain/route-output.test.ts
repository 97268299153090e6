import { describe, expect, it } from "vitest";
import { routeOutputJsonSchema, routeOutputSchema } from "./route-output.js";

type Node = Record<string, unknown>;
const divisions = ["div_cards", "div_complaints"];
const flows = ["flow_menu"];

// The keywords OpenAI's strict mode and Anthropic's tool schemas both accept.
const accepted = new Set(["type", "properties", "required", "additionalProperties", "items", "enum", "description"]);

function objectsOf(node: unknown): Node[] {
  if (Array.isArray(node)) return node.flatMap(objectsOf);
  if (typeof node !== "object" || node === null) return [];
  const n = node as Node;
  const below = Object.entries(n).flatMap(([key, value]) => (key === "enum" ? [] : objectsOf(key === "properties" ? Object.values(value as Node) : value)));
  return [n, ...below];
}

describe("routeOutputJsonSchema", () => {
  const schema = routeOutputJsonSchema(divisions, flows);
  const properties = schema.properties as Record<string, Node>;

  it("has exactly the zod schema's fields, every one required, no others allowed", () => {
    const fields = Object.keys(routeOutputSchema.shape);
    expect(Object.keys(properties).sort()).toEqual([...fields].sort());
    expect([...(schema.required as string[])].sort()).toEqual([...fields].sort());
    for (const object of objectsOf(schema).filter((n) => n.type === "object")) {
      expect(object.additionalProperties).toBe(false);
      expect([...(object.required as string[])].sort()).toEqual(Object.keys(object.properties as Node).sort());
    }
  });

  it("uses only keywords strict mode accepts", () => {
    const used = new Set(objectsOf(schema).flatMap((n) => Object.keys(n)));
    expect([...used].filter((k) => !accepted.has(k))).toEqual([]);
  });

  it("takes the actions from the zod enum and narrows ids to the bot's", () => {
    expect(properties.action).toEqual({ type: "string", enum: routeOutputSchema.shape.action.options });
    expect(properties.division_id).toEqual({ type: ["string", "null"], enum: [...divisions, null] });
    expect(properties.flow_id).toEqual({ type: ["string", "null"], enum: [...flows, null] });
    expect(((properties.alternatives as Node).items as { properties: Node }).properties.division_id).toEqual({ type: "string", enum: divisions });
    expect(properties.reply?.type).toEqual(["string", "null"]);
  });

  it("is built once per set of ids, and again when they change", () => {
    expect(routeOutputJsonSchema([...divisions], [...flows])).toBe(schema);
    const edited = routeOutputJsonSchema([...divisions, "div_loans"], flows);
    expect(edited).not.toBe(schema);
    expect(((edited.properties as Record<string, Node>).division_id as Node).enum).toEqual([...divisions, "div_loans", null]);
  });

  it("allows only null where the bot has no ids", () => {
    const none = routeOutputJsonSchema([], []).properties as Record<string, Node>;
    expect(none.division_id).toEqual({ type: "null" });
    expect(none.flow_id).toEqual({ type: "null" });
  });

  it("describes answers the zod schema then accepts", () => {
    const answer = {
      action: "handover",
      division_id: "div_cards",
      flow_id: null,
      confidence: 0.8,
      alternatives: [{ division_id: "div_complaints", confidence: 0.1 }],
      reason: "card lost",
      reply: null,
    };
    expect(routeOutputSchema.safeParse(answer).success).toBe(true);
    expect(routeOutputSchema.safeParse({ ...answer, extra: 1 }).success).toBe(false);
  });
});
