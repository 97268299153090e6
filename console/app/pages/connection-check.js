import { post } from "../api.js";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { Badge, Loading, useLoad } from "../ui.js";

const names = {
  credentials: "Inbox credentials",
  agents: "Administrator token (agents)",
  inbox: "Inbox",
  webhook: "Webhook deliveries",
  signing: "Signature check",
  lastSend: "Last call to the inbox",
};
const kinds = { ok: "ok", warning: "warn", failed: "error", skipped: "neutral" };

/** Runs the read-only connection check against the inbox and lists each result. */
export function ConnectionCheck({ botId }) {
  const state = useLoad(() => post(`/v1/bots/${botId}/connection-check`), [botId]);
  return html`
    <section class="connection-check" aria-live="polite" aria-label=${t("Connection check")}>
      <${Loading} state=${state}>${() =>
        html` <p>
            <strong>${state.data.ok ? t("Connection: no problem found") : t("Connection: a check failed")}</strong>
            <button type="button" class="link" onClick=${state.reload}>${t("Check again")}</button>
          </p>
          <ul class="checks">
            ${state.data.checks.map(
              (c) => html`
            <li><${Badge} kind=${kinds[c.status]}>${t(c.status)}</${Badge}> <strong>${t(names[c.name])}</strong>: ${c.detail}</li>`,
            )}
          </ul>`}
      </${Loading}>
    </section>
  `;
}
