// Highlighting the spans of coded mentions in an article. Spans of different mentions may overlap (one actor
// is the source of three events), so the text is cut at every span boundary and each piece is wrapped in one
// <mark data-role data-mention> per span covering it, outermost first.

import { h } from "./dom.js";

/** Roles from the outermost to the innermost mark; the innermost colour shows. */
export const ROLES = ["location", "date", "attributed", "source", "target", "trigger"];

export const ROLE_LABELS = {
  source: "source actor",
  target: "target actor",
  trigger: "trigger",
  location: "place",
  date: "date",
  attributed: "attributed to",
};

/**
 * Offsets from the API count Unicode code points (Python); JavaScript strings count UTF-16 units.
 * Returns a function code point offset -> UTF-16 offset.
 */
export function codePointToUtf16(text) {
  const units = [0];
  for (const char of text) units.push(units[units.length - 1] + char.length);
  return (offset) => units[Math.max(0, Math.min(offset, units.length - 1))];
}

function spanOf(role, mention, part, text, toUnits) {
  if (!part || !Number.isInteger(part.start) || !Number.isInteger(part.end)) return null;
  let start = toUnits(part.start);
  let end = toUnits(part.end);
  if (part.text && text.slice(start, end) !== part.text) {
    // The offsets disagree with the text (e.g. the server changed the text): use the nearest occurrence.
    const before = text.lastIndexOf(part.text, start);
    const after = text.indexOf(part.text, start);
    const found = [before, after].filter((i) => i >= 0).sort((a, b) => Math.abs(a - start) - Math.abs(b - start));
    if (!found.length) return null;
    start = found[0];
    end = start + part.text.length;
  }
  return start < end ? { role, mention, start, end } : null;
}

/**
 * All highlightable spans of the mentions, as UTF-16 offsets into `text`. The words a mention's date came
 * from are in its explanation (`date_evidence`), when explanations were asked for.
 */
export function mentionSpans(mentions, text, explanations = []) {
  const toUnits = codePointToUtf16(text);
  const spans = [];
  mentions.forEach((m, index) => {
    const parts = {
      source: m.source,
      target: m.target,
      trigger: m.trigger,
      location: m.location,
      date: explanations[index] ? explanations[index].date_evidence : null,
      attributed: m.attributed_to,
    };
    for (const [role, part] of Object.entries(parts)) {
      const span = spanOf(role, index, part, text, toUnits);
      if (span) spans.push(span);
    }
  });
  return spans;
}

function byNesting(a, b) {
  return ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.mention - b.mention;
}

/** Nodes for `text` with `spans` marked: plain text nodes and nested <mark> elements. */
export function highlightedNodes(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const span of spans) {
    cuts.add(Math.min(span.start, text.length));
    cuts.add(Math.min(span.end, text.length));
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const [from, to] = [bounds[i], bounds[i + 1]];
    const covering = spans.filter((sp) => sp.start <= from && sp.end >= to).sort(byNesting);
    let node = document.createTextNode(text.slice(from, to));
    for (const span of covering.reverse()) {
      node = h("mark", { class: `hl hl-${span.role}`, dataset: { role: span.role, mention: span.mention } }, node);
    }
    nodes.push(node);
  }
  return nodes;
}

/** The legend of highlight colours. */
export function legend() {
  return ROLES.map((role) => h("span", { class: `legend-item hl hl-${role}` }, ROLE_LABELS[role]));
}
