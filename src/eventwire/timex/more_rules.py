"""Rules added to the timex grammar (``rules.py``): holidays and religious or civil days ("on Christmas
Eve", "during Eid al-Fitr 2023"), a clock time with its day as one TIME ("6 a.m. Wednesday", "noon
Thursday", "3 p.m. today"), and "overnight". ``grammar()`` is the whole grammar, in priority order.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from . import calendar as cal
from . import holidays as hol
from .lexicon import WEEKDAYS
from .rules import _RULES, Context, Handler, Reading, Rule, _expand_cores
from .syntax import governing_verb

if TYPE_CHECKING:
    from spacy.tokens import Span

_CLOCK = (r"(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?i:a\.m\.|p\.m\.|am\b|pm\b)"
          r"|(?P<noon>(?i:noon|midday|midnight)))")
_DAY_WORD = (r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
             r"|(?P<rel>(?i:today|yesterday|tomorrow|this\s+morning|this\s+afternoon|this\s+evening|tonight))")
_YEAR = r"(?P<year>(?:19|20)\d\d)\b"


def _holiday_pattern() -> tuple[str, str]:
    names = sorted({n for h in hol.holidays() for n in h.names}, key=len, reverse=True)
    alts = []
    for name in names:
        piece = re.escape(name).replace("'s", "(?:'s|’s|s)?").replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
        alts.append(piece)
    cores = {re.split(r"[\s'-]+", n.lower())[0] for n in names}
    return rf"\b(?P<hol>(?i:{'|'.join(alts)}))\b(?:,?\s+{_YEAR})?", " ".join(sorted(cores))


def _holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    holiday = hol.lookup(m["hol"])
    if holiday is None:
        return None
    year = int(m["year"]) if m["year"] else None
    if year is None and ctx.publication is None:
        return None
    d = hol.resolve(holiday, ctx.publication or cal.valid_day(year or 2000, 1, 1), tense=ctx.tense, year=year)
    if d is None:
        return None
    return Reading("DATE", d.isoformat(), "day", "absolute" if year else "underspecified", d)


def _clock_day(m: re.Match[str], ctx: Context) -> Reading | None:
    pub = ctx.publication
    if pub is None:
        return None
    if m["wd"]:
        d = cal.weekday_date(pub, WEEKDAYS[m["wd"].lower()], tense=ctx.tense)
    else:
        word = " ".join(m["rel"].lower().split())
        d = pub + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
    if m["noon"]:
        hour, minute = (12, 0) if m["noon"].lower() in ("noon", "midday") else (24, 0)
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        pm = "p.m" in m.group(0).lower() or "pm" in m.group(0).lower().replace(".", "")
        hour = hour % 12 + (12 if pm else 0)
    return Reading("TIME", f"{d.isoformat()}T{hour:02d}:{minute:02d}", "time", "relative", d)


def _overnight(m: re.Match[str], ctx: Context) -> Reading | None:
    pub = ctx.publication
    span = ctx.span
    if pub is None or span.root.dep_ == "amod":  # "an overnight curfew" names no time
        return None
    if m["wd"]:
        d = cal.weekday_date(pub, WEEKDAYS[m["wd"].lower()], tense=ctx.tense)
    else:
        ahead = ctx.tense == "future" and not _would(span)
        d = pub if ahead else pub - timedelta(days=1)  # "overnight" in a report: last night
    return Reading("TIME", f"{d.isoformat()}TNI", "time", "relative", d)


def _would(span: Span) -> bool:
    """The verb governing ``span`` is in the conditional, a future seen from the past ("why someone would
    shoot a man overnight"), not from the publication date."""
    verb = governing_verb(span.root)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in verb.children)


def _extra() -> tuple[tuple[str, str, Handler, str], ...]:
    holiday, cores = _holiday_pattern()
    return (
        ("holiday", holiday, _holiday, cores),
        ("clock_day", rf"\b{_CLOCK}\s+(?:{_DAY_WORD})\b", _clock_day,
         "#digit noon midday midnight"),
        ("overnight", r"\b(?i:overnight)(?:\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?\b",
         _overnight, "overnight"),
    )


@lru_cache(maxsize=1)
def grammar() -> tuple[Rule, ...]:
    """Every rule, compiled once: the base grammar, then these (ties between equally long matches go to
    the earlier rule)."""
    return tuple(Rule(name, re.compile(pattern), handler, *_expand_cores(cores))
                 for name, pattern, handler, cores in (*_RULES, *_extra()))
