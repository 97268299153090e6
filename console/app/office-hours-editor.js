import { html } from "./html.js";
import { t } from "./i18n.js";
import { FieldMessages, TextField } from "./ui.js";

export const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const zones = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Asia/Singapore", "Asia/Kuala_Lumpur", "Asia/Bangkok", "UTC", "Europe/London"];

/** Errors of this editor's paths, without the prefix (`officeHours.weekly.0.close` → `weekly.0.close`). */
export const scoped = (errors, prefix) =>
  Object.fromEntries(
    Object.entries(errors)
      .filter(([p]) => p.startsWith(prefix))
      .map(([p, m]) => [p.slice(prefix.length), m]),
  );

function SlotRow({ id, slot, index, errors, onChange, onRemove }) {
  const err = (f) => errors[`weekly.${index}.${f}`] ?? (f === "close" ? errors[`weekly.${index}`] : undefined);
  return html`
    <li class="slot-row">
      <div class="field">
        <label for=${`${id}-day-${index}`}>${t("Day")}</label>
        <select id=${`${id}-day-${index}`} onChange=${(e) => onChange({ ...slot, day: Number(e.currentTarget.value) })}>
          ${weekdays.map((d, i) => html`<option value=${i + 1} selected=${slot.day === i + 1}>${t(d)}</option>`)}
        </select>
      </div>
      <${TextField}
        id=${`${id}-open-${index}`}
        label=${t("Opens")}
        type="time"
        value=${slot.open}
        onInput=${(open) => onChange({ ...slot, open })}
        error=${err("open")}
      />
      <${TextField}
        id=${`${id}-close-${index}`}
        label=${t("Closes")}
        type="text"
        inputmode="numeric"
        pattern="[0-9]{2}:[0-9]{2}"
        value=${slot.close}
        onInput=${(close) => onChange({ ...slot, close })}
        error=${err("close")}
        hint=${t("HH:mm; 24:00 = midnight")}
      />
      <button
        type="button"
        class="remove"
        onClick=${onRemove}
        aria-label=${t("Remove {day} {open}–{close}", { day: t(weekdays[slot.day - 1] ?? ""), open: slot.open, close: slot.close })}
      >
        ${t("Remove")}
      </button>
    </li>
  `;
}

function HolidayRow({ id, holiday, index, errors, onChange, onRemove }) {
  return html`
    <li class="slot-row">
      <${TextField}
        id=${`${id}-holiday-date-${index}`}
        label=${t("Date")}
        type="date"
        value=${holiday.date}
        onInput=${(date) => onChange({ ...holiday, date })}
        error=${errors[`holidays.${index}.date`]}
      />
      <${TextField}
        id=${`${id}-holiday-name-${index}`}
        label=${t("Holiday")}
        value=${holiday.name}
        onInput=${(name) => onChange({ ...holiday, name })}
        error=${errors[`holidays.${index}.name`]}
      />
      <button type="button" class="remove" onClick=${onRemove} aria-label=${t("Remove holiday {name}", { name: holiday.name || holiday.date })}>
        ${t("Remove")}
      </button>
    </li>
  `;
}

const replaceAt = (list, i, item) => list.map((x, j) => (j === i ? item : x));
const removeAt = (list, i) => list.filter((_, j) => j !== i);

/** Time zone, weekly slots and holidays; `errors` are already scoped to the office hours. */
export function OfficeHoursEditor({ id, value, onChange, errors = {} }) {
  const set = (key) => (v) => onChange({ ...value, [key]: v });
  const lastSlot = value.weekly.at(-1);
  const nextSlot = { day: lastSlot ? (lastSlot.day % 7) + 1 : 1, open: lastSlot?.open ?? "08:00", close: lastSlot?.close ?? "17:00" };
  return html`
    <div class="office-hours-editor">
      <${TextField}
        id=${`${id}-timezone`}
        label=${t("Time zone")}
        value=${value.timezone}
        onInput=${set("timezone")}
        error=${errors.timezone}
        list=${`${id}-zones`}
        hint=${t("An IANA zone such as Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT).")}
      />
      <datalist id=${`${id}-zones`}>${zones.map((z) => html`<option value=${z} />`)}</datalist>
      <fieldset>
        <legend>${t("Weekly hours")}</legend>
        <p class="hint">${t("A closing time at or before the opening time runs past midnight.")}</p>
        <ul class="slots">
          ${value.weekly.map(
            (slot, i) =>
              html`<${SlotRow}
                key=${i}
                id=${id}
                slot=${slot}
                index=${i}
                errors=${errors}
                onChange=${(s) => set("weekly")(replaceAt(value.weekly, i, s))}
                onRemove=${() => set("weekly")(removeAt(value.weekly, i))}
              />`,
          )}
        </ul>
        ${value.weekly.length === 0 && html`<p>${t("No weekly hours: always closed.")}</p>`}
        <button type="button" onClick=${() => set("weekly")([...value.weekly, nextSlot])}>${t("Add time slot")}</button>
        <${FieldMessages} id=${`${id}-weekly`} error=${errors.weekly} />
      </fieldset>
      <fieldset>
        <legend>${t("Holidays")}</legend>
        <ul class="slots">
          ${value.holidays.map(
            (h, i) =>
              html`<${HolidayRow}
                key=${i}
                id=${id}
                holiday=${h}
                index=${i}
                errors=${errors}
                onChange=${(x) => set("holidays")(replaceAt(value.holidays, i, x))}
                onRemove=${() => set("holidays")(removeAt(value.holidays, i))}
              />`,
          )}
        </ul>
        <button type="button" onClick=${() => set("holidays")([...value.holidays, { date: "", name: "" }])}>${t("Add holiday")}</button>
      </fieldset>
    </div>
  `;
}
