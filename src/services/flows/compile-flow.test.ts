import { describe, expect, it } from "vitest";
import { botExportSchema } from "../../domain/bot-export.js";
import { flowExportSchema, type FlowSource } from "../../domain/flow.js";
import { validateFlow } from "./compile-flow.js";
import { readExampleBot } from "../../../test/fixtures/flows.js";

const base = (): FlowSource => ({
  name: "Menu",
  intents: [
    { name: "hello", initial: true, classifiers: [{ type: "keywords", keywords: [{ keyword: "halo" }] }] },
    { name: "next", type: "command", condition: 'content == "next"' },
  ],
  states: [
    { name: "init", initial: true, transitions: [{ to: "menu", condition: 'intent == "hello"' }] },
    { name: "menu", actions: [{ type: "text", variants: ["Menu"] }], transitions: [{ to: "bye", condition: 'content == "2"' }] },
    { name: "bye", end: true, actions: [{ type: "text", variants: ["Bye"] }] },
  ],
});

/** The base flow with one change applied. */
const withChange = (change: (flow: FlowSource) => void): FlowSource => {
  const flow = base();
  change(flow);
  return flow;
};

const errorsOf = (raw: unknown, divisionIds?: string[]) => {
  const result = validateFlow(raw, "flow-1", divisionIds ? { divisionIds: new Set(divisionIds) } : {});
  return result.ok ? [] : result.errors;
};

