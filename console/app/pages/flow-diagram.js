import { html } from "../html.js";
import { t } from "../i18n.js";

const actionSummary = (a) =>
  ({
    text: () => `${t("text")}: ${a.variants[0]}`,
    quickReply: () => `${t("quick replies")}: ${a.items.map((i) => i.title).join(" · ")}`,
    carousel: () => `${t("carousel")}: ${a.items.map((i) => i.title).join(" · ")}`,
    command: () => `${t("command")}: ${a.command}`,
    handover: () => `${t("handover")} → ${a.divisionId ?? t("default division")}`,
    botHandover: () => `${t("bot handover")} → ${a.botId}`,
    setVariable: () => `${a.variable} = ${a.value}`,
  })[a.type]?.() ?? a.type;

/** The flow as states and transitions: each state's actions and where each transition leads. */
export function FlowDiagram({ flow }) {
  return html`
    <ol class="states" aria-label=${t("States")}>
      ${flow.states.map(
        (s) =>
          html` <li class="state-card" id=${`state-${s.name}`}>
            <h4>
              ${s.name} ${s.initial && html`<span class="badge badge-ok">${t("initial")}</span>`} ${s.end && html`<span class="badge">${t("end")}</span>`}
            </h4>
            ${
              (s.actions ?? []).length > 0 &&
              html`<ul class="state-actions">
                ${s.actions.map((a) => html`<li>${actionSummary(a)}</li>`)}
              </ul>`
            }
            ${
              (s.transitions ?? []).length > 0 &&
              html` <ul class="transitions" aria-label=${t("Transitions")}>
                ${s.transitions.map(
                  (tr) =>
                    html`<li>
                      →
                      <a
                        href=${`#state-${tr.to}`}
                        onClick=${(e) => {
                          e.preventDefault();
                          document.getElementById(`state-${tr.to}`)?.scrollIntoView({ block: "center" });
                        }}
                        >${tr.to}</a
                      >
                      ${
                        tr.condition
                          ? html` <span class="hint">${t("when")}</span> <code>${tr.condition}</code>`
                          : html` <span class="hint">${t("on any input")}</span>`
                      }
                    </li>`,
                )}
              </ul>`
            }
          </li>`,
      )}
    </ol>
  `;
}
