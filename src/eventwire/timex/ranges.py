"""Date ranges the text gives for one event: "between Friday and Sunday", "from Dec. 3 to Dec. 5", "Monday
through Wednesday", "over the weekend" (Saturday and Sunday) and "overnight" (a night and the morning
after). An event dated by one end of a range takes
the range: its date is the first day, ``EventDate.end`` the last, and it is flagged ``date_range``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from .records import EventDate, Timex

# What joins the two ends, and what must come before the first for the join to make a range: "and" only
# after "between" ("on Friday and Sunday" names two days); "to", "until" only after "from"; "through",
# "thru" and a dash stand alone ("Monday through Wednesday").
_JOIN = re.compile(r"^\s*(?P<join>and|to|until|till|through|thru|-|–)\s*$", re.IGNORECASE)
_OPENERS = {"and": ("between",), "to": ("from",), "until": ("from",), "till": ("from",)}
_BEFORE = re.compile(r"\b(?P<opener>between|from)\s+$", re.IGNORECASE)
_DAYLIKE = ("day", "time")


def date_ranges(text: str, timexes: Sequence[Timex]) -> dict[int, tuple[date, date]]:
    """For each expression that is one end of a range (by its start offset): (first day, last day)."""
    out: dict[int, tuple[date, date]] = {}
    dated = sorted((t for t in timexes if t.first_day is not None and t.type in ("DATE", "TIME")),
                   key=lambda t: t.start)
    for first, second in pairwise(dated):
        if first.granularity not in _DAYLIKE or second.granularity not in _DAYLIKE:
            continue
        m = _JOIN.match(text[first.end:second.start])
        if m is None:
            continue
        join = m["join"].lower()
        openers = _OPENERS.get(join)
        if openers is not None:
            before = _BEFORE.search(text, max(0, first.start - 12), first.start)
            if before is None or before["opener"].lower() not in openers:
                continue
        assert first.first_day is not None and second.first_day is not None
        if not first.first_day <= second.first_day <= first.first_day + timedelta(days=31):
            continue
        out[first.start] = out[second.start] = (first.first_day, second.first_day)
    for tx in dated:
        # the weekend is Saturday and Sunday; a night "overnight" spans the evening of one day and the small
        # hours of the next (an incident at 1:30 a.m. is dated by the second)
        if (tx.value.endswith("-WE") or tx.rule == "overnight") and tx.first_day is not None:
            out[tx.start] = (tx.first_day, tx.first_day + timedelta(days=1))
    return out


def with_range(when: EventDate, ranges: dict[int, tuple[date, date]]) -> EventDate:
    """``when`` widened to the range its expression is an end of (unchanged when it is none)."""
    if when.timex is None or when.timex.start not in ranges:
        return when
    first, last = ranges[when.timex.start]
    granularity = "day" if when.granularity == "week" else when.granularity
    return replace(when, date=first, end=last, granularity=granularity, flags=(*when.flags, "date_range"))
