import { del, get, post } from "../api.js";
import { html, useState } from "../html.js";
import { t } from "../i18n.js";
import { href } from "../router.js";
import { Badge, PageHeader, Status, useAction, useLoad } from "../ui.js";
import { ConnectionCheck } from "./connection-check.js";
import { CreateBotForm } from "./create-bot.js";

/** The webhook URL carries a secret, so the API shows it only once: now. */
function WebhookUrl({ created }) {
  if (!created) return null;
  return html`
    <section class="card callout" aria-labelledby="webhook-title">
      <h2 id="webhook-title">${t("Webhook URL for {name}", { name: created.name })}</h2>
      <p>${t("Paste it into the inbox's agent-bot settings. It is shown only now: it carries the bot's secret token.")}</p>
      <label for="webhook-url">${t("Webhook URL")}</label>
      <div class="copy-row">
        <input id="webhook-url" readonly value=${created.webhookUrl} onFocus=${(e) => e.currentTarget.select()} />
        <button type="button" onClick=${() => navigator.clipboard?.writeText(created.webhookUrl)}>${t("Copy")}</button>
      </div>
      <${BotWarnings} bot=${created} />
      <p><a class="button primary" href=${href(created.id, "handover")}>${t("Open {name}", { name: created.name })}</a></p>
    </section>
  `;
}

/** What the API says an admin should fix about a bot (e.g. deliveries that are not signed). */
function BotWarnings({ bot }) {
  if (!bot.warnings?.length) return null;
  return html`<div class="warnings" role="note">${bot.warnings.map((w) => html`<p class="warning" key=${w.path}>⚠ ${w.message}</p>`)}</div>`;
}

function ImportExamples({ onImported }) {
  const examples = useLoad(() => get("/console/examples"), []);
  const action = useAction();
  const importDocument = (doc) => action.run(async () => onImported(await post("/v1/bots/import", doc)), t("Imported."));
  const importExample = (name) =>
    action.run(async () => {
      const res = await fetch(`/console/examples/${name}.json`);
      onImported(await post("/v1/bots/import", await res.json()));
    }, t("Imported."));
  const importFile = async (event) => {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    let doc;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      action.setStatus({ error: new Error(t("{file} is not JSON.", { file: file.name })) });
      return;
    }
    await importDocument(doc);
  };
  return html`
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">${t("Import a bot")}</h2>
      <p>${t("The Bank ABC examples are the two Kata tutorials as ready bots: divisions, messages, office hours, flows, examples and knowledge.")}</p>
      <div class="button-row">
        ${(examples.data ?? []).map(
          (name) =>
            html` <button type="button" class="primary" disabled=${action.busy} onClick=${() => importExample(name)}>
              ${t("Import {name}", { name: exampleTitle(name) })}
            </button>`,
        )}
      </div>
      <div class="field">
        <label for="import-file">${t("Or import an exported bot (JSON file)")}</label>
        <input id="import-file" type="file" accept="application/json,.json" onChange=${importFile} />
      </div>
      <${Status} status=${action.status} />
    </section>
  `;
}

const exampleTitle = (name) => ({ "bank-abc-simple": "Bank ABC (simple)", "bank-abc-instagram": "Bank ABC (Instagram)" })[name] ?? name;

async function exportBot(bot) {
  const doc = await get(`/v1/bots/${bot.id}/export`);
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: `${bot.name.replace(/\W+/g, "-").toLowerCase()}.json` });
  link.click();
  URL.revokeObjectURL(url);
}

function BotRow({ bot, onRotated, onChanged }) {
  const [checking, setChecking] = useState(false);
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const inbox = bot.omnichat.baseUrl
    ? `${bot.omnichat.baseUrl} · ${t("account")} ${bot.omnichat.accountId ?? "–"} · ${t("inbox")} ${bot.omnichat.inboxId ?? "–"}`
    : t("No inbox connected");
  const remove = () => {
    if (window.confirm(t("Delete {name} with its divisions, flows and conversations?", { name: bot.name }))) {
      void action.run(async () => onChanged(await del(`/v1/bots/${bot.id}`)));
    }
  };
  return html`
    <li class="card bot-row">
      <div class="bot-row-head">
        <h3><a href=${href(bot.id, "handover")}>${bot.name}</a></h3>
        ${
          bot.signingSecretSet
            ? html`<${Badge} kind="ok">${t("Signed deliveries")}</${Badge}>`
            : html`<${Badge} kind=${bot.refuseUnsignedDeliveries ? "error" : "warn"}>${t("Deliveries not signed")}</${Badge}>`
        }
      </div>
      <${BotWarnings} bot=${bot} />
      <dl class="facts">
        <dt>${t("Inbox")}</dt>
        <dd>${inbox}</dd>
        <dt>${t("Webhook")}</dt>
        <dd><code>${bot.webhookPath}</code></dd>
        <dt>${t("Id")}</dt>
        <dd><code>${bot.id}</code></dd>
      </dl>
      <div class="button-row">
        <button type="button" onClick=${() => setChecking(true)}>${t("Check connection")}</button>
        <button type="button" aria-expanded=${editing} onClick=${() => setEditing(!editing)}>${t("Inbox connection")}</button>
        <button type="button" onClick=${() => action.run(() => exportBot(bot))}>${t("Export")}</button>
        <button type="button" onClick=${() => action.run(async () => onRotated(await post(`/v1/bots/${bot.id}/webhook-token`)))}>
          ${t("New webhook URL")}
        </button>
        <button type="button" class="danger" onClick=${remove}>${t("Delete")}</button>
      </div>
      ${
        editing &&
        html`<${CreateBotForm}
          bot=${bot}
          onSaved=${() => {
            setEditing(false);
            onChanged();
          }}
        />`
      }
      ${checking && html`<${ConnectionCheck} botId=${bot.id} />`}
      <${Status} status=${action.status} />
    </li>
  `;
}

export function BotsPage({ bots, reloadBots }) {
  const [created, setCreated] = useState(null);
  const [creating, setCreating] = useState(false);
  const done = (bot) => {
    setCreated(bot);
    setCreating(false);
    reloadBots();
  };
  return html`
    <${PageHeader} title=${t("Bots")}>
      <button type="button" class="primary" onClick=${() => setCreating(!creating)} aria-expanded=${creating}>${t("Create bot")}</button>
    </${PageHeader}>
    <${WebhookUrl} created=${created} />
    ${creating && html`<${CreateBotForm} onCreated=${done} />`}
    ${bots.length === 0 && html`<p>${t("No bot yet. Import a Bank ABC example to start in one click, or create one.")}</p>`}
    ${bots.length === 0 && html`<${ImportExamples} onImported=${done} />`}
    <ul class="bot-list">${bots.map((b) => html`<${BotRow} key=${b.id} bot=${b} onRotated=${done} onChanged=${reloadBots} />`)}</ul>
    ${bots.length > 0 && html`<${ImportExamples} onImported=${done} />`}
  `;
}
