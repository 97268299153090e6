import { z } from "zod";

// Kata-style keyword flows as data (src/services/flows/README.md). The shape follows Kata Platform's flow designer:
// intents classify an input, states run actions, transitions move between states on a CEL condition.
// Semantic checks (unknown targets, duplicate names, conditions that do not compile) live in
// services/flows/compile-flow.ts, because they need the CEL library.

/** Intent and state names are referenced from CEL strings and admin paths, so keep them plain. */
const nameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "use letters, digits, _ . - (no spaces)");

/** A CEL expression over {content, intent, payload, attributes, variables}. */
export const celSourceSchema = z.string().trim().min(1).max(2000);

const text = z.string().trim().min(1).max(4000);
const label = z.string().trim().min(1).max(100);

/** text = a customer's typed message; data = one carrying a payload (postback, quick-reply value,
 * Instagram story mention/reply); command = a command action fed back by the flow itself. */
export const intentTypeSchema = z.enum(["text", "data", "command"]);

export const keywordEntrySchema = z.object({
  keyword: label.describe("The main keyword; it is the attribute value when any of its words match"),
  synonyms: z.array(label).max(200).default([]),
});

export const keywordClassifierSchema = z.object({
  type: z.literal("keywords"),
  /** Attribute name the matched main keyword is stored under (Kata's NLU name); defaults to the intent name. */
  name: nameSchema.optional(),
  keywords: z.array(keywordEntrySchema).min(1).max(200),
  /** Longer messages are not classified, so "kartu saya diblokir tadi malam" is no greeting. */
  maxWords: z.number().int().positive().max(100).optional(),
});

export const regexClassifierSchema = z.object({
  type: z.literal("regex"),
  /** Attribute name the whole match is stored under; named groups are stored under their own names. */
  name: nameSchema.optional(),
  pattern: z.string().min(1).max(500),
  // No g/y: a stateful lastIndex would make matching depend on the previous input.
  flags: z
    .string()
    .regex(/^[imsu]*$/, "flags may only be i, m, s, u")
    .default("i"),
});

export const classifierSchema = z.discriminatedUnion("type", [keywordClassifierSchema, regexClassifierSchema]);

export const intentSchema = z.object({
  name: nameSchema,
  /** Which inputs the intent may catch; a list accepts several (e.g. an ice breaker as text or postback). */
  type: z.union([intentTypeSchema, z.array(intentTypeSchema).min(1).max(3)]).default("text"),
  /** Any one classifier matching is enough; none means every input of the type matches. */
  classifiers: z.array(classifierSchema).max(20).default([]),
  /** Must also hold (CEL), e.g. `content == "next"` or `payload.type == "story_mention"`. */
  condition: celSourceSchema.optional(),
  /** May start the flow when it is not active (Kata "As Initial"). */
  initial: z.boolean().default(false),
  /** Matches when nothing else in the active flow does (Kata "As Fallback"). */
  fallback: z.boolean().default(false),
  /** Higher wins when several intents match; ties go to the earlier intent. */
  priority: z.number().int().min(-1000).max(1000).default(0),
});

const postbackButtonSchema = z.object({
  type: z.literal("postback"),
  label,
  /** Key/value payload, e.g. {carousel: "b1g1"}; conditions read it as `payload.carousel`. */
  payload: z.record(z.string().min(1).max(100), z.string().max(500)),
});

const urlButtonSchema = z.object({
  type: z.literal("url"),
  label,
  url: z.url({ protocol: /^https?$/ }),
});

export const carouselItemSchema = z.object({
  title: label,
  text: z.string().trim().max(1000).default(""),
  imageUrl: z.url({ protocol: /^https?$/ }).optional(),
  buttons: z
    .array(z.discriminatedUnion("type", [postbackButtonSchema, urlButtonSchema]))
    .max(3)
    .default([]),
});

const actionName = { name: z.string().trim().min(1).max(100).optional() };
const variableValue = z.union([z.string().max(2000), z.number(), z.boolean()]);

export const actionSchema = z.discriminatedUnion("type", [
  /** One of the variants is sent, picked deterministically per conversation turn. */
  z.object({ type: z.literal("text"), ...actionName, variants: z.array(text).min(1).max(20) }),
  z.object({
    type: z.literal("quickReply"),
    ...actionName,
    text,
    /** `value` defaults to the title, which is what Kata sends back when a quick reply is tapped. */
    items: z
      .array(z.object({ title: label, value: z.string().trim().min(1).max(200).optional() }))
      .min(1)
      .max(13),
  }),
  z.object({
    type: z.literal("carousel"),
    ...actionName,
    /** Shown above the cards where the channel supports cards, and above the numbered list otherwise. */
    text: text.optional(),
    items: z.array(carouselItemSchema).min(1).max(10),
  }),
  /** Fed back as a `command` input in the same turn (Kata "Command"). */
  z.object({ type: z.literal("command"), ...actionName, command: label }),
  /** Hand the conversation to a human division; null is the bot's default division. */
  z.object({ type: z.literal("handover"), ...actionName, divisionId: z.string().trim().min(1).max(100).nullable().default(null) }),
  /** Move the conversation to another bot of the same inbox, optionally into one of its flows. */
  z.object({
    type: z.literal("botHandover"),
    ...actionName,
    botId: z.string().trim().min(1).max(100),
    flowId: z.string().trim().min(1).max(100).optional(),
    variables: z.record(z.string().min(1).max(100), variableValue).default({}),
  }),
  /** Stores a CEL value (e.g. `content`) in the conversation's flow variables. */
  z.object({ type: z.literal("setVariable"), ...actionName, variable: nameSchema, value: celSourceSchema }),
]);

export const transitionSchema = z.object({
  to: nameSchema,
  /** CEL; without one the transition is taken on any input. */
  condition: celSourceSchema.optional(),
});

export const stateSchema = z.object({
  name: nameSchema,
  initial: z.boolean().default(false),
  /** The flow ends after this state's actions. */
  end: z.boolean().default(false),
  /** Repeat this state's actions when an input matches no transition (an invalid menu answer). */
  selfTransition: z.boolean().default(false),
  actions: z.array(actionSchema).max(50).default([]),
  transitions: z.array(transitionSchema).max(100).default([]),
});

export const flowSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** For the LLM and for admins: when this flow should start. */
  description: z.string().trim().max(2000).default(""),
  active: z.boolean().default(true),
  intents: z.array(intentSchema).max(200).default([]),
  states: z.array(stateSchema).min(1).max(500),
});

/** A flow inside a bot export: `id` is a key like division ids, rewritten on import. */
export const flowExportSchema = flowSchema.extend({ id: z.string().trim().min(1).max(100) });

export type IntentType = z.infer<typeof intentTypeSchema>;
export type Classifier = z.infer<typeof classifierSchema>;
export type Intent = z.infer<typeof intentSchema>;
export type FlowAction = z.infer<typeof actionSchema>;
export type StateSpec = z.infer<typeof stateSchema>;
export type Flow = z.infer<typeof flowSchema>;
/** A flow as an admin writes it (defaults not yet applied). */
export type FlowSource = z.input<typeof flowSchema>;

/** The flow with every handover's division rewritten (an import maps export keys to new ids). */
export function mapFlowDivisionIds<T extends Pick<Flow, "states">>(flow: T, map: (divisionId: string) => string): T {
  return {
    ...flow,
    states: flow.states.map((state) => ({
      ...state,
      actions: state.actions.map((action) =>
        action.type === "handover" && action.divisionId !== null ? { ...action, divisionId: map(action.divisionId) } : action,
      ),
    })),
  };
}
