import { get, post } from "../api.js";
import { html, useState } from "../html.js";
import { t } from "../i18n.js";
import { go, href } from "../router.js";
import { Badge, Loading, PageHeader, Status, TextField, useAction, useLoad } from "../ui.js";

export const splitList = (text) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "+ Add Division Name", then its prompt: when the bot should hand over to it. */
function AddDivision({ bot, onAdded }) {
  const [form, setForm] = useState({ name: "", teamId: "", prompt: "", keywords: "" });
  const action = useAction();
  const errors = action.status?.error?.fields ?? {};
  const set = (key) => (value) => setForm({ ...form, [key]: value });
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      const body = { name: form.name, teamId: form.teamId === "" ? undefined : Number(form.teamId), prompt: form.prompt, keywords: splitList(form.keywords) };
      onAdded(await post(`/v1/bots/${bot.id}/divisions`, body));
    });
  };
  return html`
    <form class="card" onSubmit=${submit} aria-labelledby="add-division-title" novalidate>
      <h2 id="add-division-title">${t("Add Prompt")}</h2>
      <div class="grid-2">
        <${TextField} id="division-name" label=${t("Division")} value=${form.name} onInput=${set("name")} error=${errors.name} placeholder="Marketing" />
        <${TextField}
          id="division-team"
          label=${t("Inbox team id")}
          inputmode="numeric"
          value=${form.teamId}
          onInput=${set("teamId")}
          error=${errors.teamId}
          hint=${t("The team in the inbox that takes this division's conversations.")}
        />
      </div>
      <${TextField}
        id="division-prompt"
        label=${t("Prompt")}
        multiline
        rows="4"
        value=${form.prompt}
        onInput=${set("prompt")}
        error=${errors.prompt}
        placeholder="Alihkan ke agent jika user memiliki keluhan"
        hint=${t("When should the bot hand the conversation over to this division? Be detailed: the LLM decides from it.")}
      />
      <${TextField}
        id="division-keywords"
        label=${t("Keywords (comma-separated)")}
        value=${form.keywords}
        onInput=${set("keywords")}
        error=${Object.entries(errors).find(([p]) => p.startsWith("keywords"))?.[1]}
        hint=${t("Used when the LLM is off or fails.")}
      />
      <button type="submit" class="primary" disabled=${action.busy}>${t("Add Prompt")}</button>
      <${Status} status=${action.status} />
    </form>
  `;
}

function DivisionTable({ bot, divisions }) {
  return html`
    <div class="table-wrap">
      <table>
        <caption class="sr-only">
          ${t("Divisions")}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t("Division")}</th>
            <th scope="col">${t("Team")}</th>
            <th scope="col">${t("Prompt")}</th>
            <th scope="col">${t("Status")}</th>
            <th scope="col">${t("Action")}</th>
          </tr>
        </thead>
        <tbody>
          ${divisions.map(
            (d) =>
              html` <tr key=${d.id}>
                <th scope="row">${d.name}</th>
                <td>${d.teamId}</td>
                <td class="prompt-cell">${d.prompt}</td>
                <td>
                  ${d.active ? html`<${Badge} kind="ok">${t("Active")}</${Badge}>` : html`<${Badge}>${t("Inactive")}</${Badge}>`}
                  ${d.officeHours && html` <${Badge}>${t("Own office hours")}</${Badge}>`}
                </td>
                <td>
                  <a class="button" href=${href(bot.id, "divisions", d.id)} aria-label=${t("Edit prompt of {name}", { name: d.name })}>${t("Edit prompt")}</a>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  `;
}

export function DivisionsPage({ bot }) {
  const state = useLoad(() => get(`/v1/bots/${bot.id}/divisions`), [bot.id]);
  const [adding, setAdding] = useState(false);
  return html`
    <${PageHeader} title=${t("Divisions")}>
      <button type="button" class="primary" aria-expanded=${adding} onClick=${() => setAdding(!adding)}>${t("+ Add Division Name")}</button>
    </${PageHeader}>
    <p>${t("Each division is a human team. Its prompt tells the bot when to hand a conversation over to it.")}</p>
    ${adding && html`<${AddDivision} bot=${bot} onAdded=${(d) => go(href(bot.id, "divisions", d.id))} />`}
    <${Loading} state=${state}>${() =>
      state.data.items.length === 0 ? html`<p>${t("No division yet.")}</p>` : html`<${DivisionTable} bot=${bot} divisions=${state.data.items} />`}
    </${Loading}>
  `;
}
