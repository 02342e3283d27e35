"""The date of the incident an article reports, for its violent events that carry no date of their own.

A news report of an attack or a shooting dates the incident once ("four people were shot about 6 p.m.
Monday") and then tells it in sentences without a date ("one of them was wounded in the leg"), or says it
in a sentence whose date is of something else ("a boy was in critical condition Tuesday after he was shot").
Those events are not on the publication date: they are on the incident's date. The incident date is the
first temporal expression of the article, naming a day (or a time of one), not after the publication date,
that is attached to a word of violence (``lexicon.INCIDENT_WORDS``); a bare clock time ("at 9:15 p.m.") names
no day and is passed over.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from .lexicon import INCIDENT_WORDS
from .records import EventDate, Timex
from .syntax import attachment

if TYPE_CHECKING:
    from spacy.tokens import Doc

# CAMEO roots of violent events (assault, fight, unconventional mass violence): they take the incident date.
INCIDENT_ROOTS = frozenset({"18", "19", "20"})
# How far before publication an incident may lie (a weekday named in a report is within the week before).
MAX_DAYS_BEFORE = 31
# A clock time with no day ("at 9:15 p.m.", "noon") is put on the publication date by the tagger; in a report
# of an incident that is as often the day before, so it does not name the incident's day.
BARE_CLOCK_RULES = frozenset({"clock"})
_CONFIDENCE = {"absolute": 0.8, "underspecified": 0.75, "relative": 0.7, "anaphoric": 0.55}
_BASIS = {"absolute": "explicit", "underspecified": "explicit", "relative": "relative", "anaphoric": "relative"}


def incident_timex(doc: Doc, timexes: Sequence[Timex], publication: date | None) -> Timex | None:
    """The article's incident date expression (see the module docstring), or None."""
    for tx in sorted(timexes, key=lambda t: t.start):
        if tx.type not in ("DATE", "TIME") or tx.kind == "vague" or tx.first_day is None:
            continue
        if tx.granularity not in ("day", "time") or tx.rule in BARE_CLOCK_RULES:
            continue
        if publication is not None and not 0 <= (publication - tx.first_day).days <= MAX_DAYS_BEFORE:
            continue
        span = doc[tx.token_start : tx.token_end]
        if not len(span):
            continue
        head = attachment(span)
        if head.lemma_.lower() in INCIDENT_WORDS or head.lower_ in INCIDENT_WORDS:
            return tx
        # "Sunday night's shooting", "a Saturday morning shooting": the date modifies the incident noun
        noun = span.root.head
        if span.root.dep_ in ("poss", "compound", "nmod", "npadvmod", "amod") and (
            noun.lemma_.lower() in INCIDENT_WORDS
        ):
            return tx
    return None


def incident_date(tx: Timex, flags: tuple[str, ...] = ()) -> EventDate:
    """The event date an undated violent event takes from the article's incident expression ``tx``."""
    assert tx.first_day is not None
    return EventDate(tx.first_day, _BASIS[tx.kind], "day", _CONFIDENCE[tx.kind], (*flags, "article_incident"), tx)
