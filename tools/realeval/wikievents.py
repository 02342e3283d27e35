"""WikiEvents (KAIROS events with arguments) scored against CAMEO mentions.

Definitions (also in docs/real-text-eval.md):

- The text coded is the article's sentences joined by newlines (WikiEvents' own ``text`` field runs
  sentences together without a space); every gold offset is moved onto that text. The articles carry no
  date: every one is coded as published on ``FIXED_DATE``.
- A gold event is *in scope* when its KAIROS type maps to CAMEO roots (``kairos_cameo.yaml``); the roots
  listed there are the *acceptable* roots of the event.
- *Recall (sentence level)*: an in-scope gold event is found when its sentence (WikiEvents' sentence) holds a
  mention whose root is acceptable. One mention may find several gold events (CAMEO codes one attack where
  KAIROS marks the attack, the deaths and the injuries). *Trigger-level recall* also asks that the mention's
  trigger overlap the gold trigger.
- *Precision*: of the mentions whose root is *judgeable* (some in-scope KAIROS type maps to it), the share
  whose sentence holds an in-scope gold event that accepts the root. Mentions of other roots (KAIROS has no
  type for praise, rejection, force posture...) are counted as unjudged.
- *Recall with a participant* (a second figure; the headline stays the one above): recall over the in-scope
  gold events that name at least one argument in a source or target role. A third of WikiEvents' events
  name none ("the explosion", "the bombing" repeated through an article, "there were injuries"); a CAMEO
  coder codes who did what to whom and, by its conventions, nothing when no actor is named, so these
  events are out of its reach. The headline is left unchanged so that figures stay comparable across
  rounds; this one says how much of the gap is events with nobody named.
- *Precision without statements* (a second figure; the headline stays the one above): the same, leaving out
  mentions of root 01 (plain statements). KAIROS marks "X said" in some sentences and not in others of the
  same kind, so a statement KAIROS left unmarked counts as a false positive though CAMEO codes it; this
  figure shows precision on the other roots. (GVA's precision leaves neutral roots out for a like reason.)
- *Source/target agreement*: for a found gold event, its best mention (trigger overlap first, then most sides
  agreeing) agrees on a side when its actor's character span overlaps the span of an argument in a role of
  that side (``roles`` in the mapping), or has the same text (case-insensitive). Scored over found events
  whose gold has an argument on that side; *both* over those with both sides.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .common import Text, length_bucket, load_mapping, ratio

FIXED_DATE = date(2020, 1, 1)
SIDES = ("source", "target")


@dataclass(frozen=True, slots=True)
class KairosMapping:
    types: dict[str, dict[str, Any]]
    source_roles: frozenset[str]
    target_roles: frozenset[str]
    either_roles: frozenset[str]

    @classmethod
    def load(cls) -> KairosMapping:
        data = load_mapping("kairos_cameo.yaml")
        roles = data["roles"]
        return cls(data["types"], frozenset(roles["source"]), frozenset(roles["target"]),
                   frozenset(roles.get("either", ())))

    def entry(self, event_type: str) -> dict[str, Any] | None:
        """The exact entry, else the longest ``prefix.*`` entry that covers the type."""
        if event_type in self.types:
            return self.types[event_type]
        best = None
        for key in self.types:
            if key.endswith(".*") and event_type.startswith(key[:-1]) and (best is None or len(key) > len(best)):
                best = key
        return self.types[best] if best else None

    def roots(self, event_type: str, roles: set[str]) -> tuple[frozenset[str] | None, str]:
        """(acceptable roots, why) for an event; roots None when the event is out of scope or unmapped."""
        entry = self.entry(event_type)
        if entry is None:
            return None, "unmapped"
        if "out_of_scope" in entry:
            return None, "out_of_scope"
        if roles & set(entry.get("unless_roles", ())):
            return None, "out_of_scope"
        return frozenset(entry["roots"]), "in_scope"

    def side_roles(self, side: str) -> frozenset[str]:
        """Roles on ``side``; symmetric roles are on both (see ``_document`` for a lone participant)."""
        return (self.source_roles if side == "source" else self.target_roles) | self.either_roles

    @property
    def judgeable_roots(self) -> frozenset[str]:
        return frozenset(r for entry in self.types.values() for r in entry.get("roots", ()))


@dataclass(slots=True)
class GoldEvent:
    event_type: str
    sentence: int
    trigger: tuple[int, int]
    roots: frozenset[str] | None
    scope: str
    arguments: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)  # side -> spans


@dataclass(slots=True)
class Document:
    id: str
    text: str
    sentence_starts: list[int]
    sentence_tokens: list[int]
    events: list[GoldEvent]


def load_split(path: Path, mapping: KairosMapping) -> list[Document]:
    with path.open(encoding="utf-8") as handle:
        return [_document(json.loads(line), mapping) for line in handle if line.strip()]


def _document(raw: dict[str, Any], mapping: KairosMapping) -> Document:
    parts: list[str] = []
    starts: list[int] = []
    shift: list[int] = []  # per sentence: new offset - WikiEvents offset
    token_sentence: list[int] = []
    token_chars: list[tuple[int, int]] = []
    position = 0
    for s_index, (tokens, sentence_text) in enumerate(raw["sentences"]):
        starts.append(position)
        shift.append(position - tokens[0][1] if tokens else position)
        for _, start, end in tokens:
            token_sentence.append(s_index)
            token_chars.append((start + shift[-1], end + shift[-1]))
        parts.append(sentence_text)
        position += len(sentence_text) + 1
    text = "\n".join(parts)

    def chars(start_token: int, end_token: int) -> tuple[int, int]:
        return token_chars[start_token][0], token_chars[end_token - 1][1]

    entities = {e["id"]: e for e in raw["entity_mentions"]}
    events = []
    for ev in raw["event_mentions"]:
        roles = {a["role"] for a in ev["arguments"]}
        roots, scope = mapping.roots(ev["event_type"], roles)
        trig = ev["trigger"]
        gold = GoldEvent(ev["event_type"], trig["sent_idx"], chars(trig["start"], trig["end"]), roots, scope)
        either = []
        for arg in ev["arguments"]:
            entity = entities.get(arg["entity_id"])
            if entity is None:
                continue
            span = (*chars(entity["start"], entity["end"]), arg["text"])
            if arg["role"] in mapping.either_roles:
                either.append(span)
            for side in SIDES:
                if arg["role"] in mapping.side_roles(side):
                    gold.arguments.setdefault(side, []).append(span)
        # Symmetric roles (meeting participants) give both sides only when there are two of them; one alone
        # ("he said") is the doer.
        if either and len({text.casefold() for _, _, text in either}) < 2 and "target" in gold.arguments:
            gold.arguments["target"] = [span for span in gold.arguments["target"] if span not in either]
            if not gold.arguments["target"]:
                del gold.arguments["target"]
        events.append(gold)
    return Document(raw["doc_id"], text, starts, [len(tokens) for tokens, _ in raw["sentences"]], events)


def texts(documents: list[Document]) -> list[Text]:
    return [Text(d.id, d.text, FIXED_DATE) for d in documents]


def score(documents: list[Document], mentions: dict[str, list[Any]], mapping: KairosMapping) -> dict[str, Any]:
    judgeable = mapping.judgeable_roots
    c: Counter[str] = Counter()
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    by_bucket: dict[str, Counter[str]] = defaultdict(Counter)
    scope_counts: Counter[str] = Counter()
    excluded: Counter[str] = Counter()
    for doc in documents:
        by_sentence: dict[int, list[Any]] = defaultdict(list)
        for m in _one_per_event(mentions.get(doc.id, [])):
            by_sentence[bisect_right(doc.sentence_starts, m.trigger.start) - 1].append(m)
        accepted: dict[int, set[str]] = defaultdict(set)
        for ev in doc.events:
            scope_counts[ev.scope] += 1
            if ev.roots is None:
                excluded[ev.event_type] += 1
                continue
            accepted[ev.sentence] |= ev.roots
            family = ".".join(ev.event_type.split(".")[:2])
            bucket = length_bucket(doc.sentence_tokens[ev.sentence])
            hits = [m for m in by_sentence.get(ev.sentence, []) if m.cameo_root in ev.roots]
            best = max(hits, key=lambda m: _fit(ev, m), default=None)
            found = best is not None
            on_trigger = found and _overlaps(ev.trigger, (best.trigger.start, best.trigger.end))
            for tally in (c, by_type[family], by_bucket[bucket]):
                tally["gold"] += 1
                tally["found"] += found
                tally["found_trigger"] += on_trigger
            if ev.arguments:
                c["gold_participant"] += 1
                c["found_participant"] += found
            if not found:
                continue
            agree = {side: _agrees(ev, best, side) for side in SIDES if ev.arguments.get(side)}
            for side, ok in agree.items():
                c[f"{side}_total"] += 1
                c[f"{side}_agree"] += ok
            if len(agree) == 2:
                c["both_total"] += 1
                c["both_agree"] += all(agree.values())
        for s_index, sentence_mentions in by_sentence.items():
            for m in sentence_mentions:
                c["predicted"] += 1
                if m.cameo_root not in judgeable:
                    c["unjudged"] += 1
                    continue
                c["judged"] += 1
                c["correct"] += m.cameo_root in accepted.get(s_index, ())
                if m.cameo_root != "01":
                    c["judged_events"] += 1
                    c["correct_events"] += m.cameo_root in accepted.get(s_index, ())
    return {
        "documents": len(documents),
        "gold_events": sum(scope_counts.values()),
        "in_scope": scope_counts["in_scope"],
        "out_of_scope": scope_counts["out_of_scope"],
        "unmapped": scope_counts["unmapped"],
        "excluded_types": dict(excluded.most_common()),
        "mentions": c["predicted"],
        "unjudged_mentions": c["unjudged"],
        "recall": ratio(c["found"], c["gold"]),
        "recall_trigger": ratio(c["found_trigger"], c["gold"]),
        "recall_participant": ratio(c["found_participant"], c["gold_participant"]),
        "precision": ratio(c["correct"], c["judged"]),
        "precision_no_statements": ratio(c["correct_events"], c["judged_events"]),
        "source_agreement": ratio(c["source_agree"], c["source_total"]),
        "target_agreement": ratio(c["target_agree"], c["target_total"]),
        "both_agreement": ratio(c["both_agree"], c["both_total"]),
        "recall_by_length": {label: ratio(t["found"], t["gold"]) for label, t in sorted(by_bucket.items())},
        "recall_by_type": {family: ratio(t["found"], t["gold"]) for family, t in sorted(by_type.items())},
    }


def _one_per_event(mentions: list[Any]) -> list[Any]:
    """Mentions that differ only by place are one event."""
    seen: dict[tuple[Any, ...], Any] = {}
    for m in mentions:
        key = (m.trigger.start, m.cameo, m.source and m.source.code, m.target and m.target.code)
        seen.setdefault(key, m)
    return list(seen.values())


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _agrees(ev: GoldEvent, mention: Any, side: str) -> bool:
    actor = getattr(mention, side)
    if actor is None:
        return False
    span = (actor.start, actor.end)
    words = actor.text.casefold()
    return any(_overlaps(span, (start, end)) or text.casefold() == words for start, end, text in ev.arguments[side])


def _fit(ev: GoldEvent, mention: Any) -> tuple[int, int]:
    on_trigger = _overlaps(ev.trigger, (mention.trigger.start, mention.trigger.end))
    return on_trigger, sum(_agrees(ev, mention, side) for side in SIDES if ev.arguments.get(side))
