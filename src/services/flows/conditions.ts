import { Environment, type ParseResult } from "@marcbachmann/cel-js";

/** What a flow condition can read. `intent` is "" when no intent matched. */
export type ConditionContext = {
  content: string;
  intent: string;
  payload: Record<string, unknown>;
  attributes: Record<string, string>;
  variables: Record<string, unknown>;
};

export type Condition = (ctx: ConditionContext) => boolean;
export type ValueExpression = (ctx: ConditionContext) => JsonValue;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type CompileResult<T> = { ok: true; value: T } | { ok: false; message: string };

let environment: Environment | undefined;

// Built on first use, not at import time; an Environment is the expensive part of cel-js.
function celEnvironment(): Environment {
  environment ??= new Environment({
    // Variables may hold mixed maps such as {"choice": content, "count": size(content)}.
    homogeneousAggregateLiterals: false,
    limits: { maxAstNodes: 1000, maxDepth: 50, maxListElements: 100, maxMapEntries: 100 },
  })
    .registerVariable("content", "string")
    .registerVariable("intent", "string")
    .registerVariable("payload", "map")
    .registerVariable("attributes", "map")
    .registerVariable("variables", "map");
  return environment;
}

function parseChecked(source: string): CompileResult<{ run: ParseResult; type: string }> {
  try {
    const run = celEnvironment().parse(source);
    const checked = run.check();
    if (!checked.valid) return { ok: false, message: errorText(checked.error) };
    return { ok: true, value: { run, type: checked.type ?? "dyn" } };
  } catch (error) {
    return { ok: false, message: errorText(error) };
  }
}

/**
 * Compiles a CEL condition once. At run time an evaluation error (a missing payload key such as
 * `payload.carousel` on a text message) counts as false, as a condition that does not hold.
 */
export function compileCondition(source: string): CompileResult<Condition> {
  const parsed = parseChecked(source);
  if (!parsed.ok) return parsed;
  const { run, type } = parsed.value;
  if (type !== "bool" && type !== "dyn") return { ok: false, message: `a condition must be true or false, this one is a ${type}` };
  return {
    ok: true,
    value: (ctx) => {
      try {
        return run(ctx) === true;
      } catch {
        return false;
      }
    },
  };
}

/** Compiles a CEL value (for setVariable); an evaluation error yields null. */
export function compileValue(source: string): CompileResult<ValueExpression> {
  const parsed = parseChecked(source);
  if (!parsed.ok) return parsed;
  const { run } = parsed.value;
  return {
    ok: true,
    value: (ctx) => {
      try {
        return toJson(run(ctx));
      } catch {
        return null;
      }
    },
  };
}

// Flow variables are stored as JSON: CEL integers come back as BigInt, maps as objects or Maps.
function toJson(value: unknown): JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), toJson(v)]));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return null;
}

function errorText(error: unknown): string {
  if (error && typeof error === "object" && "summary" in error && typeof error.summary === "string" && error.summary) {
    return error.summary;
  }
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.message;
  return "invalid expression";
}

/** String literals compared with `intent` (`intent == "x"` or `"x" == intent`), for typo warnings. */
export function referencedIntents(source: string): string[] {
  const names = new Set<string>();
  const quoted = String.raw`"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'`;
  const patterns = [new RegExp(String.raw`\bintent\s*[!=]=\s*(?:${quoted})`, "g"), new RegExp(String.raw`(?:${quoted})\s*[!=]=\s*intent\b`, "g")];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      const name = match[1] ?? match[2];
      if (name !== undefined) names.add(name);
    }
  }
  return [...names];
}
