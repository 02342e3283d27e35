// Shared wording and badges for events and mentions.

import { h } from "./dom.js";

export const QUAD_NAMES = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};

/** "IRNMIL (Iran military)" for an actor object of a mention; "—" when there is none. */
export function actorLabel(actor) {
  if (!actor) return "—";
  return actor.name && actor.name !== actor.code ? `${actor.code} (${actor.name})` : actor.code;
}

/** An actor of an event row: its code with its name beside it ("IRNMIL Qassem Soleimani"), or "—". */
export function actorCell(code, name) {
  if (!code) return "—";
  return [h("span", { class: "actor-code" }, code), name && name !== code ? h("span", { class: "actor-name" }, ` ${name}`) : null];
}

/** A date at its precision: "2023-07" for a month, "2023" for a year. */
export function dateAtPrecision(date, granularity) {
  if (!date) return "—";
  if (granularity === "month") return date.slice(0, 7);
  if (granularity === "year") return date.slice(0, 4);
  return date;
}

/** A code badge coloured by GDELT quad class: "195 Use conventional military force". */
export function cameoBadge(cameo, name, quadClass) {
  const quad = QUAD_NAMES[quadClass] ? quadClass : 0;
  return h(
    "span",
    { class: `cameo-badge quad-${quad}`, title: QUAD_NAMES[quad] || "quad class unknown" },
    h("span", { class: "cameo-code" }, cameo),
    name ? ` ${name}` : "",
  );
}

/** Place of an event row: "Erbil, IRQ". */
export function eventPlace(event) {
  const parts = [event.location_name, event.location_country].filter(Boolean);
  if (parts.length === 2 && parts[0] === parts[1]) parts.pop();
  return parts.join(", ");
}

export function formatNumber(value, digits = 1) {
  return typeof value === "number" && Number.isFinite(value) ? value.toFixed(digits) : "—";
}

export function todayIso() {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 10);
}
