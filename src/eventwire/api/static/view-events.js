// "Events": the deduplicated events with filters, sorting and pages; a row opens the event with its evidence.

import { queryString } from "./api.js";
import { formValues, h, replace, safeLink, setStatus } from "./dom.js";
import { actorCell, actorLabel, cameoBadge, dateAtPrecision, eventPlace, formatNumber } from "./format.js";
import { codePointToUtf16 } from "./highlight.js";

const PAGE_SIZE = 50;

/** The evidence sentence with the trigger marked; offsets are into the article, so sentence_start is taken off. */
function sentenceWithTrigger(mention) {
  const sentence = mention.sentence || "";
  const trigger = mention.trigger;
  if (!trigger || !Number.isInteger(mention.sentence_start)) return [sentence];
  const toUnits = codePointToUtf16(sentence);
  let start = toUnits(trigger.start - mention.sentence_start);
  let end = toUnits(trigger.end - mention.sentence_start);
  if (sentence.slice(start, end) !== trigger.text) {
    start = sentence.indexOf(trigger.text);
    end = start + (trigger.text || "").length;
  }
  if (start < 0 || end <= start) return [sentence];
  return [
    sentence.slice(0, start),
    h("mark", { class: "hl hl-trigger", dataset: { role: "trigger" } }, sentence.slice(start, end)),
    sentence.slice(end),
  ];
}

function eventRow(event) {
  return h(
    "tr",
    { class: "event-row", tabindex: "0", dataset: { eventId: event.event_id } },
    h("td", { class: "nowrap" }, dateAtPrecision(event.date, event.event_date ? event.date_granularity : "day")),
    h("td", { class: "actor-cell" }, actorCell(event.source_code, event.source_name)),
    h("td", { class: "event-cell" }, cameoBadge(event.cameo, event.cameo_name, event.quad_class)),
    h("td", { class: "actor-cell" }, actorCell(event.target_code, event.target_name)),
    h("td", null, eventPlace(event) || "—"),
    h("td", { class: "num" }, formatNumber(event.goldstein)),
    h("td", { class: "num" }, event.num_mentions ?? "—"),
    h("td", { class: "evidence" }, event.evidence_sentence || ""),
  );
}

function detailFacts(event) {
  const rows = [
    ["Date", `${dateAtPrecision(event.date, event.event_date ? event.date_granularity : "day")} (${event.date_basis || "no basis"})`],
    ["Seen", `${event.first_seen || "—"} to ${event.last_seen || "—"}`],
    ["Place", eventPlace(event) || "—"],
    ["Goldstein", formatNumber(event.goldstein)],
    ["PLOVER", [event.plover_type, event.plover_mode].filter(Boolean).join(" / ") || "—"],
    ["Reports", `${event.num_mentions ?? 0} mentions, ${event.num_articles ?? 0} articles, ${event.num_sources ?? 0} sources`],
    ["Confidence", formatNumber(event.confidence, 2)],
  ];
  return h("dl", { class: "facts" }, rows.map(([term, value]) => [h("dt", null, term), h("dd", null, value)]));
}

function mentionItem(mention) {
  return h(
    "li",
    { class: "detail-mention" },
    h("p", { class: "sentence" }, sentenceWithTrigger(mention)),
    h(
      "p",
      { class: "meta" },
      `${actorLabel(mention.source)} → ${actorLabel(mention.target)} · ${mention.cameo} · `,
      `article ${mention.article_id}${mention.publication_date ? ` (${mention.publication_date})` : ""}`,
      mention.rule ? ` · rule ${mention.rule}` : "",
    ),
  );
}

function articleItem(article) {
  const title = article.title || article.id;
  return h(
    "li",
    null,
    article.url ? safeLink(article.url, title) : title,
    [article.source, article.date].filter(Boolean).length ? ` — ${[article.source, article.date].filter(Boolean).join(", ")}` : "",
  );
}

