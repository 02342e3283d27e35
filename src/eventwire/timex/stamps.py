"""One place that turns a resolved temporal expression into an event's stored date: the day, its basis
("explicit" for a calendar date the text names, "relative" for one counted from the publication date or
from an earlier date of the text), its granularity and its confidence."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .records import EventDate, Timex

# kind of a timex (records.KINDS) -> date basis of an event dated by it
BASIS = MappingProxyType({"absolute": "explicit", "underspecified": "explicit", "relative": "relative",
                          "anaphoric": "relative"})
# granularity of a timex -> granularity of an event date
EVENT_GRANULARITY = MappingProxyType({
    "time": "day", "day": "day", "week": "week", "month": "month", "quarter": "month", "season": "month",
    "year": "year", "decade": "year", "century": "year",
})


def stamp(tx: Timex, confidence: Mapping[str, float], flags: tuple[str, ...] = (), *,
          penalty: float = 0.0) -> EventDate:
    """The event date that ``tx`` gives: its first day, the basis of its kind, the confidence
    ``confidence[kind]`` less ``penalty``, and ``flags``. ``tx`` names a calendar period (``first_day``)."""
    if tx.first_day is None or tx.kind not in BASIS:
        raise ValueError(f"{tx.text!r} names no calendar day ({tx.value})")
    return EventDate(tx.first_day, BASIS[tx.kind], EVENT_GRANULARITY[tx.granularity or "day"],
                     round(confidence[tx.kind] - penalty, 3), tuple(flags), tx)
