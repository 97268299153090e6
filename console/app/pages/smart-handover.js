import { get, post, put } from "../api.js";
import { html, useState } from "../html.js";
import { t } from "../i18n.js";
import { href } from "../router.js";
import { Loading, PageHeader, SelectField, Status, TextField, Toggle, useAction, useLoad } from "../ui.js";

const messageKinds = [
  { key: "handover", title: "Handover message", when: "Sent when the bot hands the conversation to a division whose agents are online." },
  { key: "allAgentsOffline", title: "All agents offline message", when: "Sent when the division is in office hours but none of its agents is online." },
  { key: "outsideOfficeHours", title: "Outside office hours message", when: "Sent when the division is outside its office hours." },
];

/** As the service renders a message (src/services/turn/effects/render-template.ts). */
export const renderMessage = (text, values) => text.replace(/\{\{\s*(division|nextOpening)\s*\}\}/g, (_, name) => values[name] ?? "");

function MessageCard({ kind, setting, onChange, errors, sample }) {
  const id = `message-${kind.key}`;
  return html`
    <fieldset class="card message-card">
      <legend>${t(kind.title)}</legend>
      <p class="hint">${t(kind.when)}</p>
      <${Toggle}
        id=${`${id}-enabled`}
        label=${t("Send the {title}", { title: t(kind.title).toLowerCase() })}
        checked=${setting.enabled}
        onChange=${(enabled) => onChange({ ...setting, enabled })}
      />
      <${TextField}
        id=${`${id}-text`}
        label=${t("Message Answer")}
        multiline
        rows="3"
        value=${setting.text}
        onInput=${(text) => onChange({ ...setting, text })}
        error=${errors[`messages.${kind.key}.text`]}
      />
      <div class="preview" aria-label=${t("Preview")}>
        <span class="preview-label">${t("Preview")}</span>
        <p class="bubble bot">${renderMessage(setting.text, sample)}</p>
      </div>
    </fieldset>
  `;
}

function SettingsForm({ bot, settings, divisions, opening }) {
  const [form, setForm] = useState(settings);
  const [sampleDivision, setSampleDivision] = useState(divisions[0]?.name ?? "Cards");
  const action = useAction();
  const errors = action.status?.error?.fields ?? {};
  const sample = { division: sampleDivision, nextOpening: opening ?? t("besok (Senin, 19 Januari 2026) pukul 08.00 WIB") };
  const save = (event) => {
    event.preventDefault();
    void action.run(async () => setForm(await put(`/v1/bots/${bot.id}/settings`, form)), t("Saved."));
  };
  const divisionOptions = [{ value: "", label: t("None: ask which team") }, ...divisions.map((d) => ({ value: d.id, label: d.name }))];
  return html`
    <form onSubmit=${save} novalidate>
      <section class="card">
        <${Toggle}
          id="smart-handover-enabled"
          label=${t("Activate Smart Handover Agent")}
          checked=${form.smartHandover.enabled}
          onChange=${(enabled) => setForm({ ...form, smartHandover: { enabled } })}
          hint=${t("On: the LLM reads each division's prompt to decide the handover. Off: keywords and examples only.")}
        />
      </section>
      <section class="card placeholders" aria-labelledby="placeholders-title">
        <h2 id="placeholders-title">${t("Placeholders in messages")}</h2>
        <dl>
          <dt><code>{{division}}</code></dt>
          <dd>${t("the name of the division the conversation goes to")}</dd>
          <dt><code>{{nextOpening}}</code></dt>
          <dd>${t("when the division opens again, in Indonesian, e.g. “{example}”", { example: sample.nextOpening })}</dd>
        </dl>
        <${SelectField}
          id="sample-division"
          label=${t("Preview with division")}
          value=${sampleDivision}
          onChange=${setSampleDivision}
          options=${(divisions.length ? divisions : [{ name: "Cards" }]).map((d) => ({ value: d.name, label: d.name }))}
        />
      </section>
      ${messageKinds.map(
        (kind) =>
          html` <${MessageCard}
            key=${kind.key}
            kind=${kind}
            setting=${form.messages[kind.key]}
            errors=${errors}
            sample=${sample}
            onChange=${(value) => setForm({ ...form, messages: { ...form.messages, [kind.key]: value } })}
          />`,
      )}
      <section class="card grid-2">
        <${TextField}
          id="confidence-threshold"
          label=${t("Confidence threshold")}
          type="number"
          min="0"
          max="1"
          step="0.05"
          value=${String(form.confidenceThreshold)}
          onInput=${(v) => setForm({ ...form, confidenceThreshold: v === "" ? v : Number(v) })}
          error=${errors.confidenceThreshold}
          hint=${t("Below it the bot asks one clarifying question, then uses the default division.")}
        />
        <${SelectField}
          id="default-division"
          label=${t("Default division")}
          value=${form.defaultDivisionId ?? ""}
          options=${divisionOptions}
          onChange=${(v) => setForm({ ...form, defaultDivisionId: v === "" ? null : v })}
          error=${errors.defaultDivisionId}
          hint=${t("Takes “talk to a human” and unclear requests.")}
        />
        <${SelectField}
          id="when-unavailable"
          label=${t("When the division is closed or offline")}
          value=${form.whenUnavailable}
          onChange=${(v) => setForm({ ...form, whenUnavailable: v })}
          options=${[
            { value: "handover", label: t("Hand over anyway (agents answer later)") },
            { value: "keep_with_bot", label: t("Keep the conversation with the bot") },
          ]}
        />
      </section>
      <section class="card">
        <h2>${t("In the inbox")}</h2>
        <${Toggle}
          id="typing-indicator"
          label=${t("Show the bot typing while it thinks")}
          checked=${form.inbox.typingIndicator}
          onChange=${(typingIndicator) => setForm({ ...form, inbox: { ...form.inbox, typingIndicator } })}
          hint=${t("In the web widget, while the LLM decides (Chatwoot 4.11.2 or newer).")}
        />
        <${Toggle}
          id="handover-attributes"
          label=${t("Write the decision into the conversation's custom attributes")}
          checked=${form.inbox.handoverAttributes}
          onChange=${(handoverAttributes) => setForm({ ...form, inbox: { ...form.inbox, handoverAttributes } })}
          hint=${t("switchboard_division, switchboard_confidence and switchboard_reason, merged with the conversation's own.")}
        />
      </section>
      <div class="sticky-actions">
        <button type="submit" class="primary" disabled=${action.busy}>${t("Save Changes")}</button>
        <a href=${href(bot.id, "divisions")}>${t("Divisions and their prompts")}</a>
        <${Status} status=${action.status} />
      </div>
    </form>
  `;
}

export function SmartHandoverPage({ bot }) {
  const state = useLoad(async () => {
    const [settings, divisions, preview] = await Promise.all([
      get(`/v1/bots/${bot.id}/settings`),
      get(`/v1/bots/${bot.id}/divisions`),
      post(`/v1/bots/${bot.id}/office-hours/preview`, {}),
    ]);
    return { settings, divisions: divisions.items, opening: preview.nextOpening };
  }, [bot.id]);
  return html`
    <${PageHeader} title=${t("Smart Handover Agent")} />
    <${Loading} state=${state}>${() => html`<${SettingsForm} bot=${bot} ...${state.data} />`}</${Loading}>
  `;
}