export function createEventsView({ api }) {
  const form = document.getElementById("events-filters");
  const table = document.getElementById("events-table");
  const body = table.querySelector("tbody");
  const status = document.getElementById("events-status");
  const prev = document.getElementById("events-prev");
  const next = document.getElementById("events-next");
  const range = document.getElementById("events-range");
  const csv = document.getElementById("events-csv");
  const detail = document.getElementById("event-detail");
  const state = { filters: {}, sort: "-date", offset: 0, loaded: false };

  function updateSortHeaders() {
    for (const th of table.querySelectorAll("th[data-sort]")) {
      const key = th.dataset.sort;
      const direction = state.sort === key ? "ascending" : state.sort === `-${key}` ? "descending" : "none";
      th.setAttribute("aria-sort", direction);
      const button = th.querySelector("button");
      button.dataset.direction = direction;
    }
  }

  function setupSortHeaders() {
    for (const th of table.querySelectorAll("th[data-sort]")) {
      const label = th.textContent;
      const button = h("button", { type: "button", class: "sort-button", "aria-label": `Sort by ${label}` }, label);
      button.addEventListener("click", () => {
        const key = th.dataset.sort;
        state.sort = state.sort === key ? `-${key}` : key;
        state.offset = 0;
        load();
      });
      replace(th, button);
    }
  }

  async function load() {
    state.loaded = true;
    const params = { ...state.filters, sort: state.sort, limit: PAGE_SIZE, offset: state.offset };
    csv.href = `/v1/events${queryString({ ...state.filters, sort: state.sort, format: "csv", limit: 1000 })}`;
    updateSortHeaders();
    setStatus(status, "Loading…");
    try {
      const page = await api.get("/v1/events", params);
      replace(body, page.events.map(eventRow));
      const first = page.total ? page.offset + 1 : 0;
      range.textContent = `${first}–${page.offset + page.events.length} of ${page.total}`;
      prev.disabled = page.offset === 0;
      next.disabled = !page.next;
      setStatus(status, page.total ? "" : "No events match these filters.");
    } catch (error) {
      replace(body);
      range.textContent = "";
      setStatus(status, error.describe ? error.describe() : String(error), "error");
    }
  }

  function markOpen(eventId) {
    for (const row of body.querySelectorAll("tr.event-row")) {
      const open = row.dataset.eventId === eventId;
      row.classList.toggle("open", open);
      row.setAttribute("aria-expanded", String(open));
    }
  }

  /** Open the panel; the list narrows beside it and its rows grow taller, so the page is scrolled to keep the
   * row that was clicked where it was on the screen. */
  function openPanel(eventId) {
    const row = [...body.querySelectorAll("tr.event-row")].find((r) => r.dataset.eventId === eventId);
    const top = row ? row.getBoundingClientRect().top : null;
    detail.hidden = false;
    document.body.classList.add("panel-open");
    if (row) {
      window.scrollBy(0, row.getBoundingClientRect().top - top);
      const bottom = row.getBoundingClientRect().bottom;
      if (bottom > window.innerHeight) window.scrollBy(0, bottom - window.innerHeight + 8);
    }
  }

  /** The event's detail in the side panel, beside the list: the page does not move. */
  async function openEvent(eventId) {
    openPanel(eventId);
    markOpen(eventId);
    replace(detail, h("p", { class: "status" }, "Loading event…"));
    try {
      const answer = await api.get(`/v1/events/${encodeURIComponent(eventId)}`);
      renderDetail(answer);
    } catch (error) {
      replace(detail, h("p", { class: "status error" }, error.describe ? error.describe() : String(error)));
    }
    detail.focus({ preventScroll: true });
  }

  function closeEvent() {
    detail.hidden = true;
    document.body.classList.remove("panel-open");
    const open = body.querySelector("tr.event-row.open");
    markOpen(null);
    if (open) open.focus({ preventScroll: true });
  }

  function renderDetail({ event, mentions, articles }) {
    const close = h("button", { type: "button", class: "secondary close", "aria-label": "Close event" }, "Close");
    close.addEventListener("click", closeEvent);
    replace(
      detail,
      h(
        "header",
        { class: "detail-header" },
        h(
          "h3",
          { id: "event-detail-heading" },
          actorCell(event.source_code, event.source_name), " → ", actorCell(event.target_code, event.target_name), ": ",
          cameoBadge(event.cameo, event.cameo_name, event.quad_class),
        ),
        close,
      ),
      h("p", { class: "meta" }, `Event ${event.event_id}`),
      detailFacts(event),
      h("h4", null, `Mentions (${mentions.length})`),
      h("ol", { class: "detail-mentions" }, mentions.map(mentionItem)),
      articles.length ? [h("h4", null, "Articles"), h("ul", { class: "detail-articles" }, articles.map(articleItem))] : null,
    );
  }

  function rowFrom(target) {
    const row = target.closest("tr.event-row");
    return row && body.contains(row) ? row : null;
  }

  body.addEventListener("click", (e) => {
    const row = rowFrom(e.target);
    if (row) openEvent(row.dataset.eventId);
  });
  body.addEventListener("keydown", (e) => {
    const row = rowFrom(e.target);
    if (row && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      openEvent(row.dataset.eventId);
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    state.filters = formValues(form);
    state.offset = 0;
    load();
  });
  form.addEventListener("reset", () => {
    state.filters = {};
    state.offset = 0;
    setTimeout(load, 0);
  });
  prev.addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    load();
  });
  next.addEventListener("click", () => {
    state.offset += PAGE_SIZE;
    load();
  });
  detail.addEventListener("keydown", (e) => {
    if (e.key === "Escape") closeEvent();
  });
  setupSortHeaders();

  return {
    show() {
      if (!state.loaded) load();
    },
    hide() {
      if (!detail.hidden) closeEvent();
    },
    openEvent,
  };
}
