import { get, patch, post } from "../api.js";
import { html, useState } from "../html.js";
import { t } from "../i18n.js";
import { OfficeHoursEditor, scoped } from "../office-hours-editor.js";
import { OpenNow } from "../open-now.js";
import { href } from "../router.js";
import { Loading, PageHeader, SelectField, Status, TextField, Toggle, useAction, useLoad } from "../ui.js";
import { splitList } from "./divisions.js";
import { ImpactResult } from "./impact-preview.js";
import { PromptVersions } from "./prompt-versions.js";

// An example is a text or {text, intent}; the form edits texts, and a kept text keeps its intent.
const exampleText = (e) => (typeof e === "string" ? e : e.text);

const toForm = (d) => ({
  name: d.name,
  teamId: String(d.teamId),
  prompt: d.prompt,
  keywords: d.keywords.join(", "),
  examples: d.examples.map(exampleText).join("\n"),
  active: d.active,
  officeHours: d.officeHours,
  priority: d.priority ?? "",
  labels: d.labels.join(", "),
});

const toPatch = (form, division) => ({
  name: form.name,
  teamId: form.teamId.trim() === "" ? undefined : Number(form.teamId),
  prompt: form.prompt,
  keywords: splitList(form.keywords),
  examples: form.examples
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((text) => division.examples.find((e) => exampleText(e) === text) ?? text),
  active: form.active,
  officeHours: form.officeHours,
  priority: form.priority === "" ? null : form.priority,
  labels: splitList(form.labels),
});

const priorities = ["low", "medium", "high", "urgent"];

/** An eval error names the draft's field (`draft.divisions.0.prompt`); the form knows it as `prompt`. */
const fieldErrors = (error) => Object.fromEntries(Object.entries(error?.fields ?? {}).map(([p, m]) => [p.replace(/^draft\.divisions\.0\./, ""), m]));

const defaultHours = { timezone: "Asia/Jakarta", weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: "08:00", close: "17:00" })), holidays: [] };

