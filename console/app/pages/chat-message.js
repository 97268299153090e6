import { html } from "../html.js";
import { t } from "../i18n.js";

/** A bot message as the customer would see it: text, quick replies and carousels, clickable. */
export function BotMessage({ message, onChoose, disabled }) {
  const attrs = message.content_attributes ?? {};
  if (message.content_type === "input_select") {
    return html` <div class="bubble bot">
      <p>${message.content}</p>
      <div class="quick-replies" role="group" aria-label=${t("Quick replies")}>
        ${(attrs.items ?? []).map(
          (item) =>
            html` <button type="button" disabled=${disabled} onClick=${() => onChoose({ text: item.title, payload: item.value })}>${item.title}</button>`,
        )}
      </div>
    </div>`;
  }
  if (message.content_type === "cards") {
    return html` <div class="bubble bot wide">
      ${message.content && html`<p>${message.content}</p>`}
      <ul class="carousel" aria-label=${t("Carousel")}>
        ${(attrs.items ?? []).map(
          (card) =>
            html` <li class="carousel-card">
              ${
                card.media_url &&
                html`<img
                  src=${card.media_url}
                  alt=""
                  loading="lazy"
                  referrerpolicy="no-referrer"
                  onError=${(e) => {
                    e.currentTarget.hidden = true;
                  }}
                />`
              }
              <strong>${card.title}</strong>
              ${card.description && html`<p>${card.description}</p>`}
              ${(card.actions ?? []).map((a) =>
                a.type === "link"
                  ? html`<a href=${a.uri} target="_blank" rel="noopener noreferrer">${a.text}</a>`
                  : html`<button type="button" disabled=${disabled} onClick=${() => onChoose({ text: a.text, payload: a.payload })}>${a.text}</button>`,
              )}
            </li>`,
        )}
      </ul>
    </div>`;
  }
  return html`<p class="bubble bot">${message.content}</p>`;
}

const actionTexts = {
  message: (a) => `${a.message.private ? t("private note") : t("message")}: ${a.message.content}`,
  assign_team: (a) => t("assign to team {id}", { id: a.teamId }),
  toggle_status: (a) => t("set status: {status}", { status: a.status }),
  custom_attributes: (a) =>
    t("custom attributes: {attributes}", {
      attributes: Object.entries(a.attributes)
        .map(([k, v]) => `${k} = ${v}`)
        .join(", "),
    }),
  priority: (a) => t("priority: {priority}", { priority: a.priority }),
  labels: (a) => t("add labels: {labels}", { labels: a.labels.join(", ") }),
  typing: () => t("typing indicator off"),
};
const actionText = (a) => (actionTexts[a.action] ?? ((x) => x.action))(a);

/** Why the bot did what it did, and every inbox call it would make. */
export function DecisionCard({ decision, actions, divisions, open }) {
  const division = divisions.find((d) => d.id === decision.divisionId)?.name ?? decision.divisionId;
  const handover = decision.outcome?.handover;
  return html`
    <details class="decision" open=${open}>
      <summary>
        ${t("Decision")}: <strong>${decision.route}</strong>${division ? ` → ${division}` : ""} · ${decision.source} · ${decision.confidence.toFixed(2)}
      </summary>
      <dl class="facts">
        <dt>${t("Route")}</dt>
        <dd>${decision.route}</dd>
        <dt>${t("Division")}</dt>
        <dd>${division ?? "–"}</dd>
        <dt>${t("Confidence")}</dt>
        <dd>${decision.confidence.toFixed(2)}</dd>
        <dt>${t("Source")}</dt>
        <dd>${decision.source}${decision.model ? ` (${decision.model}, ${decision.latencyMs} ms)` : ""}</dd>
        <dt>${t("Reason")}</dt>
        <dd>${decision.reason}</dd>
        ${
          handover &&
          html`<dt>${t("Availability")}</dt>
            <dd>${handover.availability}</dd>`
        }
      </dl>
      <p><strong>${t("Would be sent to the inbox")}</strong></p>
      <ol class="actions">
        ${actions.map((a) => html`<li>${actionText(a)}</li>`)}
      </ol>
    </details>
  `;
}
