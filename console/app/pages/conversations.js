import { get } from "../api.js";
import { html, useState } from "../html.js";
import { fmtTime, t } from "../i18n.js";
import { href } from "../router.js";
import { Badge, Loading, PageHeader, useLoad } from "../ui.js";

function Trace({ bot, conversationId, divisions }) {
  const state = useLoad(() => get(`/v1/bots/${bot.id}/conversations/${conversationId}`), [conversationId]);
  const name = (id) => divisions.find((d) => d.id === id)?.name ?? id ?? "–";
  return html`
    <section class="card" aria-labelledby="trace-title">
      <h2 id="trace-title" tabindex="-1">${t("Conversation {id}", { id: conversationId })}</h2>
      <${Loading} state=${state}>${() =>
        html` <ol class="chat-log compact">
            ${state.data.history.map(
              (h) =>
                html`<li>
                  <p class=${`bubble ${h.role === "customer" ? "customer" : "bot"}`}><span class="sr-only">${h.role}: </span>${h.text}</p>
                </li>`,
            )}
          </ol>
          ${
            state.data.failedActions?.length > 0 &&
            html` <div class="failed-actions" role="alert">
              <h3>${t("Inbox calls that failed")}</h3>
              <ul>
                ${state.data.failedActions.map(
                  (f) => html`<li><${Badge} kind="error">${f.action}</${Badge}> ${f.error}${f.at ? ` (${fmtTime(f.at)})` : ""}</li>`,
                )}
              </ul>
            </div>`
          }
          <h3>${t("Decision trace")}</h3>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t("Time")}</th>
                  <th scope="col">${t("Customer message")}</th>
                  <th scope="col">${t("Route")}</th>
                  <th scope="col">${t("Division")}</th>
                  <th scope="col">${t("Confidence")}</th>
                  <th scope="col">${t("Source")}</th>
                  <th scope="col">${t("Reason")}</th>
                  <th scope="col">${t("Outcome")}</th>
                </tr>
              </thead>
              <tbody>
                ${[...state.data.decisions].reverse().map(
                  (d) =>
                    html` <tr key=${d.id}>
                      <td>${fmtTime(d.createdAt)}</td>
                      <td>${d.text}</td>
                      <td>${d.route}</td>
                      <td>${name(d.divisionId)}</td>
                      <td>${d.confidence.toFixed(2)}</td>
                      <td>${d.source}${d.model ? ` · ${d.latencyMs} ms` : ""}</td>
                      <td>${d.reason}</td>
                      <td>
                        ${d.outcome.handover ? `${t("handover")}: ${d.outcome.handover.availability}` : ""}${
                          d.outcome.misrouted ? html` <${Badge} kind="error">${t("re-routed by an agent")}</${Badge}>` : ""
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
      </${Loading}>
    </section>
  `;
}

export function ConversationsPage({ bot, item }) {
  const [pages, setPages] = useState([null]);
  const state = useLoad(async () => {
    const [divisions, ...lists] = await Promise.all([
      get(`/v1/bots/${bot.id}/divisions`),
      ...pages.map((before) => get(`/v1/bots/${bot.id}/conversations?limit=50${before ? `&before=${encodeURIComponent(before)}` : ""}`)),
    ]);
    return { divisions: divisions.items, conversations: lists.flatMap((l) => l.conversations), nextBefore: lists.at(-1)?.nextBefore ?? null };
  }, [bot.id, pages.length]);
  const name = (id) => state.data?.divisions.find((d) => d.id === id)?.name ?? id ?? "–";
  return html`
    <${PageHeader} title=${t("Conversations")}>
      <button type="button" onClick=${state.reload}>${t("Refresh")}</button>
    </${PageHeader}>
    ${item && state.data && html`<${Trace} bot=${bot} conversationId=${item} divisions=${state.data.divisions} />`}
    <${Loading} state=${state}>${() =>
      state.data.conversations.length === 0
        ? html`<p>${t("No conversation yet.")}</p>`
        : html` <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t("Conversation")}</th>
                    <th scope="col">${t("Last customer message")}</th>
                    <th scope="col">${t("Last decision")}</th>
                    <th scope="col">${t("Owner")}</th>
                    <th scope="col">${t("Updated")}</th>
                  </tr>
                </thead>
                <tbody>
                  ${state.data.conversations.map(
                    (c) =>
                      html` <tr key=${c.conversationId} aria-current=${String(c.conversationId) === item ? "true" : undefined}>
                        <th scope="row">
                          <a href=${href(bot.id, "conversations", String(c.conversationId))}>#${c.conversationId}</a>
                          ${c.contactName ? ` ${c.contactName}` : ""} ${c.simulated && html`<${Badge}>${t("test chat")}</${Badge}>`}
                        </th>
                        <td>${c.lastCustomerText ?? "–"}</td>
                        <td>
                          ${
                            c.lastDecision
                              ? c.lastDecision.route +
                                (c.lastDecision.divisionId ? ` → ${name(c.lastDecision.divisionId)}` : "") +
                                ` (${c.lastDecision.source})`
                              : "–"
                          }
                        </td>
                        <td>${c.owner === "human" ? t("human") : t("bot")}</td>
                        <td>${fmtTime(c.updatedAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            ${state.data.nextBefore && html`<button type="button" onClick=${() => setPages([...pages, state.data.nextBefore])}>${t("Load more")}</button>`}`}
    </${Loading}>
  `;
}
