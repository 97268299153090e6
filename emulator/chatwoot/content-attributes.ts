/**
 * Chatwoot app/models/concerns/content_attribute_validator.rb: the item keys each interactive
 * content type allows. Returns Rails' full error messages ("Content attributes ...").
 */
const allowedItemKeys: Record<string, readonly string[]> = {
  input_select: ["title", "value"],
  cards: ["title", "description", "media_url", "actions"],
  form: ["type", "placeholder", "label", "name", "options", "default", "required", "pattern", "title", "pattern_error"],
  article: ["title", "description", "link"],
};
const allowedActionKeys = ["text", "type", "payload", "uri"];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const blank = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);

export function validateContentAttributes(contentType: string, attributes: Record<string, unknown>): string[] {
  const allowed = allowedItemKeys[contentType];
  if (!allowed) return [];
  const items = attributes.items;
  // validate_items!: Ruby then calls `items.reject` on nil and fails; the request answers 422 either way.
  if (blank(items) || !Array.isArray(items)) return ["Content attributes At least one item is required."];
  const errors: string[] = [];
  if (items.some((item) => !isRecord(item))) errors.push("Content attributes Items should be a hash.");
  const records = items.filter(isRecord);
  const invalid = records.flatMap((item) => Object.keys(item)).filter((key) => !allowed.includes(key));
  if (invalid.length > 0) errors.push(`Content attributes contains invalid keys for items : ${rubyArray(invalid)}`);
  if (contentType === "cards") errors.push(...validateActions(records));
  return errors;
}

/** validate_item_actions!: every card needs actions, with known keys only. */
function validateActions(items: Record<string, unknown>[]): string[] {
  if (items.some((item) => blank(item.actions))) return ["Content attributes contains items missing actions"];
  const actions: unknown[] = items.flatMap((item): unknown[] => (Array.isArray(item.actions) ? (item.actions as unknown[]) : []));
  const keys = actions.flatMap((action) => (isRecord(action) ? Object.keys(action) : []));
  const invalid = keys.filter((key) => !allowedActionKeys.includes(key));
  return invalid.length > 0 ? [`Content attributes contains invalid keys for actions:  ${rubyArray(invalid)}`] : [];
}

/** `[:foo, :bar].to_s` as Ruby prints a list of symbols. */
const rubyArray = (keys: string[]) => `[${keys.map((k) => `:${k}`).join(", ")}]`;
