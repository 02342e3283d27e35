// "Try it": code one pasted article with explanations and show what was coded, highlighted in the text.

import { h, replace, setStatus } from "./dom.js";
import { actorLabel, cameoBadge, formatNumber, QUAD_NAMES, todayIso } from "./format.js";
import { highlightedNodes, legend, mentionSpans } from "./highlight.js";

// The optional first line of a .txt article (docs/contracts.md): "date YYYY-MM-DD", leading space allowed.
const DATE_PREFIX = /^\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:\s+|$)/;

/** Split a leading "date YYYY-MM-DD" off an article: {date, text}; date is null without one. */
export function splitDatePrefix(text) {
  const match = DATE_PREFIX.exec(text);
  if (!match || Number.isNaN(Date.parse(match[1]))) return { date: null, text };
  return { date: match[1], text: text.slice(match[0].length) };
}

function fact(term, ...description) {
  return [h("dt", null, term), h("dd", null, ...description)];
}

function whereText(location) {
  if (!location) return "not located";
  const detail = [location.country, location.feature].filter(Boolean).join(", ");
  const coords =
    typeof location.lat === "number" && typeof location.lon === "number"
      ? ` at ${location.lat.toFixed(2)}, ${location.lon.toFixed(2)}`
      : "";
  return `${location.name}${detail ? ` (${detail})` : ""}${coords}`;
}

function whenText(mention) {
  if (!mention.event_date) return "unknown date";
  const how = [mention.date_basis, mention.date_granularity].filter(Boolean).join(", ");
  return `${mention.event_date}${how ? ` (${how})` : ""}`;
}

function flagList(mention) {
  const flags = [];
  if (mention.negated) flags.push(h("span", { class: "flag flag-negated" }, "negated"));
  if (mention.hypothetical) flags.push(h("span", { class: "flag flag-hypothetical" }, "hypothetical"));
  if (mention.attributed_to) {
    flags.push(h("span", { class: "flag flag-attributed" }, `attributed to ${actorLabel(mention.attributed_to)}`));
  }
  for (const flag of mention.date_flags || []) flags.push(h("span", { class: "flag" }, `date: ${flag}`));
  return flags.length ? flags : ["none"];
}

function explanationBlock(explanation, mention) {
  if (!explanation) return null;
  const date = [explanation.date_basis, explanation.date_granularity, ...(explanation.date_flags || [])]
    .filter(Boolean)
    .join(", ");
  return h(
    "details",
    { class: "explanation" },
    h("summary", null, "Why this code"),
    h(
      "dl",
      { class: "facts" },
      fact("Rule", h("code", null, explanation.rule || "—")),
      fact("CAMEO " + mention.cameo, explanation.cameo_description || mention.cameo_name),
      fact("Source entry", explanation.source_entry || "—"),
      fact("Target entry", explanation.target_entry || "—"),
      explanation.attributed_to_entry ? fact("Attributed-to entry", explanation.attributed_to_entry) : null,
      fact("Date basis", date || "—"),
      fact("Location basis", explanation.location_basis || "—"),
    ),
  );
}

function codeLine(mention) {
  const plover = mention.plover && mention.plover.type ? `PLOVER ${mention.plover.type}` : "no PLOVER type";
  return h(
    "p",
    { class: "mention-line" },
    h("span", { class: "actor actor-source" }, actorLabel(mention.source)),
    h(
      "span",
      { class: "relation" },
      " —[",
      cameoBadge(mention.cameo, mention.cameo_name, mention.quad_class),
      `, Goldstein ${formatNumber(mention.goldstein)}, ${plover}]→ `,
    ),
    h("span", { class: "actor actor-target" }, actorLabel(mention.target)),
  );
}

function mentionCard(mention, explanation, index) {
  return h(
    "article",
    {
      class: `mention-card quad-border-${mention.quad_class}`,
      tabindex: "0",
      "aria-label": `Event ${index + 1}: ${mention.cameo} ${mention.cameo_name}`,
      dataset: {
        mention: index,
        cameo: mention.cameo,
        source: mention.source ? mention.source.code : "",
        target: mention.target ? mention.target.code : "",
      },
    },
    codeLine(mention),
    h("p", { class: "sentence" }, mention.sentence),
    h(
      "dl",
      { class: "facts" },
      fact("Where", whereText(mention.location)),
      fact("When", whenText(mention)),
      fact("Flags", ...flagList(mention)),
      fact("Class", `${mention.quad_class} ${QUAD_NAMES[mention.quad_class] || ""}`),
      fact("Confidence", formatNumber(mention.confidence, 2)),
    ),
    explanationBlock(explanation, mention),
  );
}

