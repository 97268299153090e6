import { patch, post } from "../api.js";
import { html, useState } from "../html.js";
import { t } from "../i18n.js";
import { Status, TextField, Toggle, useAction } from "../ui.js";

const blank = { name: "", baseUrl: "", accountId: "", inboxId: "", botToken: "", adminToken: "", signingSecret: "", refuseUnsignedDeliveries: false };

const int = (v) => (v.trim() === "" ? undefined : Number(v));
const text = (v) => (v.trim() === "" ? undefined : v.trim());

/** Secrets are write-only: in edit mode an empty secret field keeps the stored one. */
function body(form, editing) {
  const omnichat = {
    baseUrl: text(form.baseUrl),
    accountId: int(form.accountId),
    inboxId: int(form.inboxId),
    botToken: text(form.botToken),
    adminToken: text(form.adminToken),
  };
  return {
    name: editing ? text(form.name) : form.name,
    omnichat,
    signingSecret: text(form.signingSecret),
    refuseUnsignedDeliveries: form.refuseUnsignedDeliveries,
  };
}

/** Create a bot, or (with `bot`) change its name and inbox connection. */
export function CreateBotForm({ bot, onCreated, onSaved }) {
  const editing = Boolean(bot);
  const [form, setForm] = useState(
    editing
      ? {
          ...blank,
          name: bot.name,
          baseUrl: bot.omnichat.baseUrl ?? "",
          accountId: String(bot.omnichat.accountId ?? ""),
          inboxId: String(bot.omnichat.inboxId ?? ""),
          refuseUnsignedDeliveries: bot.refuseUnsignedDeliveries,
        }
      : blank,
  );
  const action = useAction();
  const set = (key) => (value) => setForm({ ...form, [key]: value });
  const err = (path) => action.status?.error?.fields?.[path];
  const prefix = editing ? `edit-${bot.id}` : "new-bot";
  const submit = (event) => {
    event.preventDefault();
    void action.run(async () => {
      if (editing) onSaved(await patch(`/v1/bots/${bot.id}`, body(form, true)));
      else onCreated(await post("/v1/bots", body(form, false)));
    });
  };
  const secretHint = editing ? t("Write-only: leave empty to keep the stored one.") : t("Write-only: never shown again.");
  return html`
    <form class="card" onSubmit=${submit} aria-labelledby=${`${prefix}-title`} novalidate>
      <h2 id=${`${prefix}-title`}>${editing ? t("Inbox connection") : t("Create bot")}</h2>
      <div class="grid-2">
        <${TextField} id=${`${prefix}-name`} label=${t("Bot name")} value=${form.name} onInput=${set("name")} error=${err("name")} />
        <${TextField}
          id=${`${prefix}-base-url`}
          label=${t("Inbox URL")}
          value=${form.baseUrl}
          onInput=${set("baseUrl")}
          error=${err("omnichat.baseUrl")}
          placeholder="https://omnichat.example.com"
        />
        <${TextField}
          id=${`${prefix}-account`}
          label=${t("Account id")}
          inputmode="numeric"
          value=${form.accountId}
          onInput=${set("accountId")}
          error=${err("omnichat.accountId")}
        />
        <${TextField}
          id=${`${prefix}-inbox`}
          label=${t("Inbox id")}
          inputmode="numeric"
          value=${form.inboxId}
          onInput=${set("inboxId")}
          error=${err("omnichat.inboxId")}
          hint=${t("Needed to import the inbox's working hours.")}
        />
        <${TextField}
          id=${`${prefix}-bot-token`}
          label=${t("Agent bot access token")}
          type="password"
          autocomplete="off"
          value=${form.botToken}
          onInput=${set("botToken")}
          error=${err("omnichat.botToken")}
          hint=${secretHint}
        />
        <${TextField}
          id=${`${prefix}-admin-token`}
          label=${t("Administrator token (optional)")}
          type="password"
          autocomplete="off"
          value=${form.adminToken}
          onInput=${set("adminToken")}
          error=${err("omnichat.adminToken")}
          hint=${t("Lets Switchboard see which agents are online.")}
        />
        <${TextField}
          id=${`${prefix}-signing`}
          label=${t("Webhook signing secret")}
          type="password"
          autocomplete="off"
          value=${form.signingSecret}
          onInput=${set("signingSecret")}
          error=${err("signingSecret")}
          hint=${`${t(
            "Chatwoot 4.13+: Settings → Bots → edit the bot → Webhook Secret. Without it only the token in the webhook URL protects it.",
          )} ${secretHint}`}
        />
      </div>
      <${Toggle}
        id=${`${prefix}-refuse-unsigned`}
        label=${t("Refuse unsigned deliveries")}
        checked=${form.refuseUnsignedDeliveries}
        onChange=${set("refuseUnsignedDeliveries")}
        hint=${t("Every delivery must carry a valid signature. Without a signing secret, every delivery is refused.")}
      />
      <button type="submit" class="primary" disabled=${action.busy}>${editing ? t("Save Changes") : t("Create bot")}</button>
      <${Status} status=${action.status} />
    </form>
  `;
}
