import type { DeliveryBody } from "./webhook-corpus.js";

export type Random = () => number;

// Seeded (mulberry32), so a failing body can be made again from the seed and its index.
export { seededRandom } from "../../lib/seeded-random.js";

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

type Slot = { parent: Record<string | number, unknown>; key: string | number; value: unknown };

/** Every place in the body that holds a value (object fields and array items), depth first. */
function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      out.push({ parent: value as Record<string | number, unknown>, key: Array.isArray(value) ? Number(key) : key, value: child });
      slots(child, out);
    }
  }
  return out;
}

const ids = [0, -1, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53, 1e20, 1e308, "123", "12a", "", "0x10", true, null];
const strings = ["", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00y", "😀", "<script>", "\\u0000", "1".repeat(10_000), "null", "{}", "ü".repeat(300)];
const nest = (random: Random, depth: number, leaf: unknown): unknown =>
  depth === 0 ? leaf : random() < 0.5 ? [nest(random, depth - 1, leaf)] : { n: nest(random, depth - 1, leaf) };

const events = [
  "message_created",
  "message_updated",
  "conversation_updated",
  "conversation_status_changed",
  "conversation_opened",
  "conversation_resolved",
  "webwidget_triggered",
  "conversation_typing_on",
  "",
  "MESSAGE_CREATED",
];

/** The value a slot gets: nulled, retyped, huge, odd characters, deeply nested. */
function newValue(kind: number, slot: Slot, random: Random): unknown {
  const isId = typeof slot.key === "string" && (slot.key === "id" || slot.key.endsWith("_id"));
  switch (kind) {
    case 1:
      return null;
    case 2:
      return isId ? pick(random, ids) : typeof slot.value === "number" ? String(slot.value) : Math.floor(random() * 2 ** 33);
    case 3:
      return pick(random, [[], {}, [slot.value], { value: slot.value }, true, 0]);
    case 4:
      return pick(random, strings);
    case 5:
      return typeof slot.value === "string" ? `${slot.value}${pick(random, strings)}` : pick(random, ids);
    case 6:
      return nest(random, Math.floor(random() * 120), slot.value);
    default:
      return isId ? pick(random, ids) : pick(random, [Number.MAX_SAFE_INTEGER, -0, 1e-7, 3.14]);
  }
}

/** One structure-aware change at a random place: dropped, replaced, an odd key added, another event name. */
function mutateOnce(body: DeliveryBody, random: Random): void {
  const all = slots(body);
  if (all.length === 0) return;
  const slot = pick(random, all);
  const kind = Math.floor(random() * 10);
  if (kind === 0) {
    if (Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1);
    else Reflect.deleteProperty(slot.parent, slot.key);
  } else if (kind === 7) {
    if (!Array.isArray(slot.parent)) slot.parent[pick(random, ["odd\u0000key", "\ud83d", "extra", "__proto__"])] = pick(random, strings);
  } else if (kind === 9) {
    body.event = pick(random, events);
  } else {
    slot.parent[slot.key] = newValue(kind, slot, random);
  }
}

/**
 * A fuzzed delivery body from a real one: fresh ids (so most are new deliveries), then 1–4
 * mutations; sometimes the JSON text itself is cut short or damaged.
 */
export function fuzzedBody(base: DeliveryBody, random: Random, index: number): string {
  const body: DeliveryBody = structuredClone(base);
  if (typeof body.id === "number") body.id = 1_000_000 + index;
  if (body.conversation && typeof body.conversation === "object") (body.conversation as Record<string, unknown>).id = 1 + (index % 5000);
  const mutations = 1 + Math.floor(random() * 4);
  for (let i = 0; i < mutations; i++) mutateOnce(body, random);
  const text = JSON.stringify(body);
  const damage = random();
  if (damage < 0.05) return text.slice(0, Math.floor(random() * text.length));
  if (damage < 0.07) return text.replace(/"/, "'");
  return text;
}
