import { html } from "../html.js";
import { t } from "../i18n.js";
import { Badge } from "../ui.js";

const changeKinds = { fixed: "ok", broken: "error", changed: "warn" };

/** A decision label as a person reads it: a division's name, or what the bot did. */
export function labelName(label, divisions) {
  const names = { bot: t("bot answers"), clarify: t("clarifying question"), handover: t("handover (no division)") };
  return divisions.find((d) => d.id === label)?.name ?? names[label] ?? label;
}

/** The impact preview's answer: the turns whose decision the draft would change. */
export function ImpactResult({ result, divisions, stale }) {
  if (result.n === 0) {
    return html`<div class="card impact" role="status">
      <h2>${t("Turns that would change")}</h2>
      <p>${t("No logged turns to replay yet. Chat with the bot in the Test chat (or let customers write), then preview again.")}</p>
    </div>`;
  }
  return html`
    <section class="card impact" aria-labelledby="impact-title">
      <h2 id="impact-title">${t("Turns that would change")}: ${result.changed.length}</h2>
      <p role="status">
        ${t("{changed} of the last {n} turns would be decided differently.", { changed: result.changed.length, n: result.n })}
        ${stale && html` <strong>${t("The form changed since: preview again.")}</strong>`}
      </p>
      ${result.draftChanges.length > 0 && html`<p class="hint">${t("The draft changes")}: ${result.draftChanges.join("; ")}</p>`}
      ${result.warnings.map((w) => html`<p class="hint">⚠ ${w}</p>`)}
      ${
        result.changed.length > 0 &&
        html` <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">${t("Customer message")}</th>
                <th scope="col">${t("Now")}</th>
                <th scope="col">${t("With this draft")}</th>
                <th scope="col">${t("Change")}</th>
              </tr>
            </thead>
            <tbody>
              ${result.changed.map(
                (c) => html`
                <tr key=${c.id}>
                  <td>${c.text}</td>
                  <td>${labelName(c.live, divisions)}</td>
                  <td>${labelName(c.draft, divisions)}</td>
                  <td><${Badge} kind=${changeKinds[c.change]}>${t(c.change)}</${Badge}></td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`
      }
    </section>
  `;
}
