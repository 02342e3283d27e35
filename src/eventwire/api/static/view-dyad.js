// "Dyad": two actors, their cooperation and conflict per period, the Goldstein mean and the alerts.

import { formValues, h, replace, setStatus } from "./dom.js";
import { dyadChart } from "./dyad-chart.js";
import { formatNumber } from "./format.js";
import { attachActorSuggestions } from "./suggest.js";

function legendItems() {
  return h(
    "ul",
    { class: "chart-legend" },
    [
      ["bar-quad1", "verbal cooperation"],
      ["bar-quad2", "material cooperation"],
      ["bar-quad3", "verbal conflict"],
      ["bar-quad4", "material conflict"],
      ["goldstein-swatch", "Goldstein mean (right axis)"],
      ["alert-swatch", "alert"],
    ].map(([cls, label]) => h("li", null, h("span", { class: `swatch ${cls}`, "aria-hidden": "true" }), label)),
  );
}

/** Why there may be no alerts yet: a dyad is compared with its own past, so it needs some history first. */
export function historyHint(answer) {
  const periods = new Set(answer.series.filter((r) => r.events > 0).map((r) => r.period)).size;
  const needed = answer.history_needed;
  const unit = { day: "days", week: "weeks", month: "months" }[answer.by] || `${answer.by}s`;
  const span = new Set(answer.series.map((r) => r.period)).size;
  const base = `No alerts for this dyad in this period. An alert compares a ${answer.by} with the dyad's own history, ` +
    `so a dyad needs ${needed} earlier ${unit} of history before it can alert`;
  return span <= needed
    ? `${base}; this one has ${span} ${unit} of data (${periods} with events). Widen the dates or choose shorter periods.`
    : `${base} (it has ${span}).`;
}

function alertTable(alerts, answer) {
  if (!alerts.length) return h("p", { class: "empty alerts-hint" }, historyHint(answer));
  return h(
    "table",
    { class: "alerts-table" },
    h("caption", null, "Alerts: periods with improbably many conflict events for this dyad"),
    h(
      "thead",
      null,
      h("tr", null, ["Period", "Direction", "Observed", "Expected", "Score", "p", "Method"].map((t) => h("th", { scope: "col" }, t))),
    ),
    h(
      "tbody",
      null,
      alerts.map((a) =>
        h(
          "tr",
          null,
          h("td", null, a.period),
          h("td", null, `${a.source} → ${a.target}`),
          h("td", { class: "num" }, a.observed),
          h("td", { class: "num" }, formatNumber(a.expected, 2)),
          h("td", { class: "num" }, formatNumber(a.score)),
          h("td", { class: "num" }, a.p_value != null ? a.p_value.toExponential(1) : "—"),
          h("td", null, a.method || ""),
        ),
      ),
    ),
  );
}

/** "Iran (IRN)" when a name was typed, the code alone when a code was. */
function named(typed, codes) {
  return typed && typed.toUpperCase() !== codes ? `${typed} (${codes})` : codes;
}

export function createDyadView({ api }) {
  const form = document.getElementById("dyad-form");
  const status = document.getElementById("dyad-status");
  const figure = document.getElementById("dyad-figure");
  const chart = document.getElementById("dyad-chart");
  const caption = document.getElementById("dyad-caption");
  const alertsBox = document.getElementById("dyad-alerts");
  const direction = document.getElementById("dyad-direction");
  let answer = null;

  attachActorSuggestions(api, document.getElementById("dyad-a"));
  attachActorSuggestions(api, document.getElementById("dyad-b"));

  function draw() {
    if (!answer) return;
    const dir = direction.value;
    replace(chart, legendItems(), dyadChart({ series: answer.series, alerts: answer.alerts || [], by: answer.by, direction: dir }));
    const a = named(answer.typedA, answer.a);
    const b = named(answer.typedB, answer.b);
    const label = { both: "both directions", "a->b": `${a} → ${b}`, "b->a": `${b} → ${a}` }[dir];
    caption.textContent = `${a} and ${b}, per ${answer.by}, ${label}.`;
    figure.hidden = false;
  }

  async function load() {
    const { a, b, by, from, to } = formValues(form);
    if (!a || !b) {
      setStatus(status, "Enter two actors.", "error");
      return;
    }
    setStatus(status, "Loading…");
    try {
      const path = `/v1/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`;
      answer = { ...(await api.get(path, { by, from, to })), typedA: a, typedB: b };
      if (!answer.series.length) {
        figure.hidden = true;
        replace(alertsBox);
        setStatus(status, `No events between ${named(a, answer.a)} and ${named(b, answer.b)}.`);
        return;
      }
      setStatus(status, "");
      draw();
      replace(alertsBox, alertTable(answer.alerts || [], answer));
    } catch (error) {
      figure.hidden = true;
      setStatus(status, error.describe ? error.describe() : String(error), "error");
    }
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  direction.addEventListener("change", draw);
  return { show() {} };
}
