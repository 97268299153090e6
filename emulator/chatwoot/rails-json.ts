/**
 * `payload.to_json` as Rails writes it: UTF-8, with `<`, `>`, `&` and the JavaScript line
 * separators escaped (ActiveSupport::JSON::Encoding, escape_html_entities_in_json).
 */
export function railsJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
