"""Records of the timex stage: a temporal expression (``Timex``) and the date of one event (``EventDate``).

Offsets are character offsets into the article text, half-open (``text[start:end]``); token offsets are
spaCy token indices into the same ``Doc``, half-open too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

Day = date  # the type, under a name the field ``EventDate.date`` does not shadow

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
# How a value was obtained. "absolute": the text names the calendar date in full ("January 8, 2020");
# "underspecified": a calendar date missing its year ("December 8", "mid-December"), completed from the
# publication date and the tense; "relative": counted from the publication date ("yesterday", "on Wednesday",
# "last week"); "anaphoric": counted from the last date the text mentioned ("the next day", "two days later");
# "vague": PAST_REF/PRESENT_REF/FUTURE_REF; "duration" and "set" for those types.
KINDS = ("absolute", "underspecified", "relative", "anaphoric", "vague", "duration", "set")
GRANULARITIES = ("time", "day", "week", "month", "quarter", "season", "year", "decade", "century")


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression, normalised to a TimeML TIMEX3 ``value``.

    ``granularity`` is the unit the value names (None for durations, sets and vague values);
    ``first_day`` is the first calendar day the value covers (None when it names no calendar period);
    ``mod`` is the TIMEX3 ``mod`` (START, MID, END, APPROX...) or None; ``stamp`` marks the time a page was
    posted or updated ("Posted: Wednesday, March 4, 2015 8:04 AM", "(Published Monday, Oct. 5, 2015)"), which
    dates the page, never an event of its text.
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    granularity: str | None
    token_start: int
    token_end: int
    kind: str
    first_day: date | None = None
    mod: str | None = None
    rule: str | None = field(default=None, compare=False)
    stamp: bool = field(default=False, compare=False)

    def to_dict(self, article_id: str | None = None) -> dict[str, Any]:
        """The line of ``eventwire dates`` (docs/contracts.md): article_id, text, start, end, type, value."""
        return {
            "article_id": article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
        }


@dataclass(frozen=True, slots=True)
class EventDate:
    """When one event happened, and how we know.

    ``basis``: "explicit" (a calendar date in the text), "relative" (a deictic or anaphoric expression
    resolved against the publication date or an earlier date), "publication" (no expression attached to the
    event: the article's date), or None when nothing is known (no expression and no publication date).
    ``date`` is the first day of the period when ``granularity`` is week, month or year.
    ``flags`` name doubts worth showing: "after_publication", "past_tense_future", "vague_time",
    "shared_with_conjunct", "no_publication_date", "sentence_incident" / "article_incident" (a violent event
    without a date of its own, dated by the incident its sentence or the article reports: ``timex.incident``).
    ``timex`` is the evidence (None for the publication basis). ``end``: the last day of a range the text
    gives ("between Friday and Sunday", "over the weekend": ``timex.ranges``; flag "date_range"), whose first
    day is ``date``; None otherwise.
    """

    date: date | None
    basis: str | None
    granularity: str
    confidence: float
    flags: tuple[str, ...] = ()
    timex: Timex | None = None
    end: Day | None = None
