import { get, post } from "../api.js";
import { Diff } from "../diff.js";
import { html, useState } from "../html.js";
import { fmtTime, t } from "../i18n.js";
import { Badge, Loading, Status, useAction, useLoad } from "../ui.js";

/** Every saved prompt, newest first; any version's diff against the current one, and restore. */
export function PromptVersions({ bot, division, onRestored }) {
  const state = useLoad(() => get(`/v1/bots/${bot.id}/divisions/${division.id}/versions`), [division.id, division.promptVersion]);
  const [selected, setSelected] = useState(null);
  const action = useAction();
  const restore = (n) =>
    action.run(async () => onRestored(await post(`/v1/bots/${bot.id}/divisions/${division.id}/versions/${n}/restore`)), t("Version {n} restored.", { n }));
  return html`
    <section class="card" aria-labelledby="versions-title">
      <h2 id="versions-title">${t("Prompt versions")}</h2>
      <${Loading} state=${state}>${() => {
        const versions = [...state.data.items].sort((a, b) => b.version - a.version);
        const current = versions.find((v) => v.current);
        const shown = versions.find((v) => v.version === selected);
        return html`
          <ol class="versions" reversed>
            ${versions.map(
              (v) =>
                html` <li key=${v.version}>
                  <button type="button" class="link" aria-pressed=${selected === v.version} onClick=${() => setSelected(v.version)}>
                    ${t("Version {n}", { n: v.version })}
                  </button>
                  <span class="hint"> ${fmtTime(v.createdAt)}</span>
                  ${v.current && html` <${Badge} kind="ok">${t("current")}</${Badge}>`}
                  ${v.restoredFrom && html` <span class="hint">${t("restored from {n}", { n: v.restoredFrom })}</span>`}
                </li>`,
            )}
          </ol>
          ${
            shown &&
            current &&
            html` <div class="version-diff" aria-live="polite">
              <h3>${t("Version {a} → current (version {b})", { a: shown.version, b: current.version })}</h3>
              <${Diff} before=${shown.prompt} after=${current.prompt} labels=${{ removed: t("removed"), added: t("added") }} />
              ${
                !shown.current &&
                html`<button type="button" onClick=${() => restore(shown.version)} disabled=${action.busy}>
                  ${t("Restore version {n}", { n: shown.version })}
                </button>`
              }
            </div>`
          }
          <${Status} status=${action.status} />
        `;
      }}</${Loading}>
    </section>
  `;
}
