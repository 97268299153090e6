import { get } from "../api.js";
import { BarChart, LineChart, palette, StackedColumns } from "../charts.js";
import { html, useState } from "../html.js";
import { fmtNumber, fmtPercent, t } from "../i18n.js";
import { Loading, PageHeader, TextField, Toggle, useLoad } from "../ui.js";

/** `days` whole days ending on `last` (YYYY-MM-DD). */
function endingOn(last, days) {
  const end = new Date(`${last}T00:00:00Z`);
  return { from: new Date(end.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10), to: last };
}

function Kpi({ label, value, detail }) {
  return html`<div class="kpi">
    <dt>${label}</dt>
    <dd><span class="kpi-value">${value}</span>${detail && html`<span class="hint">${detail}</span>`}</dd>
  </div>`;
}

const usd = (n) => (n === null ? t("unknown (model not priced)") : `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`);

function Figures({ data, divisions }) {
  const { totals, rates, llm } = data;
  const divisionName = (row) => row.name ?? divisions.find((d) => d.id === row.divisionId)?.name ?? t("deleted division");
  return html`
    <dl class="kpis">
      <${Kpi} label=${t("Turns")} value=${fmtNumber(totals.turns)} detail=${t("{n} conversations", { n: fmtNumber(totals.conversations) })} />
      <${Kpi} label=${t("Handover rate")} value=${fmtPercent(rates.handover)} detail=${t("{n} handovers", { n: fmtNumber(totals.handovers) })} />
      <${Kpi} label=${t("Bot-answered (deflection)")} value=${fmtPercent(rates.deflection)} detail=${t("conversations never handed over")} />
      <${Kpi} label=${t("Fallback rate")} value=${fmtPercent(rates.fallback)} detail=${t("{n} turns", { n: fmtNumber(totals.fallbacks) })} />
      <${Kpi} label=${t("Clarifying questions")} value=${fmtNumber(totals.clarifications)} detail=${fmtPercent(rates.clarify)} />
      <${Kpi} label=${t("Mis-route rate")} value=${fmtPercent(rates.misroute)} detail=${t("{n} re-routed by agents", { n: fmtNumber(totals.misroutes) })} />
      <${Kpi}
        label=${t("LLM latency p50 / p95")}
        value=${llm.p50Ms === null ? "–" : `${llm.p50Ms} / ${llm.p95Ms} ms`}
        detail=${t("{n} LLM calls", { n: fmtNumber(llm.calls) })}
      />
      <${Kpi} label=${t("Estimated LLM cost")} value=${usd(llm.estimatedCostUsd)} detail=${t("list prices of {date}", { date: llm.priceTableDate })} />
    </dl>
    <div class="charts">
      <${StackedColumns}
        title=${t("Turns per day")}
        days=${data.daily.map((d) => ({ ...d, other: d.turns - d.handovers - d.botAnswered - d.clarifications }))}
        series=${[
          { key: "botAnswered", label: t("Bot answered"), color: palette[2] },
          { key: "handovers", label: t("Handed over"), color: palette[0] },
          { key: "clarifications", label: t("Clarifying question"), color: palette[1] },
          { key: "other", label: t("Other"), color: palette[5] },
        ]}
      />
      <${BarChart} title=${t("Handovers by division")} data=${data.handoverByDivision.map((r) => ({ label: divisionName(r), value: r.handovers }))} />
      <${BarChart}
        title=${t("Handovers by reason")}
        data=${[
          { label: t("In office hours"), value: data.handoverByAvailability.inHours, color: palette[2] },
          { label: t("All agents offline"), value: data.handoverByAvailability.offline, color: palette[1] },
          { label: t("Outside office hours"), value: data.handoverByAvailability.outsideHours, color: palette[3] },
        ]}
      />
      <${BarChart} title=${t("Fallbacks, and why")} color=${palette[4]} data=${data.fallbackCauses.map((c) => ({ label: c.cause, value: c.turns }))} />
      <${BarChart}
        title=${t("Mis-routes by division (re-routed by agents)")}
        color=${palette[3]}
        data=${data.handoverByDivision.filter((r) => r.misroutes > 0).map((r) => ({ label: divisionName(r), value: r.misroutes }))}
      />
      <${LineChart}
        title=${t("LLM latency")}
        unit="ms"
        days=${data.daily}
        series=${[
          { key: "llmP50Ms", label: "p50", color: palette[0] },
          { key: "llmP95Ms", label: "p95", color: palette[3] },
        ]}
      />
    </div>
  `;
}

export function AnalyticsPage({ bot }) {
  // No dates at first: the service picks the last seven days of the bot's own calendar.
  const [period, setPeriod] = useState({ from: "", to: "", simulated: false });
  const [applied, setApplied] = useState(period);
  const state = useLoad(async () => {
    const query = new URLSearchParams({ simulated: applied.simulated ? "include" : "exclude" });
    if (applied.from) query.set("from", applied.from);
    if (applied.to) query.set("to", applied.to);
    const [data, divisions] = await Promise.all([get(`/v1/bots/${bot.id}/analytics?${query}`), get(`/v1/bots/${bot.id}/divisions`)]);
    setPeriod((p) => ({ ...p, from: data.from, to: data.to }));
    return { data, divisions: divisions.items };
  }, [bot.id, applied.from, applied.to, applied.simulated]);
  const apply = (event) => {
    event.preventDefault();
    setApplied(period);
  };
  const preset = (days) => {
    const next = { ...period, ...endingOn(state.data?.data.to ?? period.to, days) };
    setPeriod(next);
    setApplied(next);
  };
  const fields = state.error?.fields ?? {};
  /** The period's two ends: the date, its setter and its error (sent as `?from=`, so it may come back at `query.from`). */
  const dateField = (key) => ({
    id: `period-${key}`,
    type: "date",
    value: period[key],
    onInput: (value) => setPeriod({ ...period, [key]: value }),
    error: fields[key] ?? fields[`query.${key}`],
  });
  return html`
    <${PageHeader} title=${t("Analytics")} />
    <form class="card period" onSubmit=${apply} aria-label=${t("Period")}>
      <${TextField} ...${dateField("from")} label=${t("From")} />
      <${TextField} ...${dateField("to")} label=${t("To")} />
      <button type="submit" class="primary">${t("Show")}</button>
      <button type="button" onClick=${() => preset(7)}>${t("Last 7 days")}</button>
      <button type="button" onClick=${() => preset(30)}>${t("Last 30 days")}</button>
      <${Toggle} id="include-simulated" label=${t("Include test-chat turns")} checked=${period.simulated}
        onChange=${(simulated) => {
          const next = { ...period, simulated };
          setPeriod(next);
          setApplied(next);
        }} />
    </form>
    <${Loading} state=${state}>${() =>
      html` <p class="hint" role="status">
          ${t("{from} to {to}, days in {zone}.", { from: state.data.data.from, to: state.data.data.to, zone: state.data.data.timeZone })}
          ${!applied.simulated && state.data.data.simulatedTurns > 0 && t("{n} test-chat turns are not counted.", { n: state.data.data.simulatedTurns })}
        </p>
        <${Figures} data=${state.data.data} divisions=${state.data.divisions} />`}
    </${Loading}>
  `;
}