describe("validateFlow errors, each with its path", () => {
  it("accepts the base flow without warnings", () => {
    const result = validateFlow(base(), "flow-1");
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  it("an unknown state target", () => {
    const flow = withChange((f) => {
      f.states[1]?.transitions?.push({ to: "nowhere", condition: 'content == "3"' });
    });
    expect(errorsOf(flow)).toEqual([{ path: "states.1.transitions.1.to", message: 'unknown state "nowhere"' }]);
  });

  it("no initial state, and two initial states", () => {
    const none = withChange((f) => {
      if (f.states[0]) f.states[0].initial = false;
    });
    expect(errorsOf(none)).toEqual([{ path: "states", message: "no initial state: mark exactly one state `initial`" }]);
    const two = withChange((f) => {
      if (f.states[2]) f.states[2].initial = true;
    });
    expect(errorsOf(two)).toEqual([{ path: "states.2.initial", message: "only one state may be initial" }]);
  });

  it("an invalid condition: syntax, unknown variable, type mismatch, not a boolean", () => {
    const cases: [string, RegExp][] = [
      ['content == "1" ||', /invalid condition: .*EOF/i],
      ['foo == "1"', /invalid condition: .*foo/],
      ["content == 1", /invalid condition: no such overload: string == int/],
      ["content", /a condition must be true or false, this one is a string/],
    ];
    for (const [condition, message] of cases) {
      const flow = withChange((f) => {
        const t = f.states[1]?.transitions?.[0];
        if (t) t.condition = condition;
      });
      const errors = errorsOf(flow);
      expect(errors, condition).toHaveLength(1);
      expect(errors[0]?.path).toBe("states.1.transitions.0.condition");
      expect(errors[0]?.message).toMatch(message);
    }
  });

  it("an invalid intent condition and an invalid setVariable expression", () => {
    const flow = withChange((f) => {
      if (f.intents?.[1]) f.intents[1].condition = "content ==";
      f.states[1]?.actions?.push({ type: "setVariable", variable: "x", value: "content +" });
    });
    expect(errorsOf(flow).map((e) => e.path)).toEqual(["intents.1.condition", "states.1.actions.1.value"]);
  });

  it("duplicate intent and state names", () => {
    const flow = withChange((f) => {
      f.intents?.push({ name: "hello", classifiers: [] });
      f.states.push({ name: "menu" });
    });
    expect(errorsOf(flow)).toEqual([
      { path: "intents.2.name", message: 'duplicate intent name "hello"' },
      { path: "states.3.name", message: 'duplicate state name "menu"' },
    ]);
  });

  it("a bad regular expression", () => {
    const flow = withChange((f) => {
      f.intents?.push({ name: "order", classifiers: [{ type: "regex", pattern: "order (\\d+" }] });
    });
    const errors = errorsOf(flow);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe("intents.2.classifiers.0.pattern");
    expect(errors[0]?.message).toMatch(/^invalid regular expression/);
  });

  it("more than one fallback intent", () => {
    const flow = withChange((f) => {
      f.intents?.push({ name: "fb1", fallback: true }, { name: "fb2", fallback: true });
    });
    expect(errorsOf(flow)).toEqual([{ path: "intents.3.fallback", message: "a flow has at most one fallback intent" }]);
  });

  it("a handover to an unknown division, when the divisions are known", () => {
    const flow = withChange((f) => {
      f.states[2]?.actions?.push({ type: "handover", divisionId: "cardz" }, { type: "handover", divisionId: null });
    });
    expect(errorsOf(flow, ["cards"])).toEqual([{ path: "states.2.actions.1.divisionId", message: 'unknown division "cardz"' }]);
    expect(errorsOf(flow)).toEqual([]);
  });

  it("schema errors carry the same dotted paths", () => {
    const flow = withChange((f) => {
      f.states[1]?.actions?.push({ type: "quickReply", text: "Pilih", items: [] });
      f.states[1]?.actions?.push({ type: "carousel", items: [{ title: "A", buttons: [{ type: "url", label: "x", url: "javascript:alert(1)" }] }] });
    });
    expect(errorsOf(flow).map((e) => e.path)).toEqual(["states.1.actions.1.items", "states.1.actions.2.items.0.buttons.0.url"]);
    expect(errorsOf({ name: "x", states: [] }).map((e) => e.path)).toEqual(["states"]);
    expect(errorsOf({ ...base(), intents: [{ name: "has space" }] }).map((e) => e.path)).toEqual(["intents.0.name"]);
  });
});

describe("validateFlow warnings", () => {
  it("reports unreachable states, dead ends, end states with transitions, unknown intent names", () => {
    const flow = withChange((f) => {
      f.states.push({ name: "orphan", actions: [{ type: "text", variants: ["?"] }] });
      const bye = f.states[2];
      if (bye) bye.transitions = [{ to: "menu" }];
      const t = f.states[0]?.transitions?.[0];
      if (t) t.condition = 'intent == "helo"';
    });
    const result = validateFlow(flow, "flow-1");
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { path: "states.2.transitions", message: "an end state's transitions are never taken: the flow ends after its actions" },
      { path: "states.3", message: 'state "orphan" is unreachable from the initial state' },
      { path: "states.3", message: 'state "orphan" has no way out: mark it `end` or add a transition' },
      { path: "states.0.transitions.0.condition", message: 'the condition names intent "helo", which this flow does not define' },
    ]);
  });

  it("warns when no intent can start the flow", () => {
    const flow = withChange((f) => {
      if (f.intents?.[0]) f.intents[0].initial = false;
    });
    expect(validateFlow(flow, "flow-1").warnings).toEqual([{ path: "intents", message: "no initial intent: the flow can only be entered by a bot handover" }]);
  });
});

describe("the example bots", () => {
  it.each(["bank-abc-simple.json", "bank-abc-instagram.json"])("%s is a bot export whose flows compile without errors or warnings", (file) => {
    const doc = readExampleBot(file);
    const bot = botExportSchema.parse(doc);
    expect(bot.settings.defaultDivisionId).toBe("complaints");
    const divisionIds = new Set(bot.divisions.map((d) => d.id));
    expect([...divisionIds]).toEqual(["complaints", "cards", "fraud", "accounts", "loans"]);
    expect(bot.divisions.map((d) => d.teamId)).toEqual([1, 2, 3, 4, 5]);
    const flows = (doc as { flows: unknown[] }).flows;
    expect(flows.length).toBeGreaterThan(0);
    for (const raw of flows) {
      const flow = flowExportSchema.parse(raw);
      const result = validateFlow(raw, flow.id, { divisionIds });
      expect(result).toMatchObject({ ok: true, warnings: [] });
    }
  });
});
