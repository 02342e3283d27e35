"""Temporal expressions (TimeML TIMEX3 values) and the date of each event.

::

    tagger = TimexTagger()
    timexes = tagger.find(doc, publication_date)              # list[Timex]
    when = tagger.event_date(doc, trigger_index, timexes, publication_date)   # EventDate
"""

from __future__ import annotations

from .records import EventDate, Timex
from .tagger import TimexTagger

__all__ = ["EventDate", "Timex", "TimexTagger"]
