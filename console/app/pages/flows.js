import { get, post, put } from "../api.js";
import { html, useRef, useState } from "../html.js";
import { fmtTime, t } from "../i18n.js";
import { prettyWithLines, selectLine } from "../json-lines.js";
import { href } from "../router.js";
import { Badge, Loading, PageHeader, Status, useAction, useLoad } from "../ui.js";
import { FlowDiagram } from "./flow-diagram.js";

/** The flow's JSON, validated by the service; each error is listed with its path and jumps to its line. */
function FlowEditor({ bot, flow, onSaved }) {
  const [text, setText] = useState(() => prettyWithLines(flow.flow).text);
  const [problems, setProblems] = useState([]);
  const action = useAction();
  const area = useRef(null);
  const save = (event) => {
    event.preventDefault();
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      setProblems([{ path: "", message: t("Not valid JSON: {detail}", { detail: e.message }), line: 1 }]);
      return;
    }
    const pretty = prettyWithLines(doc);
    void action.run(async () => {
      setProblems([]);
      try {
        onSaved(await put(`/v1/bots/${bot.id}/flows/${flow.id}`, doc));
      } catch (error) {
        setText(pretty.text);
        setProblems((error.problem?.errors ?? []).map((p) => ({ ...p, line: pretty.lineOf(p.path) })));
        throw error;
      }
    }, t("Saved."));
  };
  return html`
    <form onSubmit=${save} class="card" aria-labelledby="flow-json-title" novalidate>
      <h3 id="flow-json-title">${t("Edit JSON")}</h3>
      <label for="flow-json" class="sr-only">${t("Flow JSON")}</label>
      <textarea
        id="flow-json"
        ref=${area}
        class="code"
        rows="24"
        spellcheck="false"
        value=${text}
        aria-invalid=${problems.length > 0 ? "true" : undefined}
        aria-describedby=${problems.length ? "flow-json-errors" : undefined}
        onInput=${(e) => setText(e.currentTarget.value)}
      ></textarea>
      ${
        problems.length > 0 &&
        html` <ul id="flow-json-errors" class="field-error problems" role="alert">
          ${problems.map(
            (p) =>
              html`<li>
                <button type="button" class="link" onClick=${() => area.current && selectLine(area.current, p.line)}>
                  ${t("line {n}", { n: p.line })}${p.path ? html` · <code>${p.path}</code>` : ""}</button
                >: ${p.message}
              </li>`,
          )}
        </ul>`
      }
      <button type="submit" class="primary" disabled=${action.busy}>${t("Save Changes")}</button>
      <${Status} status=${action.status} />
    </form>
  `;
}

function FlowVersions({ bot, flow, onRestored }) {
  const state = useLoad(() => get(`/v1/bots/${bot.id}/flows/${flow.id}/versions`), [flow.id, flow.version]);
  const action = useAction();
  return html`
    <section class="card" aria-labelledby="flow-versions-title">
      <h3 id="flow-versions-title">${t("Versions")}</h3>
      <${Loading} state=${state}>${() =>
        html` <ol class="versions" reversed>
          ${state.data.map(
            (v) =>
              html`<li key=${v.version}>
                ${t("Version {n}", { n: v.version })} <span class="hint">${fmtTime(v.createdAt)}</span> ${
                  v.current
                    ? html` <${Badge} kind="ok">${t("current")}</${Badge}>`
                    : html` <button
                        type="button"
                        class="link"
                        onClick=${() =>
                          action.run(
                            async () => onRestored(await post(`/v1/bots/${bot.id}/flows/${flow.id}/versions/${v.version}/restore`)),
                            t("Version {n} restored.", { n: v.version }),
                          )}
                      >
                        ${t("Restore version {n}", { n: v.version })}
                      </button>`
                }
              </li>`,
          )}
        </ol>`}
      </${Loading}>
      <${Status} status=${action.status} />
    </section>
  `;
}

function FlowDetail({ bot, flowId }) {
  const state = useLoad(() => get(`/v1/bots/${bot.id}/flows/${flowId}`), [flowId]);
  return html`<${Loading} state=${state}>${() => {
    const flow = state.data;
    return html` <section class="card" aria-labelledby="flow-title">
        <h2 id="flow-title">${flow.flow.name} <span class="hint">${flow.id} · ${t("version {n}", { n: flow.version })}</span></h2>
        <p>${flow.flow.description}</p>
        ${flow.warnings.map((w) => html`<p class="hint">⚠ <code>${w.path}</code> ${w.message}</p>`)}
        <${FlowDiagram} flow=${flow.flow} />
      </section>
      <div class="grid-2 wide-left">
        <${FlowEditor} key=${flow.version} bot=${bot} flow=${flow} onSaved=${state.reload} />
        <${FlowVersions} bot=${bot} flow=${flow} onRestored=${state.reload} />
      </div>`;
  }}</${Loading}>`;
}

export function FlowsPage({ bot, item }) {
  const state = useLoad(() => get(`/v1/bots/${bot.id}/flows`), [bot.id]);
  return html`
    <${PageHeader} title=${t("Flows")} />
    <p>${t("Keyword flows answer menus, quick replies and postbacks without the LLM.")}</p>
    <${Loading} state=${state}>${() =>
      state.data.length === 0
        ? html`<p>${t("No flow yet. Import a Bank ABC example to see some.")}</p>`
        : html` <ul class="flow-list">
            ${state.data.map(
              (f) =>
                html`<li>
                  <a href=${href(bot.id, "flows", f.id)} aria-current=${f.id === item ? "page" : undefined}>${f.flow.name}</a>
                  ${!f.flow.active && html` <${Badge}>${t("Inactive")}</${Badge}>`} <span class="hint">${t("{n} states", { n: f.flow.states.length })}</span>
                </li>`,
            )}
          </ul>`}
    </${Loading}>
    ${item && html`<${FlowDetail} key=${item} bot=${bot} flowId=${item} />`}
  `;
}
