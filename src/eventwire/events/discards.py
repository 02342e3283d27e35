"""Sentence discards: sport and entertainment, decided by the sentence's words, actors and main verb.

The vocabulary is data (``eventwire/data/discards.yaml``, where the rule is written out). A sentence is
discarded when it carries a sports cue (an unambiguous phrase; or an ambiguous word such as "league",
"coach", "marathon" beside a second cue) and no political actor acts in it other than through a sports
predicate. Words inside an actor's name ("the Arab League") are no cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import DictionaryError

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ..actors import ActorMatch

_KEYS = ("sport", "ambiguous", "sports_predicates", "political_sectors")


def _phrases(raw: dict[str, Any], key: str) -> frozenset[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(p, str) and p.strip() for p in value):
        raise DictionaryError(f"`{key}` must be a non-empty list of phrases", path="discards.yaml", code="E141")
    return frozenset(p.strip().lower() for p in value)


def _pattern(phrases: frozenset[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Discards:
    """The sport/entertainment vocabulary and the rule that applies it to a parsed sentence."""

    sport: re.Pattern[str]
    ambiguous: re.Pattern[str]
    sports_predicates: frozenset[str]
    political_sectors: frozenset[str]

    def reason(self, sent: Span, actors: Sequence[ActorMatch]) -> str | None:
        """Why ``sent`` is sport or entertainment rather than a political event, or None to code it.

        ``actors`` are the actor matches in the sentence (token spans into its document)."""
        text = sent.text
        base = sent.start_char
        named = [(sent.doc[m.start].idx - base, sent.doc[m.end - 1].idx + len(sent.doc[m.end - 1]) - base)
                 for m in actors]

        def cues(pattern: re.Pattern[str], taken: list[tuple[int, int]]) -> list[re.Match[str]]:
            return [m for m in pattern.finditer(text)
                    if not any(start <= m.start() and m.end() <= end for start, end in taken)]

        strong_hits = cues(self.sport, named)
        # a word inside a sport phrase ("league" in "Champions League") is not a second cue
        weak_hits = cues(self.ambiguous, named + [h.span() for h in strong_hits])
        strong = [h.group(0) for h in strong_hits]
        weak = sorted({h.group(0).lower() for h in weak_hits})
        if not strong and not weak:
            return None
        verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.sports_predicates]
        if not strong and len(weak) < 2 and not verbs:
            return None  # "marathon talks", "a coach carrying pilgrims": one ambiguous word is no sport
        main = {sent.root.i, *(c.i for c in sent.root.conjuncts)}
        result = [t.lemma_.lower() for t in verbs if t.i in main]
        political = next((m for m in actors if self._political(m)), None)
        if political is not None and not result:
            return None  # "police fired tear gas at football fans": a political actor acts
        words = ", ".join(repr(w) for w in (*strong, *weak))
        why = f"sports predicate {result[0]!r}" if result else "no political actor"
        return f"sport or entertainment: {words}; {why} (data/discards.yaml)"

    def _political(self, m: ActorMatch) -> bool:
        if m.kind in ("country", "capital", "demonym", "people"):
            return False  # in a sports story a country or its capital is a team or a venue
        if m.code.startswith(("IGO", "NGO")) or m.kind in ("organization", "group"):
            return True
        return m.sector in self.political_sectors or m.kind == "person"


@lru_cache(maxsize=1)
def load_discards() -> Discards:
    text = (resources.files("eventwire") / "data" / "discards.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict) or set(raw) != set(_KEYS):
        raise DictionaryError(f"expected exactly the keys {', '.join(_KEYS)}", path="discards.yaml", code="E141")
    return Discards(
        sport=_pattern(_phrases(raw, "sport")),
        ambiguous=_pattern(_phrases(raw, "ambiguous")),
        sports_predicates=_phrases(raw, "sports_predicates"),
        political_sectors=frozenset(s.upper() for s in _phrases(raw, "political_sectors")),
    )
