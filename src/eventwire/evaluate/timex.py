"""Scoring temporal expressions (TIMEX3) against the gold set: the scorer behind ``eventwire eval-dates``.

::

    from eventwire.evaluate.timex import load_timex_gold, score_timex
    gold = load_timex_gold("tests/gold/timex.jsonl")
    report = score_timex(gold, {p.id: my_tagger(p.text, p.date) for p in gold})
    print(report.format_text())

A pure function over predicted expressions: any object (or dict) with ``start``, ``end`` (character offsets
into the passage text, half-open), ``type`` (DATE, TIME, DURATION, SET) and ``value`` (TIMEX3) will do.
Nothing here depends on the tagger. The gold format, the annotation conventions and the matching rules are
documented in docs/timex-gold-format.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from eventwire.errors import UsageError
from eventwire.evaluate.report import DetectionCounts, Ratio, _pct, _round, _table

from .common import align, run_on
from .timex_gold import (
    TIMEX_TYPES,
    GoldTimex,
    PredictedTimex,
    TimexGoldFormatError,
    TimexPassage,
    TimexTagger,
    TrapSpan,
    load_timex_gold,
    parse_timex_gold_line,
    predicted_timex,
)

__all__ = [
    "TIMEX_GROUPS",
    "TIMEX_TYPES",
    "GoldTimex",
    "KindScores",
    "PredictedTimex",
    "TimexError",
    "TimexEvalReport",
    "TimexGoldCoverage",
    "TimexGoldFormatError",
    "TimexPassage",
    "TimexScores",
    "TimexTagger",
    "TrapSpan",
    "evaluate_timex",
    "evaluate_timex_file",
    "load_timex_gold",
    "normalize_timex_value",
    "parse_timex_gold_line",
    "predicted_timex",
    "score_timex",
    "timex_gold_coverage",
]

#: Score groups: (key, label, gold/predicted types counted in it). "all" counts every expression.
TIMEX_GROUPS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("date_time", "DATE/TIME", frozenset({"DATE", "TIME"})),
    ("duration_set", "DURATION/SET", frozenset({"DURATION", "SET"})),
    ("all", "all", frozenset(TIMEX_TYPES)),
)
# Decades, centuries, millennia written as duration units (TIMEX2 habit): compared as years.
_LONG_UNITS = MappingProxyType({"DE": 10, "CE": 100, "ML": 1000})


def normalize_timex_value(value: str | None) -> str:
    """The form values are compared in: upper case, no spaces, ``P2DE`` as ``P20Y``, no ``:00`` seconds.

    Only spellings of the very same value are merged; ``P1W`` and ``P7D`` stay different.
    """
    if value is None:
        return ""
    text = value.strip().upper().replace(" ", "")
    text = re.sub(r"^P(\d+)(DE|CE|ML)$", lambda m: f"P{int(m[1]) * _LONG_UNITS[m[2]]}Y", text)
    return re.sub(r"(T\d{2}:\d{2}):00$", r"\1", text)




# --------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class _Pair:
    gold: GoldTimex
    predicted: PredictedTimex
    exact: bool

    @property
    def value_ok(self) -> bool:
        return normalize_timex_value(self.gold.value) == normalize_timex_value(self.predicted.value)

    @property
    def type_ok(self) -> bool:
        return self.gold.type == self.predicted.type


def _match(
    gold: Sequence[GoldTimex], predicted: Sequence[PredictedTimex]
) -> tuple[list[_Pair], list[int], list[int]]:
    """One-to-one pairs: exact spans first, then the largest overlaps. Returns pairs, unmatched gold/pred."""
    pairs: list[_Pair] = []
    free_gold = set(range(len(gold)))
    free_pred = set(range(len(predicted)))
    by_span = {(g.start, g.end): i for i, g in enumerate(gold)}
    for j, p in enumerate(predicted):
        i = by_span.get((p.start, p.end))
        if i is not None and i in free_gold:
            pairs.append(_Pair(gold[i], p, exact=True))
            free_gold.discard(i)
            free_pred.discard(j)
    candidates = sorted(
        (-(min(gold[i].end, predicted[j].end) - max(gold[i].start, predicted[j].start)), i, j)
        for i in free_gold
        for j in free_pred
        if gold[i].start < predicted[j].end and predicted[j].start < gold[i].end
    )
    for _, i, j in candidates:
        if i in free_gold and j in free_pred:
            pairs.append(_Pair(gold[i], predicted[j], exact=False))
            free_gold.discard(i)
            free_pred.discard(j)
    return pairs, sorted(free_gold), sorted(free_pred)


# ----------------------------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class TimexScores:
    """Scores of one group of types (DATE/TIME, DURATION/SET or all).

    Pairs and misses belong to the group of the gold type, unmatched predictions to the group of their
    predicted type. ``strict``: exact span; ``relaxed``: any overlap (one-to-one). ``value``/``type`` are
    accuracies over relaxed pairs; ``value_detection`` counts a pair as found only when its value is
    right too (TempEval-3's value F1).
    """

    name: str
    label: str
    gold: int
    predicted: int
    strict: DetectionCounts
    relaxed: DetectionCounts
    type: Ratio
    value: Ratio
    value_detection: DetectionCounts

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "gold": self.gold,
            "predicted": self.predicted,
            "strict": self.strict.to_dict(),
            "relaxed": self.relaxed.to_dict(),
            "type_accuracy": self.type.to_dict(),
            "value_accuracy": self.value.to_dict(),
            "value_f1": _round(self.value_detection.f1),
            "value_detection": self.value_detection.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class KindScores:
    """Per coverage kind (``weekday``, ``relative``...): how many gold expressions were found (relaxed)
    and how many of those got the right value."""

    kind: str
    found: Ratio
    value: Ratio

    def to_dict(self) -> dict[str, Any]:
        return {"found": self.found.to_dict(), "value_accuracy": self.value.to_dict()}


@dataclass(frozen=True, slots=True)
class TimexError:
    """One disagreement in one passage, for ``--errors``.

    ``kind``: ``missing`` (gold expression not found), ``spurious`` (prediction overlapping no gold
    expression), ``trap`` (a spurious prediction on a known trap such as "May" the modal), and for a
    relaxed pair ``span`` (boundaries differ), ``type`` or ``value`` (one error per problem).
    """

    passage_id: str
    line: int
    date: date
    text: str
    kind: str
    gold: GoldTimex | None
    predicted: PredictedTimex | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "passage_id": self.passage_id,
            "line": self.line,
            "date": self.date.isoformat(),
            "text": self.text,
            "kind": self.kind,
            "gold": self.gold.to_dict() if self.gold else None,
            "predicted": self.predicted.to_dict() if self.predicted else None,
        }

    def format_text(self) -> str:
        """``t017:17 value | gold 'last week' DATE 2020-W01 | predicted 'last week' DATE 2020-W02``."""
        parts = [f"{self.passage_id}:{self.line} {self.kind}"]
        if self.gold is not None:
            parts.append(f"gold {self.gold.text!r} {self.gold.type} {self.gold.value}")
        if self.predicted is not None:
            p = self.predicted
            parts.append(f"predicted {self.text[p.start : p.end]!r} {p.type} {p.value}")
        return " | ".join(parts) + f"\n    [{self.date.isoformat()} {self.date:%a}] {self.text}"


@dataclass(frozen=True, slots=True)
class TimexEvalReport:
    """Scores of a temporal tagger against a gold set (docs/timex-gold-format.md)."""

    passages: int
    gold_expressions: int
    predicted_expressions: int
    groups: tuple[TimexScores, ...]
    per_kind: tuple[KindScores, ...]
    traps: int
    traps_hit: int
    errors: tuple[TimexError, ...]

    def group(self, name: str) -> TimexScores:
        """Scores of group ``date_time``, ``duration_set`` or ``all``."""
        for scores in self.groups:
            if scores.name == name:
                return scores
        raise UsageError(f"unknown group {name!r}; use one of {[g.name for g in self.groups]}", code="E437")

    @property
    def date_time(self) -> TimexScores:
        return self.group("date_time")

    @property
    def duration_set(self) -> TimexScores:
        return self.group("duration_set")

    @property
    def overall(self) -> TimexScores:
        return self.group("all")

    def to_dict(self) -> dict[str, Any]:
        return {
            "passages": self.passages,
            "gold_expressions": self.gold_expressions,
            "predicted_expressions": self.predicted_expressions,
            "groups": {g.name: g.to_dict() for g in self.groups},
            "per_kind": {k.kind: k.to_dict() for k in self.per_kind},
            "traps": {"total": self.traps, "hit": self.traps_hit},
            "errors": [error.to_dict() for error in self.errors],
        }

    def format_text(self) -> str:
        """Plain-text tables (no colour, no markup) for the terminal."""
        detection_rows = [
            [g.label, str(g.gold), str(g.predicted), *_prf(g.strict), *_prf(g.relaxed)] for g in self.groups
        ]
        normalisation_rows = [
            [g.label, str(g.relaxed.tp), _pct(g.type.value), _pct(g.value.value), _pct(g.value_detection.f1)]
            for g in self.groups
        ]
        kind_rows = [
            [k.kind, str(k.found.total), _pct(k.found.value), _pct(k.value.value)] for k in self.per_kind
        ]
        lines = [
            f"Gold passages: {self.passages}   gold expressions: {self.gold_expressions}   "
            f"predicted expressions: {self.predicted_expressions}",
            "",
            "Detection (strict = exact span, relaxed = overlap)",
            _table(list(_DETECTION_HEADER), detection_rows),
            "",
            "Normalisation on relaxed matches",
            _table(["group", "matched", "type acc", "value acc", "value F1"], normalisation_rows),
            "",
            f"Traps (look temporal, are not): {self.traps}   marked by the tagger: {self.traps_hit}",
            "",
            "By kind of expression",
            _table(["kind", "gold", "found", "value acc"], kind_rows) if kind_rows else "(no kinds in gold)",
        ]
        return "\n".join(lines) + "\n"

    def format_errors(self) -> str:
        """The error list, one entry per disagreement, in gold-file order."""
        return "\n".join(error.format_text() for error in self.errors) + ("\n" if self.errors else "")


_DETECTION_HEADER = tuple("group gold pred".split()) + tuple(
    f"{match} {measure}" for match in ("strict", "relaxed") for measure in ("P", "R", "F1")
)


def _prf(counts: DetectionCounts) -> list[str]:
    return [_pct(counts.precision), _pct(counts.recall), _pct(counts.f1)]


# ------------------------------------------------------------------------------------------------ score


def score_timex(
    gold: Sequence[TimexPassage], predicted: Mapping[str, Iterable[Any]] | Sequence[Iterable[Any]]
) -> TimexEvalReport:
    """Score predicted expressions against gold passages.

    ``predicted`` is either a mapping from passage id to that passage's expressions (a missing id means
    "predicted nothing") or a sequence aligned with ``gold``. Each expression is a dict or object with
    ``start``, ``end``, ``type``, ``value`` (offsets into the passage text).
    """
    rows = align(gold, predicted, predicted_timex, code="E436")
    tallies = {name: _Tally() for name, _, _ in TIMEX_GROUPS}
    kind_found: Counter[str] = Counter()
    kind_total: Counter[str] = Counter()
    kind_value: Counter[str] = Counter()
    errors: list[TimexError] = []
    traps_hit = 0
    for passage, preds in zip(gold, rows, strict=True):
        pairs, missed, extra = _match(passage.timexes, preds)
        found = {id(pair.gold) for pair in pairs}

        def error(
            kind: str, g: GoldTimex | None, p: PredictedTimex | None, passage: TimexPassage = passage
        ) -> None:
            errors.append(TimexError(passage.id, passage.line, passage.date, passage.text, kind, g, p))

        for g in passage.timexes:
            if g.kind:
                kind_total[g.kind] += 1
                kind_found[g.kind] += id(g) in found
        for pair in sorted(pairs, key=lambda pair: pair.gold.start):
            for name, _, types in TIMEX_GROUPS:
                if pair.gold.type in types:
                    tallies[name].add_pair(pair)
            if pair.gold.kind:
                kind_value[pair.gold.kind] += pair.value_ok
            if not pair.exact:
                error("span", pair.gold, pair.predicted)
            if not pair.type_ok:
                error("type", pair.gold, pair.predicted)
            if not pair.value_ok:
                error("value", pair.gold, pair.predicted)
        for i in missed:
            g = passage.timexes[i]
            for name, _, types in TIMEX_GROUPS:
                if g.type in types:
                    tallies[name].missed += 1
            error("missing", g, None)
        for j in extra:
            p = preds[j]
            for name, _, types in TIMEX_GROUPS:
                if p.type in types or name == "all":
                    tallies[name].spurious += 1
            on_trap = any(t.start < p.end and p.start < t.end for t in passage.traps)
            traps_hit += on_trap
            error("trap" if on_trap else "spurious", None, p)
    errors.sort(key=lambda e: (e.line, e.passage_id, _error_position(e)))
    return TimexEvalReport(
        passages=len(gold),
        gold_expressions=sum(len(p.timexes) for p in gold),
        predicted_expressions=sum(len(row) for row in rows),
        groups=tuple(tallies[name].scores(name, label) for name, label, _ in TIMEX_GROUPS),
        per_kind=tuple(
            KindScores(
                kind, Ratio(kind_found[kind], kind_total[kind]), Ratio(kind_value[kind], kind_found[kind])
            )
            for kind in sorted(kind_total, key=lambda k: (-kind_total[k], k))
        ),
        traps=sum(len(p.traps) for p in gold),
        traps_hit=traps_hit,
        errors=tuple(errors),
    )


def _error_position(error: TimexError) -> int:
    span = error.gold or error.predicted
    return span.start if span is not None else 0


class _Tally:
    """Mutable counters used while scoring one call (never shared between calls)."""

    def __init__(self) -> None:
        self.exact = self.overlap = self.missed = self.spurious = 0
        self.type_ok = self.value_ok = 0

    def add_pair(self, pair: _Pair) -> None:
        if pair.exact:
            self.exact += 1
        else:
            self.overlap += 1
        self.type_ok += pair.type_ok
        self.value_ok += pair.value_ok

    def scores(self, name: str, label: str) -> TimexScores:
        pairs = self.exact + self.overlap
        gold = pairs + self.missed
        predicted = pairs + self.spurious
        return TimexScores(
            name=name,
            label=label,
            gold=gold,
            predicted=predicted,
            strict=DetectionCounts(self.exact, predicted - self.exact, gold - self.exact),
            relaxed=DetectionCounts(pairs, self.spurious, self.missed),
            type=Ratio(self.type_ok, pairs),
            value=Ratio(self.value_ok, pairs),
            value_detection=DetectionCounts(self.value_ok, predicted - self.value_ok, gold - self.value_ok),
        )


def evaluate_timex(gold: Sequence[TimexPassage], tagger: TimexTagger) -> TimexEvalReport:
    """Run ``tagger(text, publication_date)`` on every gold passage and score what it returns."""
    return score_timex(gold, run_on(gold, tagger))


def evaluate_timex_file(path: str | Path, tagger: TimexTagger) -> TimexEvalReport:
    """``load_timex_gold(path)`` then ``evaluate_timex``: what ``eventwire eval-dates GOLD.jsonl`` runs."""
    return evaluate_timex(load_timex_gold(path), tagger)


# -------------------------------------------------------------------------------------------- coverage


@dataclass(frozen=True, slots=True)
class TimexGoldCoverage:
    """What a gold set covers: expressions by type, by kind and by weekday of publication."""

    passages: int
    expressions: int
    traps: int
    by_type: tuple[tuple[str, int], ...]
    by_kind: tuple[tuple[str, int], ...]
    passages_by_weekday: tuple[tuple[str, int], ...]
    expressions_by_weekday: tuple[tuple[str, int], ...]
    publication_dates: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "passages": self.passages,
            "expressions": self.expressions,
            "traps": self.traps,
            "publication_dates": self.publication_dates,
            "by_type": dict(self.by_type),
            "by_kind": dict(self.by_kind),
            "passages_by_weekday": dict(self.passages_by_weekday),
            "expressions_by_weekday": dict(self.expressions_by_weekday),
        }


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def timex_gold_coverage(gold: Sequence[TimexPassage]) -> TimexGoldCoverage:
    """Count what ``gold`` covers (for the docs and the tests that keep the set balanced)."""
    types = Counter(t.type for p in gold for t in p.timexes)
    kinds = Counter(t.kind or "(none)" for p in gold for t in p.timexes)
    passages_wd = Counter(_WEEKDAYS[p.date.weekday()] for p in gold)
    expressions_wd = Counter(_WEEKDAYS[p.date.weekday()] for p in gold for _ in p.timexes)
    return TimexGoldCoverage(
        passages=len(gold),
        expressions=sum(types.values()),
        traps=sum(len(p.traps) for p in gold),
        by_type=tuple((t, types[t]) for t in TIMEX_TYPES),
        by_kind=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        passages_by_weekday=tuple((d, passages_wd[d]) for d in _WEEKDAYS),
        expressions_by_weekday=tuple((d, expressions_wd[d]) for d in _WEEKDAYS),
        publication_dates=len({p.date for p in gold}),
    )
