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

import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from eventwire.errors import UsageError
from eventwire.evaluate.gold import GoldFormatError
from eventwire.evaluate.report import DetectionCounts, Ratio, _pct, _round, _table

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

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
#: Score groups: (key, label, gold/predicted types counted in it). "all" counts every expression.
TIMEX_GROUPS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("date_time", "DATE/TIME", frozenset({"DATE", "TIME"})),
    ("duration_set", "DURATION/SET", frozenset({"DURATION", "SET"})),
    ("all", "all", frozenset(TIMEX_TYPES)),
)
_MODS = frozenset(
    "BEFORE AFTER ON_OR_BEFORE ON_OR_AFTER LESS_THAN MORE_THAN EQUAL_OR_LESS EQUAL_OR_MORE START MID END APPROX".split()
)
_PASSAGE_KEYS = frozenset({"id", "date", "text", "timexes", "traps", "tags"})
_TIMEX_KEYS = frozenset({"start", "end", "text", "type", "value", "mod", "kind"})
_TRAP_KEYS = frozenset({"start", "end", "text"})
# Loose shape of a TIMEX3 value: a date/week/season/part of day/time, a duration or set period, a REF.
_VALUE_SHAPE = re.compile(
    r"(?:\d{2,4}|X{4})(?:-(?:\d{2}|XX|W\d{2}|WXX|Q[1-4]|H[12]|SP|SU|FA|WI)(?:-(?:\d{2}|WE|[1-7]|XX))?)?"
    r"(?:T(?:\d{2}(?::\d{2}){0,2}|MO|MI|AF|EV|NI|DT))?"
    r"|P(?:T?(?:\d+(?:\.\d+)?|X)[YMWDHS]|\d+(?:DE|CE|ML)|XDE)+"
    r"|PAST_REF|PRESENT_REF|FUTURE_REF"
)
# Decades, centuries, millennia written as duration units (TIMEX2 habit): compared as years.
_LONG_UNITS = MappingProxyType({"DE": 10, "CE": 100, "ML": 1000})


