"""What the timex rules share: the record a rule's handler returns (``Reading``), what it is given
(``Context``), the regular-expression building blocks of the patterns, and the date arithmetic of the
handlers (``rules.py``, ``more_rules.py``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from . import calendar as cal
from .lexicon import MODIFIERS, NUMBER_WORDS, PARTS_OF_DAY, UNITS, VAGUE_QUANTITIES

if TYPE_CHECKING:
    from spacy.tokens import Span


@dataclass(frozen=True, slots=True)
class Reading:
    """What a rule read from its match."""

    type: str
    value: str
    granularity: str | None
    kind: str
    first_day: date | None = None
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a handler may use: the publication date, the last day the text named before the expression
    (``reference``, for "the next day"; the publication date when none), the last day named in the same
    sentence (``sentence_day``, for clock times), the tense of the governing verb, and the token span."""

    publication: date | None
    reference: date | None
    sentence_day: date | None
    tense: str | None
    span: Span


Handler = Callable[[re.Match[str], Context], "Reading | None"]

# ---------------------------------------------------------------- building blocks
_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = rf"(?P<mon>(?:{_MONTH_FULL})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![:.,]\d)"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)\b(?![.,]\d)"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
_NUM = (rf"(?P<num>\d{{1,3}}|(?i:a\s+few|a\s+couple\s+of|a\s+dozen|half\s+a|several|few|some|many|"
        rf"(?:twenty|thirty|forty|fifty)-(?:one|two|three|four|five|six|seven|eight|nine)|{_NUM_WORDS}))")
_UNIT = r"(?P<unit>(?i:second|minute|hour|day|week|month|year|decade|centur(?:y|ie)))"
_MOD = r"(?P<mod>(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of))"
_PART = r"(?P<part>(?i:morning|afternoon|evening|night))"
_NP_START = r"(?:the|a|an|his|her|its|their|this|that|these|those|[A-Z]\w*)\b"


def _mod(m: re.Match[str]) -> str | None:
    raw = m.groupdict().get("mod")
    if not raw:
        return None
    key = re.sub(r"\s+", " ", raw.lower()).removeprefix("the ")
    return MODIFIERS.get(key)


def _number(raw: str) -> float | None:
    """An amount from digits or words; None for a vague amount ("several")."""
    text = re.sub(r"\s+", " ", raw.lower())
    if text.isdigit():
        return int(text)
    if text in VAGUE_QUANTITIES:
        return None
    if "-" in text:
        tens, ones = text.split("-", 1)
        return NUMBER_WORDS.get(tens, 0) + NUMBER_WORDS.get(ones, 0)
    return NUMBER_WORDS.get(text)


def _unit(raw: str) -> str:
    text = raw.lower()
    return "century" if text.startswith("centur") else text


def _duration_value(amount: float | None, unit: str) -> str:
    letter, timed, _ = UNITS[unit]
    if amount is None:
        quantity = "X"
    elif amount == int(amount):
        quantity = str(int(amount))
    else:
        # half a day -> PT12H, half a year -> P6M: TIMEX3 values take whole numbers of a smaller unit
        smaller = {"day": ("PT", 12, "H"), "year": ("P", 6, "M"), "hour": ("PT", 30, "M"), "month": ("P", 2, "W")}
        if unit in smaller:
            prefix, n, letter2 = smaller[unit]
            return f"{prefix}{int(n * amount * 2)}{letter2}" if amount != 0.5 else f"{prefix}{n}{letter2}"
        quantity = str(amount)
    return f"{'PT' if timed else 'P'}{quantity}{letter}"


def _day_reading(d: date, kind: str, *, part: str | None = None, mod: str | None = None) -> Reading:
    if part:
        return Reading("TIME", f"{d.isoformat()}T{PARTS_OF_DAY[part.lower()]}", "time", kind, d, mod)
    return Reading("DATE", d.isoformat(), "day", kind, d, mod)


def _unit_reading(d: date, unit: str, kind: str, mod: str | None = None) -> Reading:
    """The calendar unit (week, month, year...) containing ``d``."""
    if unit == "day":
        return _day_reading(d, kind, mod=mod)
    if unit == "week":
        return Reading("DATE", cal.week_value(d), "week", kind, cal.week_start(d), mod)
    if unit == "weekend":
        start = cal.week_start(d) + timedelta(days=5)
        return Reading("DATE", f"{cal.week_value(d)}-WE", "week", kind, start, mod)
    if unit == "month":
        return Reading("DATE", cal.month_value(d.year, d.month), "month", kind, date(d.year, d.month, 1), mod)
    if unit == "quarter":
        q = (d.month - 1) // 3 + 1
        return Reading("DATE", f"{d.year}-Q{q}", "quarter", kind, cal.quarter_start(d.year, q), mod)
    if unit == "year":
        return Reading("DATE", str(d.year), "year", kind, date(d.year, 1, 1), mod)
    if unit == "decade":
        return Reading("DATE", str(d.year)[:3], "decade", kind, date(d.year // 10 * 10, 1, 1), mod)
    if unit == "century":
        return Reading("DATE", str(d.year)[:2], "century", kind, date(d.year // 100 * 100, 1, 1), mod)
    return Reading("DATE", d.isoformat(), "day", kind, d, mod)


def _shift(d: date, n: int, unit: str) -> date:
    if unit in ("day", "week", "month", "year"):
        return cal.shift_day(d, n, unit)
    if unit == "weekend":
        return cal.shift_day(d, n, "week")
    if unit == "quarter":
        return cal.shift_day(d, 3 * n, "month")
    if unit == "decade":
        return cal.shift_day(d, 10 * n, "year")
    if unit == "century":
        return cal.shift_day(d, 100 * n, "year")
    return d


def _tok_before(span: Span) -> str:
    return span.doc[span.start - 1].lower_ if span.start > 0 else ""