export function createTryView({ api }) {
  const form = document.getElementById("try-form");
  const textarea = document.getElementById("article-text");
  const dateInput = document.getElementById("article-date");
  const button = document.getElementById("code-button");
  const status = document.getElementById("try-status");
  const result = document.getElementById("try-result");
  const articleView = document.getElementById("article-view");
  const list = document.getElementById("mention-list");
  let pinned = null;

  if (!dateInput.value) dateInput.value = todayIso();
  replace(document.getElementById("try-legend"), h("span", { class: "legend-title" }, "Highlights:"), legend());

  function takeDatePrefix() {
    const { date, text } = splitDatePrefix(textarea.value);
    if (date) {
      dateInput.value = date;
      textarea.value = text;
    }
  }

  function setActive(index) {
    const active = index === null ? null : String(index);
    articleView.classList.toggle("has-active", active !== null);
    for (const mark of articleView.querySelectorAll("mark")) {
      mark.classList.toggle("active", mark.dataset.mention === active);
    }
    for (const card of list.querySelectorAll(".mention-card")) {
      card.classList.toggle("active", card.dataset.mention === active);
      card.classList.toggle("pinned", card.dataset.mention === pinned);
    }
  }

  /** Scroll the article (not the page) so the mention's first mark is in view. */
  function revealInArticle(index) {
    const mark = articleView.querySelector(`mark[data-mention="${index}"]`);
    if (!mark) return;
    const top = mark.getBoundingClientRect().top - articleView.getBoundingClientRect().top;
    if (top < 0 || top > articleView.clientHeight - 40) {
      articleView.scrollTop += top - articleView.clientHeight / 3;
    }
  }

  function pin(index) {
    pinned = pinned === String(index) ? null : String(index);
    setActive(pinned);
    if (pinned !== null) revealInArticle(pinned);
  }

  list.addEventListener("mouseover", (event) => {
    const card = event.target.closest(".mention-card");
    if (card && !card.classList.contains("active")) {
      setActive(card.dataset.mention);
      revealInArticle(card.dataset.mention);
    }
  });
  list.addEventListener("mouseleave", () => setActive(pinned));
  list.addEventListener("focusin", (event) => {
    const card = event.target.closest(".mention-card");
    if (card) {
      setActive(card.dataset.mention);
      revealInArticle(card.dataset.mention);
    }
  });
  list.addEventListener("focusout", () => setActive(pinned));
  list.addEventListener("click", (event) => {
    const card = event.target.closest(".mention-card");
    if (card && !event.target.closest("summary")) pin(card.dataset.mention);
  });
  list.addEventListener("keydown", (event) => {
    const card = event.target.closest(".mention-card");
    if (card && event.target === card && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      pin(card.dataset.mention);
    }
  });
  articleView.addEventListener("click", (event) => {
    const mark = event.target.closest("mark");
    if (!mark) return;
    pinned = null;
    pin(mark.dataset.mention);
    const card = list.querySelector(`.mention-card[data-mention="${mark.dataset.mention}"]`);
    if (card) card.scrollIntoView({ block: "nearest", behavior: "smooth" });
  });

  function render(text, answer) {
    const mentions = answer.mentions || [];
    const explanations = answer.explanations || [];
    pinned = null;
    replace(articleView, highlightedNodes(text, mentionSpans(mentions, text, explanations)));
    const cards = mentions.map((m, i) => mentionCard(m, explanations[i], i));
    const rejects = (answer.rejects || []).map((r) => h("p", { class: "error" }, `[${r.code}] ${r.reason}`));
    replace(list, cards.length ? cards : h("p", { class: "empty" }, "No events were coded in this text."), rejects);
    result.hidden = false;
    setActive(null);
  }

  async function run() {
    takeDatePrefix();
    const text = textarea.value;
    if (!text.trim()) {
      setStatus(status, "Paste an article first.", "error");
      textarea.focus();
      return;
    }
    const article = { text, date: dateInput.value || null };
    button.disabled = true;
    setStatus(status, "Coding…");
    try {
      const answer = await api.code(
        { articles: [article], explain: true, store: false },
        { onProgress: (job) => setStatus(status, `Coding… (${job.status})`) },
      );
      render(text, answer);
      const n = (answer.mentions || []).length;
      setStatus(status, `${n} event mention${n === 1 ? "" : "s"} coded.`);
    } catch (error) {
      setStatus(status, error.describe ? error.describe() : String(error), "error");
    } finally {
      button.disabled = false;
    }
  }

  textarea.addEventListener("input", (event) => {
    if (event.inputType === "insertFromPaste") takeDatePrefix();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });

  return { show() {} };
}
