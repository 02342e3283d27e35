// The dyad chart: per period, cooperation (quad 1 + 2) above zero, conflict (quad 3 + 4) below, the Goldstein
// mean as a line on its own axis (-10..10), and alerts marked under the x axis. Plain SVG.

import { s, tooltip } from "./dom.js";
import { formatNumber } from "./format.js";

const WIDTH = 900;
const HEIGHT = 380;
const MARGIN = { top: 16, right: 52, bottom: 64, left: 52 };
const MAX_DENSE_PERIODS = 1500;
const MAX_BAR_WIDTH = 48;

function parseDay(text) {
  const [y, m, d] = text.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function dayText(date) {
  return date.toISOString().slice(0, 10);
}

function nextPeriod(date, by) {
  const next = new Date(date);
  if (by === "month") next.setUTCMonth(next.getUTCMonth() + 1);
  else next.setUTCDate(next.getUTCDate() + (by === "week" ? 7 : 1));
  return next;
}

/** Every period from the first to the last one seen (quiet periods included), or just those seen if too many. */
export function periodAxis(periods, by) {
  const seen = [...new Set(periods)].sort();
  if (seen.length < 2) return seen;
  const dense = [];
  const last = parseDay(seen[seen.length - 1]);
  for (let p = parseDay(seen[0]); p <= last && dense.length <= MAX_DENSE_PERIODS; p = nextPeriod(p, by)) {
    dense.push(dayText(p));
  }
  // Periods that do not fall on the stepped grid (a different week start) would be lost: keep the seen ones.
  const onGrid = seen.every((p) => dense.includes(p));
  return dense.length <= MAX_DENSE_PERIODS && onGrid ? dense : seen;
}

/** The rows of one direction; "both" is summed from the two directions when the API gave none. */
export function rowsFor(series, direction) {
  const rows = series.filter((r) => r.direction === direction);
  if (rows.length || direction !== "both") return rows;
  const sums = new Map();
  for (const r of series) {
    const sum = sums.get(r.period) || { period: r.period, direction: "both", events: 0, mentions: 0, quad1: 0, quad2: 0, quad3: 0, quad4: 0, goldstein_sum: 0 };
    for (const key of ["events", "mentions", "quad1", "quad2", "quad3", "quad4", "goldstein_sum"]) sum[key] += r[key] || 0;
    sums.set(r.period, sum);
  }
  return [...sums.values()].map((r) => ({ ...r, goldstein_mean: r.events ? r.goldstein_sum / r.events : null }));
}

function niceMax(value) {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function tooltipHandlers(lines) {
  return {
    mousemove: (e) => tooltip.show(e, lines),
    mouseleave: () => tooltip.hide(),
    focus: (e) => {
      const box = e.target.getBoundingClientRect();
      tooltip.show({ clientX: box.right, clientY: box.bottom }, lines);
    },
    blur: () => tooltip.hide(),
  };
}

function axes(g, x, yCount, maxCount, periods, band) {
  const plotLeft = MARGIN.left;
  const plotRight = WIDTH - MARGIN.right;
  for (const value of [-maxCount, -maxCount / 2, 0, maxCount / 2, maxCount]) {
    const y = yCount(value);
    g.append(
      s("line", { x1: plotLeft, x2: plotRight, y1: y, y2: y, class: value === 0 ? "axis-zero" : "grid" }),
      s("text", { x: plotLeft - 6, y: y + 4, class: "tick", "text-anchor": "end" }, String(Math.abs(value))),
    );
  }
  for (const goldstein of [-10, 0, 10]) {
    g.append(
      s("text", { x: plotRight + 6, y: yCount((goldstein / 10) * maxCount) + 4, class: "tick goldstein-tick" }, String(goldstein)),
    );
  }
  const every = Math.max(1, Math.ceil(periods.length / 10));
  periods.forEach((period, i) => {
    if (i % every) return;
    const cx = x(i) + band / 2;
    g.append(
      s("text", { x: cx, y: HEIGHT - MARGIN.bottom + 14, class: "tick", "text-anchor": "middle" }, period),
    );
  });
  g.append(
    s("text", { x: 14, y: MARGIN.top + 8, class: "axis-label", transform: `rotate(-90 14 ${MARGIN.top + 8})`, "text-anchor": "end" }, "events: cooperation ↑ conflict ↓"),
    s("text", { x: WIDTH - 12, y: MARGIN.top + 8, class: "axis-label", transform: `rotate(90 ${WIDTH - 12} ${MARGIN.top + 8})` }, "Goldstein mean"),
  );
}

function bars(g, rows, index, x, yCount, band) {
  const width = Math.min(band * 0.8, MAX_BAR_WIDTH);
  const stacks = [
    ["quad1", "quad2"],
    ["quad3", "quad4"],
  ];
  for (const row of rows) {
    const i = index.get(row.period);
    if (i === undefined) continue;
    const lines = [
      `${row.period} (${row.direction})`,
      `cooperation: ${row.quad1} verbal, ${row.quad2} material`,
      `conflict: ${row.quad3} verbal, ${row.quad4} material`,
      `Goldstein mean: ${formatNumber(row.goldstein_mean)}`,
    ];
    const group = s("g", { class: "bar", tabindex: "0", "aria-label": lines.join("; "), on: tooltipHandlers(lines) });
    stacks.forEach((stack, side) => {
      let base = 0;
      for (const key of stack) {
        const value = row[key] || 0;
        if (!value) continue;
        const sign = side === 0 ? 1 : -1;
        const y0 = yCount(sign * base);
        const y1 = yCount(sign * (base + value));
        group.append(
          s("rect", { x: x(i) + (band - width) / 2, width, y: Math.min(y0, y1), height: Math.abs(y1 - y0), class: `bar-${key}` }),
        );
        base += value;
      }
    });
    g.append(group);
  }
}

function goldsteinLine(g, rows, index, x, yCount, maxCount, band) {
  const points = rows
    .filter((r) => typeof r.goldstein_mean === "number" && index.has(r.period))
    .map((r) => [index.get(r.period), r.goldstein_mean])
    .sort((a, b) => a[0] - b[0]);
  let path = "";
  points.forEach(([i, mean], k) => {
    const px = x(i) + band / 2;
    const py = yCount((mean / 10) * maxCount);
    path += `${k && points[k - 1][0] === i - 1 ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`;
    g.append(s("circle", { cx: px, cy: py, r: 3.5, class: "goldstein-dot" }));
  });
  if (path) g.append(s("path", { d: path, class: "goldstein-line" }));
}

function alertMarkers(g, alerts, index, x, band) {
  const y = HEIGHT - MARGIN.bottom + 24;
  for (const alert of alerts) {
    const i = index.get(alert.period);
    if (i === undefined) continue;
    const cx = x(i) + band / 2;
    const lines = [
      `Alert ${alert.source} → ${alert.target}, ${alert.period}`,
      `score ${formatNumber(alert.score)} (p ${alert.p_value != null ? alert.p_value.toExponential(1) : "—"})`,
      `observed ${alert.observed} vs expected ${formatNumber(alert.expected, 2)}`,
    ];
    g.append(
      s(
        "path",
        {
          d: `M${cx},${y - 8}L${cx - 7},${y + 5}L${cx + 7},${y + 5}Z`,
          class: "alert-marker",
          tabindex: "0",
          role: "img",
          "aria-label": lines.join("; "),
          dataset: { period: alert.period },
          on: tooltipHandlers(lines),
        },
        s("title", null, lines.join("\n")),
      ),
    );
  }
}

/** The chart as an <svg> element. */
export function dyadChart({ series, alerts, by, direction }) {
  const rows = rowsFor(series, direction);
  const periods = periodAxis([...rows.map((r) => r.period), ...alerts.map((a) => a.period)], by);
  const index = new Map(periods.map((p, i) => [p, i]));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const band = plotWidth / Math.max(periods.length, 1);
  const x = (i) => MARGIN.left + i * band;
  const maxCount = niceMax(Math.max(1, ...rows.map((r) => Math.max(r.quad1 + r.quad2, r.quad3 + r.quad4))));
  const mid = MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) / 2;
  const half = (HEIGHT - MARGIN.top - MARGIN.bottom) / 2;
  const yCount = (value) => mid - (value / maxCount) * half;

  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "dyad-svg", role: "group", "aria-label": "Dyad series chart" });
  const g = s("g");
  axes(g, x, yCount, maxCount, periods, band);
  bars(g, rows, index, x, yCount, band);
  goldsteinLine(g, rows, index, x, yCount, maxCount, band);
  alertMarkers(g, alerts, index, x, band);
  svg.append(g);
  return svg;
}
