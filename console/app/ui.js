// Shared form parts: every control has a label, its error sits next to it and is announced.
import { html, useEffect, useState } from "./html.js";
import { t } from "./i18n.js";

const errorId = (id) => `${id}-error`;
const hintId = (id) => `${id}-hint`;

function describedBy(id, hint, error) {
  return [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean).join(" ") || undefined;
}

export function FieldMessages({ id, hint, error }) {
  return html`
    ${hint && html`<p class="hint" id=${hintId(id)}>${hint}</p>`} ${error && html`<p class="field-error" id=${errorId(id)} role="alert">${error}</p>`}
  `;
}

/** A labelled text input or textarea; `error` comes from the API's `errors[].path`. */
export function TextField({ id, label, value, onInput, error, hint, multiline, rows = 4, type = "text", ...rest }) {
  const common = {
    id,
    name: id,
    value: value ?? "",
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": describedBy(id, hint, error),
    onInput: (e) => onInput(e.currentTarget.value),
    ...rest,
  };
  return html`
    <div class=${`field${error ? " has-error" : ""}`}>
      <label for=${id}>${label}</label>
      ${multiline ? html`<textarea rows=${rows} ...${common}></textarea>` : html`<input type=${type} ...${common} />`}
      <${FieldMessages} id=${id} hint=${hint} error=${error} />
    </div>
  `;
}

export function SelectField({ id, label, value, onChange, options, error, hint }) {
  return html`
    <div class=${`field${error ? " has-error" : ""}`}>
      <label for=${id}>${label}</label>
      <select
        id=${id}
        name=${id}
        value=${value ?? ""}
        aria-invalid=${error ? "true" : undefined}
        aria-describedby=${describedBy(id, hint, error)}
        onChange=${(e) => onChange(e.currentTarget.value)}
      >
        ${options.map((o) => html`<option value=${o.value} selected=${o.value === (value ?? "")}>${o.label}</option>`)}
      </select>
      <${FieldMessages} id=${id} hint=${hint} error=${error} />
    </div>
  `;
}

/** An on/off switch: a native checkbox, so Space toggles it and screen readers say its state. */
export function Toggle({ id, label, checked, onChange, hint }) {
  return html`
    <div class="toggle-field">
      <input
        type="checkbox"
        role="switch"
        id=${id}
        checked=${checked}
        aria-describedby=${hint ? hintId(id) : undefined}
        onChange=${(e) => onChange(e.currentTarget.checked)}
      />
      <label for=${id}>${label}</label>
      ${hint && html`<p class="hint" id=${hintId(id)}>${hint}</p>`}
    </div>
  `;
}

/**
 * The page's status line: successes politely, failures assertively. Field errors are shown at
 * their fields; this lists the rest (or says how many fields need attention).
 */
export function Status({ status }) {
  if (!status) return html`<div class="status" role="status" aria-live="polite"></div>`;
  if (status.error) {
    const fields = Object.keys(status.error.fields ?? {}).length;
    return html`
      <div class="status status-error" role="alert">
        <strong>${status.error.message}</strong>
        ${fields > 0 && html`<span> ${t("Check the highlighted fields ({n}).", { n: fields })}</span>`}
      </div>
    `;
  }
  return html`<div class="status status-ok" role="status" aria-live="polite">${status.message}</div>`;
}

/** Runs an async action with a busy flag and a status: `{ busy, status, run }`. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState(null);
  const run = async (fn, okMessage) => {
    setBusy(true);
    setStatus(null);
    try {
      const result = await fn();
      if (okMessage) setStatus({ message: okMessage });
      return result;
    } catch (error) {
      setStatus({ error });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, status, setStatus, run };
}

/** Loads data for a page; `reload()` fetches again. */
export function useLoad(fn, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

export function Loading({ state, children }) {
  if (state.error) return html`<div class="status status-error" role="alert">${state.error.message}</div>`;
  if (state.loading && !state.data) return html`<p class="loading" role="status">${t("Loading…")}</p>`;
  return children();
}

export function PageHeader({ title, children }) {
  useEffect(() => {
    document.title = `${title} · Switchboard`;
  }, [title]);
  return html`<header class="page-header">
    <h1 id="page-title" tabindex="-1">${title}</h1>
    ${children}
  </header>`;
}

export const Badge = ({ kind = "neutral", children }) => html`<span class=${`badge badge-${kind}`}>${children}</span>`;