class TimexGoldFormatError(GoldFormatError):
    """A line of a temporal-expression gold file is malformed. ``path`` and ``line`` (1-based) point at it.

    Codes (shared with the event gold where they mean the same): E130 unreadable file, E131 invalid JSON,
    E132 missing/mistyped/unknown field, E135 missing or bad publication date, E136 duplicate id,
    E138 span offsets that do not match the text or overlap, E139 bad type, value or mod.
    """

    code = "E130"


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold expression: ``text == passage.text[start:end]``; ``value`` in TIMEX3 form.

    ``mod`` is the TIMEX3 modifier (``MID`` for "mid-December"), recorded but not scored; ``kind`` is the
    coverage category (``weekday``, ``relative``, ``duration``...), used for the per-kind breakdown.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class TrapSpan:
    """A string that looks temporal and is not ("May" the modal, "Article 5"); no tagger should mark it."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class TimexPassage:
    """One gold passage (1-4 sentences) with its publication date, expressions and traps, in text order.

    ``line`` is the 1-based line of the gold file it was read from (0 when built in code).
    """

    id: str
    date: date
    text: str
    timexes: tuple[GoldTimex, ...]
    traps: tuple[TrapSpan, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class PredictedTimex:
    """The parts of a predicted expression that scoring compares. ``value`` None means "not normalised"."""

    start: int
    end: int
    type: str
    value: str | None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }


#: A tagger as the scorer sees it: passage text and publication date in, expressions out.
TimexTagger = Callable[[str, date], Iterable[Any]]


# --------------------------------------------------------------------------------------------- gold file


def load_timex_gold(path: str | Path) -> list[TimexPassage]:
    """Read a temporal-expression gold JSONL file (one passage per line; blank lines skipped).

    Checks every field, that each span's ``text`` is exactly ``text[start:end]`` and that spans do not
    overlap. Raises ``TimexGoldFormatError`` naming the file and line of the first malformed entry.
    """
    from .gold import read_gold_lines

    return read_gold_lines(path, lambda raw, where, line: parse_timex_gold_line(raw, path=where, line=line), TimexGoldFormatError)


def parse_timex_gold_line(raw: str, *, path: str = "<string>", line: int = 0) -> TimexPassage:
    """Parse one JSONL line of a temporal-expression gold file into a ``TimexPassage``."""

    def fail(message: str, code: str) -> TimexGoldFormatError:
        return TimexGoldFormatError(message, path=path, line=line, code=code)

    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise fail(f"invalid JSON: {exc.msg} (column {exc.colno})", "E131") from None
    if not isinstance(obj, dict):
        raise fail("a gold line must be a JSON object", "E132")
    _check_keys(obj, _PASSAGE_KEYS, {"id", "date", "text", "timexes"}, "passage", fail)
    passage_id, text = obj["id"], obj["text"]
    if not isinstance(passage_id, str) or not passage_id or not isinstance(text, str) or not text.strip():
        raise fail("'id' and 'text' must be non-empty strings", "E132")
    try:
        published = date.fromisoformat(obj["date"])
    except (TypeError, ValueError):
        raise fail(f"'date' must be YYYY-MM-DD, got {obj['date']!r}", "E135") from None
    if not isinstance(obj["timexes"], list) or not isinstance(obj.get("traps", []), list):
        raise fail("'timexes' and 'traps' must be lists", "E132")
    timexes = tuple(_parse_timex(item, text, fail) for item in obj["timexes"])
    traps = tuple(_parse_trap(item, text, fail) for item in obj.get("traps", []))
    ordered = sorted(timexes, key=lambda t: (t.start, t.end))
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end:
            raise fail(f"expressions {before.text!r} and {after.text!r} overlap", "E138")
    return TimexPassage(
        id=passage_id, date=published, text=text, timexes=tuple(ordered), traps=traps, line=line
    )


def _check_keys(obj: dict, allowed: frozenset[str], required: set[str], what: str, fail: Callable) -> None:
    unknown = set(obj) - allowed
    if unknown:
        raise fail(f"unknown field(s) in {what}: {sorted(unknown)}", "E132")
    missing = required - set(obj)
    if missing:
        raise fail(f"missing field(s) in {what}: {sorted(missing)}", "E132")


def _check_span(obj: dict, text: str, fail: Callable) -> tuple[int, int, str]:
    start, end, span = obj["start"], obj["end"], obj["text"]
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)) or not isinstance(
        span, str
    ):
        raise fail("'start'/'end' must be integers and 'text' a string", "E132")
    if not 0 <= start < end <= len(text) or text[start:end] != span:
        found = text[start:end] if 0 <= start < end <= len(text) else None
        raise fail(f"span {start}:{end} is {found!r} in the text, not {span!r}", "E138")
    return start, end, span


def _parse_timex(obj: Any, text: str, fail: Callable) -> GoldTimex:
    if not isinstance(obj, dict):
        raise fail("each expression must be a JSON object", "E132")
    _check_keys(obj, _TIMEX_KEYS, {"start", "end", "text", "type", "value"}, "expression", fail)
    start, end, span = _check_span(obj, text, fail)
    kind_, value, mod, kind = obj["type"], obj["value"], obj.get("mod"), obj.get("kind")
    if kind_ not in TIMEX_TYPES:
        raise fail(f"{span!r}: type must be one of {list(TIMEX_TYPES)}, got {kind_!r}", "E139")
    if not isinstance(value, str) or not _VALUE_SHAPE.fullmatch(value):
        raise fail(f"{span!r}: {value!r} is not a TIMEX3 value", "E139")
    if mod is not None and mod not in _MODS:
        raise fail(f"{span!r}: unknown mod {mod!r}", "E139")
    if kind is not None and (not isinstance(kind, str) or not kind):
        raise fail(f"{span!r}: 'kind' must be a non-empty string", "E132")
    return GoldTimex(start, end, span, kind_, value, mod, kind)


def _parse_trap(obj: Any, text: str, fail: Callable) -> TrapSpan:
    if not isinstance(obj, dict):
        raise fail("each trap must be a JSON object", "E132")
    _check_keys(obj, _TRAP_KEYS, set(_TRAP_KEYS), "trap", fail)
    return TrapSpan(*_check_span(obj, text, fail))


# -------------------------------------------------------------------------------------------- predictions


def predicted_timex(obj: Any) -> PredictedTimex:
    """Read ``start``, ``end``, ``type``, ``value`` (and ``text`` if present) from a dict or any object."""
    if isinstance(obj, PredictedTimex):
        return obj

    def get(name: str) -> Any:
        if isinstance(obj, Mapping):
            return obj.get(name)
        return getattr(obj, name, None)

    start, end, kind, value, text = get("start"), get("end"), get("type"), get("value"), get("text")
    if not isinstance(start, int) or not isinstance(end, int) or start >= end:
        raise UsageError(f"a predicted expression needs integer start < end, got {obj!r}", code="E435")
    if not isinstance(kind, str):
        raise UsageError(f"a predicted expression needs a string type, got {obj!r}", code="E435")
    if value is not None and not isinstance(value, str):
        raise UsageError(f"a predicted value must be a string or None, got {obj!r}", code="E435")
    return PredictedTimex(start, end, kind.upper(), value, text if isinstance(text, str) else None)


def normalize_timex_value(value: str | None) -> str:
    """The form values are compared in: upper case, no spaces, ``P2DE`` as ``P20Y``, no ``:00`` seconds.

    Only spellings of the very same value are merged; ``P1W`` and ``P7D`` stay different.
    """
    if value is None:
        return ""
    text = value.strip().upper().replace(" ", "")
    text = re.sub(r"^P(\d+)(DE|CE|ML)$", lambda m: f"P{int(m[1]) * _LONG_UNITS[m[2]]}Y", text)
    return re.sub(r"(T\d{2}:\d{2}):00$", r"\1", text)


def _align(gold: Sequence[TimexPassage], predicted: Any) -> list[list[PredictedTimex]]:
    if isinstance(predicted, Mapping):
        ids = {p.id for p in gold}
        unknown = [key for key in predicted if key not in ids]
        if unknown:
            raise UsageError(f"predictions for passages not in the gold set: {unknown[:5]}", code="E436")
        rows = [predicted.get(p.id, ()) for p in gold]
    else:
        rows = list(predicted)
        if len(rows) != len(gold):
            raise UsageError(
                f"{len(rows)} prediction lists for {len(gold)} gold passages (pass a dict by id instead)",
                code="E436",
            )
    return [[predicted_timex(item) for item in row or ()] for row in rows]


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
    rows = _align(gold, predicted)
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
    return score_timex(gold, [list(tagger(p.text, p.date)) for p in gold])


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
