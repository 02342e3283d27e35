// "Timeline": the events of an actor, or of a dyad in both directions, in date order, grouped by day.

import { formValues, h, replace, setStatus } from "./dom.js";
import { actorCell, cameoBadge, dateAtPrecision, eventPlace } from "./format.js";
import { attachActorSuggestions } from "./suggest.js";

const LIMIT = 1000;
const LATEST = 100; // shown, newest first, before an actor is chosen

function timelineItem(event, openEvent) {
  const open = h("button", { type: "button", class: "link-button", "aria-label": `Open event ${event.event_id}` }, "details");
  open.addEventListener("click", () => openEvent(event.event_id));
  return h(
    "li",
    { class: `timeline-item quad-border-${event.quad_class}`, dataset: { eventId: event.event_id, cameo: event.cameo } },
    h(
      "p",
      { class: "timeline-code" },
      h("span", { class: "actor" }, actorCell(event.source_code, event.source_name)),
      " → ",
      h("span", { class: "actor" }, actorCell(event.target_code, event.target_name)),
      " ",
      cameoBadge(event.cameo, event.cameo_name, event.quad_class),
      eventPlace(event) ? h("span", { class: "place" }, ` · ${eventPlace(event)}`) : null,
      " ",
      open,
    ),
    event.evidence_sentence ? h("p", { class: "sentence" }, event.evidence_sentence) : null,
  );
}

/** Events grouped by their date, in order. */
function byDay(events) {
  const days = new Map();
  for (const event of events) {
    const day = event.date ? dateAtPrecision(event.date, event.event_date ? event.date_granularity : "day") : "undated";
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(event);
  }
  return days;
}

export function createTimelineView({ api, openEvent }) {
  const form = document.getElementById("timeline-form");
  const status = document.getElementById("timeline-status");
  const list = document.getElementById("timeline-list");
  let loaded = false;

  attachActorSuggestions(api, document.getElementById("timeline-actor"));
  attachActorSuggestions(api, document.getElementById("timeline-actor-b"));

  async function fetchEvents({ actor, b, from, to }) {
    if (!actor) {
      // No actor yet: the latest events of the store, newest first.
      const page = await api.get("/v1/events", { from, to, sort: "-date", limit: LATEST });
      return { events: page.events, total: page.total, latest: true };
    }
    const common = { from, to, sort: "date", limit: LIMIT };
    const pages = b
      ? await Promise.all([
          api.get("/v1/events", { ...common, dyad: `${actor},${b}` }),
          api.get("/v1/events", { ...common, dyad: `${b},${actor}` }),
        ])
      : [await api.get("/v1/events", { ...common, actor })];
    const seen = new Map();
    for (const page of pages) for (const event of page.events) seen.set(event.event_id, event);
    const events = [...seen.values()].sort((x, y) => (x.date || "").localeCompare(y.date || ""));
    return { events, total: pages.reduce((n, p) => n + p.total, 0) };
  }

  async function load() {
    const values = formValues(form);
    if (!values.actor && values.b) {
      setStatus(status, "Enter the first actor too (or clear the second one).", "error");
      return;
    }
    setStatus(status, "Loading…");
    loaded = true;
    try {
      const { events, total, latest } = await fetchEvents(values);
      const days = byDay(events);
      replace(
        list,
        h(
          "ol",
          { class: "timeline-days" },
          [...days].map(([day, dayEvents]) =>
            h(
              "li",
              { class: "timeline-day" },
              h("h3", null, h("time", { datetime: day }, day), h("span", { class: "count" }, ` ${dayEvents.length}`)),
              h("ul", { class: "timeline-events" }, dayEvents.map((e) => timelineItem(e, openEvent))),
            ),
          ),
        ),
      );
      const shown = events.length < total ? ` (${latest ? "the latest" : "the first"} ${events.length} of ${total})` : "";
      const what = latest ? "Latest events, newest first: enter an actor to follow one" : `${events.length} events on ${days.size} days`;
      setStatus(status, events.length ? `${what}${shown}.` : "No events.");
    } catch (error) {
      replace(list);
      setStatus(status, error.describe ? error.describe() : String(error), "error");
    }
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  return {
    show() {
      if (!loaded) load(); // the latest events until an actor is chosen
    },
  };
}