function DivisionForm({ bot, division, divisions, onSaved }) {
  const [form, setForm] = useState(toForm(division));
  const [impact, setImpact] = useState(null);
  const action = useAction();
  const errors = fieldErrors(action.status?.error);
  const set = (key) => (value) => setForm({ ...form, [key]: value });
  /** What each text field repeats: its id, value and setter. */
  const bind = (key, id = key) => ({ id: `edit-division-${id}`, value: form[key], onInput: set(key) });
  /** A list's error is at its first bad item (`keywords.2`). */
  const listError = (key) => Object.entries(errors).find(([p]) => p.startsWith(key))?.[1];
  const draftKey = JSON.stringify(toPatch(form, division));
  const previewed = impact?.key === draftKey;

  const preview = () =>
    action.run(async () => {
      const result = await post(`/v1/bots/${bot.id}/evals`, {
        recentTurns: { limit: 200 },
        draft: { divisions: [{ id: division.id, ...toPatch(form, division) }] },
      });
      setImpact({ key: draftKey, result });
    });
  // Saving always comes after seeing the impact of exactly this draft.
  const save = (event) => {
    event.preventDefault();
    if (!previewed) {
      void preview();
      return;
    }
    void action.run(async () => {
      const saved = await patch(`/v1/bots/${bot.id}/divisions/${division.id}`, toPatch(form, division));
      setImpact(null);
      onSaved(saved);
    }, t("Saved."));
  };
  return html`
    <form onSubmit=${save} novalidate>
      <section class="card">
        <div class="grid-2">
          <${TextField} ...${bind("name")} label=${t("Division")} error=${errors.name} />
          <${TextField} ...${bind("teamId", "team")} label=${t("Inbox team id")} inputmode="numeric" error=${errors.teamId} />
        </div>
        <${TextField}
          ...${bind("prompt")}
          label=${t("Prompt")}
          multiline
          rows="6"
          error=${errors.prompt}
          hint=${t("When should the bot hand the conversation over to this division? Be detailed: the LLM decides from it.")}
        />
        <${TextField}
          ...${bind("keywords")}
          label=${t("Keywords (comma-separated)")}
          multiline
          rows="2"
          error=${listError("keywords")}
          hint=${t("Used when the LLM is off or fails.")}
        />
        <${TextField}
          ...${bind("examples")}
          label=${t("Example messages (one per line)")}
          multiline
          rows="4"
          error=${listError("examples")}
          hint=${t("Customer messages that belong to this division; the bot learns from them.")}
        />
        <${Toggle}
          id="edit-division-active"
          label=${t("Active")}
          checked=${form.active}
          onChange=${set("active")}
          hint=${t("An inactive division is never chosen.")}
        />
      </section>
      <section class="card grid-2">
        <${SelectField}
          id="edit-division-priority"
          label=${t("Priority in the inbox")}
          value=${form.priority}
          onChange=${set("priority")}
          error=${errors.priority}
          options=${[{ value: "", label: t("Leave as it is") }, ...priorities.map((p) => ({ value: p, label: p }))]}
          hint=${t("Set on the conversation when it is handed over to this division.")}
        />
        <${TextField}
          ...${bind("labels")}
          label=${t("Labels in the inbox (comma-separated)")}
          error=${listError("labels")}
          hint=${t("Added to the conversation's labels on handover; define them in Chatwoot (Settings → Labels).")}
        />
      </section>
      <section class="card">
        <${Toggle}
          id="edit-division-own-hours"
          label=${t("Own office hours")}
          checked=${form.officeHours !== null}
          onChange=${(on) => set("officeHours")(on ? defaultHours : null)}
          hint=${t("Off: the bot's office hours apply.")}
        />
        ${
          form.officeHours &&
          html` <${OpenNow} botId=${bot.id} officeHours=${form.officeHours} />
            <${OfficeHoursEditor} id="division-hours" value=${form.officeHours} onChange=${set("officeHours")} errors=${scoped(errors, "officeHours.")} />`
        }
      </section>
      ${impact && html`<${ImpactResult} result=${impact.result} divisions=${divisions} stale=${!previewed} />`}
      <div class="sticky-actions">
        <button type="button" onClick=${preview} disabled=${action.busy}>${t("Preview impact")}</button>
        <button type="submit" class="primary" disabled=${action.busy}>${t("Save Update")}</button>
        <span class="hint"
          >${previewed ? t("Impact previewed: Save Update saves this prompt.") : t("Save Update first shows the turns that would change.")}</span
        >
        <${Status} status=${action.status} />
      </div>
    </form>
  `;
}

export function DivisionEditPage({ bot, divisionId }) {
  const state = useLoad(async () => {
    const [division, list] = await Promise.all([get(`/v1/bots/${bot.id}/divisions/${divisionId}`), get(`/v1/bots/${bot.id}/divisions`)]);
    return { division, divisions: list.items };
  }, [bot.id, divisionId]);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState(null);
  const reload = (saved) => {
    setVersion(version + 1);
    setNotice(saved ? { message: t("Saved: prompt version {n}.", { n: saved.promptVersion }) } : null);
    state.reload();
  };
  return html`
    <${PageHeader} title=${state.data ? t("Edit prompt: {name}", { name: state.data.division.name }) : t("Edit prompt")}>
      <a href=${href(bot.id, "divisions")}>${t("All divisions")}</a>
    </${PageHeader}>
    <${Status} status=${notice} />
    <${Loading} state=${state}>${() =>
      html` <${DivisionForm}
          key=${`${state.data.division.promptVersion}-${version}`}
          bot=${bot}
          division=${state.data.division}
          divisions=${state.data.divisions}
          onSaved=${reload}
        />
        <${PromptVersions} bot=${bot} division=${state.data.division} onRestored=${reload} />`}
    </${Loading}>
  `;
}
