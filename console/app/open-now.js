import { post } from "./api.js";
import { html, useEffect, useState } from "./html.js";
import { fmtTime, t } from "./i18n.js";

/**
 * "Now: open/closed, next opening", computed by the service with the code a handover uses, for
 * the schedule being edited (re-asked shortly after each change).
 */
export function OpenNow({ botId, officeHours, divisionId }) {
  const [state, setState] = useState({ preview: null, error: null });
  const body = JSON.stringify({ ...(officeHours && { officeHours }), ...(divisionId && { divisionId }) });
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      post(`/v1/bots/${botId}/office-hours/preview`, JSON.parse(body)).then(
        (preview) => live && setState({ preview, error: null }),
        (error) => live && setState({ preview: null, error }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [botId, body]);
  const p = state.preview;
  return html`
    <div class="open-now" role="status" aria-live="polite" aria-label=${t("Open now")}>
      ${
        state.error
          ? html`<span>${t("No preview until the hours are valid.")}</span>`
          : !p
            ? html`<span>${t("Loading…")}</span>`
            : html` <span class=${`badge badge-${p.open ? "ok" : "warn"}`}>${p.open ? t("Open now") : t("Closed now")}</span>
                <span>${t("Now: {time} ({zone})", { time: fmtTime(p.now), zone: p.timeZone })}</span>
                ${p.holiday && html`<span>${t("Holiday: {name}", { name: p.holiday })}</span>`}
                ${
                  !p.open &&
                  html`<span>${p.nextOpeningAt ? t("Next opening: {when}", { when: fmtTime(p.nextOpeningAt) }) : t("Never opens within a year")}</span>`
                }
                ${p.nextOpening && html`<span class="hint">{{nextOpening}} = “${p.nextOpening}”</span>`}`
      }
    </div>
  `;
}
