"""Error breakdown of the tuning split (``eval_real_events.py --errors``): what the false positives and the
misses are, grouped by class, so that work goes to the largest class first.

Only the tuning splits may be broken down this way (WikiEvents dev); the untouched split is scored, never
read. Definitions follow ``wikievents.py``:

- a *false positive* is a judged mention (its root is one some KAIROS type maps to) whose sentence holds no
  in-scope gold event accepting its root. Its class is the first that applies, in this order:
  ``root`` (the sentence holds in-scope gold events, of other roots), ``out-of-scope gold`` (the sentence
  holds only gold events out of scope: a disaster, a transport), ``no-source`` (no source actor),
  ``pronoun source`` (the source came from a pronoun), ``no-target``, ``both sides`` (nothing is missing:
  KAIROS marks no such event there);
- a *miss* is an in-scope gold event with no mention of an accepted root in its sentence: ``other root``
  (the sentence has mentions, none of an accepted root), ``no mention`` (the sentence has no mention).

Each class is also counted by root and by trigger word, and a few examples are printed with the mention's
actors and rule.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .common import load_mapping
from .gva import GvaArticle
from .wikievents import Document, KairosMapping, _one_per_event

PRONOUNS = frozenset({"he", "she", "it", "they", "his", "her", "its", "their", "him", "them", "we", "i"})


@dataclass(slots=True)
class ErrorClass:
    count: int = 0
    roots: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def add(self, root: str, word: str, example: str, keep: int, rule: str = "") -> None:
        self.count += 1
        if rule:
            self.rules[rule] += 1
        self.roots[root] += 1
        self.words[word.casefold()] += 1
        if len(self.examples) < keep:
            self.examples.append(example)


def breakdown(documents: list[Document], mentions: dict[str, list[Any]], mapping: KairosMapping, *,
              examples: int = 6) -> dict[str, dict[str, ErrorClass]]:
    """{"false positives": {class: ErrorClass}, "misses": {class: ErrorClass}} for one split."""
    judgeable = mapping.judgeable_roots
    fps: dict[str, ErrorClass] = defaultdict(ErrorClass)
    misses: dict[str, ErrorClass] = defaultdict(ErrorClass)
    for doc in documents:
        by_sentence: dict[int, list[Any]] = defaultdict(list)
        for m in _one_per_event(mentions.get(doc.id, [])):
            by_sentence[bisect_right(doc.sentence_starts, m.trigger.start) - 1].append(m)
        accepted: dict[int, set[str]] = defaultdict(set)
        out_of_scope: set[int] = set()
        for ev in doc.events:
            if ev.roots is None:
                out_of_scope.add(ev.sentence)
            else:
                accepted[ev.sentence] |= ev.roots
        for s_index, sentence_mentions in by_sentence.items():
            for m in sentence_mentions:
                if m.cameo_root not in judgeable or m.cameo_root in accepted.get(s_index, ()):
                    continue
                fps[_fp_class(m, s_index, accepted, out_of_scope)].add(
                    m.cameo_root, m.trigger.text, _mention_line(doc, s_index, m), examples, rule_kind(m.rule))
        for ev in doc.events:
            if ev.roots is None:
                continue
            here = by_sentence.get(ev.sentence, [])
            if any(m.cameo_root in ev.roots for m in here):
                continue
            word = doc.text[ev.trigger[0]:ev.trigger[1]]
            kind = "other root" if here else "no mention"
            got = ", ".join(sorted({f"{m.cameo}:{m.trigger.text}" for m in here}))
            misses[kind].add(ev.event_type, word, f"[{ev.event_type} '{word}'] {_sentence(doc, ev.sentence)}"
                             + (f"  <- got {got}" if got else ""), examples)
    return {"false positives": dict(fps), "misses": dict(misses)}


def rule_kind(rule: str | None) -> str:
    """What kind of rule coded a mention: the learned typer, a speech verb's default, an event noun, a verb."""
    rule = rule or ""
    if rule.startswith("typer"):
        return "typer"
    if "speech default" in rule:
        return "speech default"
    if "implicit" in rule or "implied" in rule:
        return "implicit agent"
    if rule.startswith("nouns.yaml"):
        return "noun"
    return "verb"


def _fp_class(m: Any, s_index: int, accepted: dict[int, set[str]], out_of_scope: set[int]) -> str:
    if accepted.get(s_index):
        return "root"
    if s_index in out_of_scope:
        return "out-of-scope gold"
    if m.source is None:
        return "no-source"
    if m.source.text.casefold() in PRONOUNS:
        return "pronoun source"
    if m.target is None:
        return "no-target"
    return "both sides"


def _sentence(doc: Document, s_index: int, width: int = 220) -> str:
    start = doc.sentence_starts[s_index]
    end = doc.sentence_starts[s_index + 1] - 1 if s_index + 1 < len(doc.sentence_starts) else len(doc.text)
    text = " ".join(doc.text[start:end].split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _mention_line(doc: Document, s_index: int, m: Any) -> str:
    def side(actor: Any) -> str:
        return f"{actor.code}('{actor.text}')" if actor is not None else "-"

    return (f"[{m.cameo} '{m.trigger.text}' {side(m.source)} -> {side(m.target)}; {m.rule}] "
            f"{_sentence(doc, s_index)}")


def gva_breakdown(articles: list[GvaArticle], mentions: dict[str, list[Any]], *,
                  examples: int = 6) -> dict[str, dict[str, ErrorClass]]:
    """The GVA false positives of one split (call it on the tuning split only), as ``gva.score`` counts
    them: every judged mention (root not neutral) whose root the incident does not expect. Classed by what
    the root claims: an arrest where the record has none, violence where nobody was hurt, or another root."""
    neutral = set(load_mapping("gva_cameo.yaml")["neutral_roots"])
    fps: dict[str, ErrorClass] = defaultdict(ErrorClass)
    for article in articles:
        expected = frozenset().union(*article.expected.values())
        for m in mentions.get(article.doc_id, []):
            root = m.cameo_root
            if root in neutral or root in expected:
                continue
            label = ("arrest, none in the record" if root == "17" else
                     "violence, nobody hurt" if root in ("18", "19", "20") else f"root {root}")
            flags = "".join(f" [{f}]" for f in ("negated", "hypothetical") if getattr(m, f, False))
            who = f"{m.source.code if m.source else '-'} -> {m.target.code if m.target else '-'}"
            fps[label].add(m.cameo, m.trigger.text, f"{m.cameo} {who} [{m.trigger.text}]{flags}: "
                           f"{' '.join(m.sentence.split())[:180]}", examples, m.rule or "")
    return {"false positives": fps}


def format_breakdown(name: str, result: dict[str, dict[str, ErrorClass]]) -> str:
    lines = [f"Error breakdown: {name}"]
    for kind, classes in result.items():
        total = sum(c.count for c in classes.values())
        lines.append(f"  {kind}: {total}")
        for label, c in sorted(classes.items(), key=lambda item: -item[1].count):
            roots = ", ".join(f"{r} {n}" for r, n in c.roots.most_common(8))
            words = ", ".join(f"{w} {n}" for w, n in c.words.most_common(12))
            lines.append(f"    {label}: {c.count}  | by root/type: {roots}")
            lines.append(f"      words: {words}")
            if c.rules:
                lines.append("      rules: " + ", ".join(f"{r} {n}" for r, n in c.rules.most_common()))
            lines.extend(f"      e.g. {e}" for e in c.examples)
    return "\n".join(lines)
