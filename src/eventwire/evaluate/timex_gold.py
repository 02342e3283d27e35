"""The date gold set: its records, reading and validating a gold file (format in docs/timex-gold-format.md),
and reading predicted expressions. Scoring is in ``evaluate/timex.py``."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import UsageError

from .common import Fail, check_keys, check_span, passage_id_and_text, read_gold_object
from .gold import GoldFormatError, read_gold_lines

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
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
    return read_gold_lines(path, lambda raw, where, line: parse_timex_gold_line(raw, path=where, line=line), TimexGoldFormatError)


def parse_timex_gold_line(raw: str, *, path: str = "<string>", line: int = 0) -> TimexPassage:
    """Parse one JSONL line of a temporal-expression gold file into a ``TimexPassage``."""

    def fail(message: str, code: str) -> TimexGoldFormatError:
        return TimexGoldFormatError(message, path=path, line=line, code=code)

    obj = read_gold_object(raw, fail)
    check_keys(obj, _PASSAGE_KEYS, {"id", "date", "text", "timexes"}, "passage", fail)
    passage_id, text = passage_id_and_text(obj, fail)
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


def _parse_timex(obj: Any, text: str, fail: Fail) -> GoldTimex:
    if not isinstance(obj, dict):
        raise fail("each expression must be a JSON object", "E132")
    check_keys(obj, _TIMEX_KEYS, {"start", "end", "text", "type", "value"}, "expression", fail)
    start, end, span = check_span(obj, text, fail, mismatch="E138")
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


def _parse_trap(obj: Any, text: str, fail: Fail) -> TrapSpan:
    if not isinstance(obj, dict):
        raise fail("each trap must be a JSON object", "E132")
    check_keys(obj, _TRAP_KEYS, set(_TRAP_KEYS), "trap", fail)
    return TrapSpan(*check_span(obj, text, fail, mismatch="E138"))


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
