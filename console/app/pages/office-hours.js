import { get, post, put } from "../api.js";
import { html, useState } from "../html.js";
import { t } from "../i18n.js";
import { OfficeHoursEditor } from "../office-hours-editor.js";
import { OpenNow } from "../open-now.js";
import { Loading, PageHeader, Status, useAction, useLoad } from "../ui.js";

function OfficeHoursForm({ bot, initial }) {
  const [hours, setHours] = useState(initial);
  const action = useAction();
  const save = (event) => {
    event.preventDefault();
    void action.run(async () => setHours(await put(`/v1/bots/${bot.id}/office-hours`, hours)), t("Saved."));
  };
  const importFromInbox = () =>
    action.run(async () => setHours(await post(`/v1/bots/${bot.id}/office-hours/import-from-inbox`)), t("Imported from the inbox."));
  return html`
    <form onSubmit=${save} novalidate>
      <section class="card">
        <${OpenNow} botId=${bot.id} officeHours=${hours} />
      </section>
      <section class="card">
        <${OfficeHoursEditor} id="bot-hours" value=${hours} onChange=${setHours} errors=${action.status?.error?.fields ?? {}} />
      </section>
      <div class="sticky-actions">
        <button type="submit" class="primary" disabled=${action.busy}>${t("Save Changes")}</button>
        ${
          bot.omnichat.inboxId &&
          bot.omnichat.adminTokenSet &&
          html`<button type="button" onClick=${importFromInbox}>${t("Import the inbox's working hours")}</button>`
        }
        <${Status} status=${action.status} />
      </div>
    </form>
  `;
}

export function OfficeHoursPage({ bot }) {
  const state = useLoad(() => get(`/v1/bots/${bot.id}/office-hours`), [bot.id]);
  return html`
    <${PageHeader} title=${t("Office hours")} />
    <p>${t("The bot's office hours; a division may have its own. Outside them a handover sends the outside-office-hours message.")}</p>
    <${Loading} state=${state}>${() => html`<${OfficeHoursForm} bot=${bot} initial=${state.data} />`}</${Loading}>
  `;
}
