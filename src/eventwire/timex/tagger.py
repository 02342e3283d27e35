"""``TimexTagger``: temporal expressions in a parsed article, and the date of each event.

Building one is cheap (the grammar compiles on first use, once per process).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from .anchor import DateIndex, date_event
from .lexicon import PARTS_OF_DAY
from .more_rules import grammar
from .readings import Reading
from .records import EventDate, Timex
from .rules import Context, Rule
from .syntax import expression_tense

if TYPE_CHECKING:
    from spacy.tokens import Doc

_DATED = ("absolute", "underspecified", "relative", "anaphoric")
_DIGITS = re.compile(r"\d+")
_CLOCK_TO_DAY = re.compile(r"^[\s,]*(?:(?i:on)\s+)?$")
_SHIFT_BEFORE = re.compile(r"\b(?i:the)\s+(?P<part>(?i:day|night|morning|afternoon|evening))\s+"
                           r"(?P<dir>(?i:after|before))\s+$")
# Characters around a core word that a rule's match may reach ("the beginning of ... December 8, 2019").
_MARGIN = 48
# The label of a page's time stamp right before an expression ("Posted: ", "Updated at ", "(Published "):
# capitalised, or with a colon (in running text "a study published Monday" dates the publishing); and what
# joins the parts of one stamp ("Wednesday, March 4, 2015 8:04 AM", "7:03 pm, December 30th").
_STAMP_LABEL = re.compile(r"(?:\b(?:Posted|Updated|Published|Created|Modified|POSTED|UPDATED|PUBLISHED)"
                          r"(?:\s+(?i:on|at))?\s*:?|\b(?i:posted|updated|published|created|modified)"
                          r"(?:\s+(?i:on|at))?\s*:)\s*$")
_STAMP_JOIN = re.compile(r"^[\s,]*(?:(?i:at|on)\s+)?$")


class TimexTagger:
    """Finds TIMEX3 expressions in a spaCy ``Doc`` and dates events from them."""

    def find(self, doc: Doc, publication_date: date | None) -> list[Timex]:
        """Every temporal expression in ``doc``, sorted by position, non-overlapping.

        Values are resolved against ``publication_date`` (relative expressions are dropped when it is None;
        a month/day without a year becomes ``XXXX-MM-DD``).
        """
        text = doc.text
        matches = []
        rules = grammar()
        for order, windows in _windows(doc, text, rules).items():
            rule = rules[order]
            for lo, hi in windows:
                for m in rule.regex.finditer(text, lo, hi):
                    start, end = _extent(m)
                    if rule.name == "day_month" and text[end - 1] == "." and not m["year"]:
                        end -= 1  # "on 8 Jan." ends the sentence; the full stop is not the abbreviation's
                    if end > start:
                        matches.append((start, end, order, rule.name, rule.handler, m))
        timexes: list[Timex] = []
        taken_starts: list[int] = []  # the chosen spans, kept sorted and non-overlapping
        taken_ends: list[int] = []
        chosen = []
        for start, end, _order, name, handler, m in sorted(matches, key=lambda c: (c[0] - c[1], c[2], c[0])):
            k = bisect_right(taken_starts, start)
            if (k and taken_ends[k - 1] > start) or (k < len(taken_starts) and taken_starts[k] < end):
                continue  # overlaps the chosen span before it or the one after it
            taken_starts.insert(k, start)
            taken_ends.insert(k, end)
            chosen.append((start, end, name, handler, m))
        reference = publication_date
        sentence_day: date | None = None
        sentence_start = -1
        night: date | None = None  # the day whose night the text named last ("Saturday night", "overnight")
        for start, end, name, handler, m in sorted(chosen, key=lambda c: c[0]):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            sent_start = span[0].sent.start if doc.has_annotation("SENT_START") else 0
            if sent_start != sentence_start:
                sentence_start, sentence_day = sent_start, None
            ctx = Context(publication_date, reference, sentence_day, expression_tense(span), span)
            reading = handler(m, ctx)
            if reading is None:
                continue
            start, reading = _day_before_or_after(text, start, reading)
            if name == "clock" and night is not None and reading.first_day == night and _small_hours(reading) \
                    and (publication_date is None or night < publication_date):  # a report tells a past night
                name, reading = "small_hours", _next_day(reading)
            span = doc.char_span(start, end, alignment_mode="expand") or span
            stamp = _is_stamp(text, start, timexes[-1] if timexes else None)
            timexes.append(Timex(
                text=text[start:end], start=start, end=end, type=reading.type, value=reading.value,
                granularity=reading.granularity, token_start=span.start, token_end=span.end, kind=reading.kind,
                first_day=reading.first_day, mod=reading.mod, rule=name, stamp=stamp,
            ))
            if reading.granularity in ("day", "time") and reading.first_day is not None and reading.kind in _DATED:
                sentence_day = reading.first_day  # a page's stamp gives its clock its day, but no text its reference
                reference = reference if stamp else reading.first_day
                if reading.value.endswith("TNI") and not stamp:
                    night = reading.first_day
                elif reading.first_day != night:  # a clock time of that evening keeps the night going
                    night = None
        return _appositions(text, _clock_days(text, timexes))

    def event_date(
        self,
        doc: Doc,
        trigger_token_index: int,
        timexes: Sequence[Timex],
        publication_date: date | None,
        *,
        event_tokens: Collection[int] = (),
    ) -> EventDate:
        """The date of the event whose trigger (predicate verb or event noun) is token ``trigger_token_index``.

        A DATE/TIME expression attached to the trigger's clause dates it (basis "explicit" for calendar
        dates, "relative" for resolved relative ones); otherwise the publication date (basis "publication").
        ``event_tokens``: indices of the article's other event triggers, so that a date on one of them is not
        taken for this one.
        """
        return date_event(doc, trigger_token_index, timexes, publication_date, event_tokens=event_tokens)

    def dater(
        self, doc: Doc, timexes: Sequence[Timex], publication_date: date | None, *, event_tokens: Collection[int] = ()
    ) -> DateIndex:
        """The expressions of ``doc`` indexed once for dating many of its events (``dater.date(trigger)``);
        ``event_date`` rebuilds the index on every call."""
        return DateIndex(doc, timexes, publication_date, event_tokens=event_tokens)


def _clock_days(text: str, timexes: list[Timex]) -> list[Timex]:
    """A bare clock time right before a date takes that date's day ("at 9:30 p.m. Saturday, Feb. 9, 2013",
    "at 11 p.m. on June 3": the date's rule, being longer, took the weekday the clock rule would have joined)."""
    out = list(timexes)
    for i, (clock, day) in enumerate(pairwise(timexes)):
        if clock.rule != "clock" or day.granularity != "day" or day.first_day is None or clock.first_day is None:
            continue
        if not _CLOCK_TO_DAY.match(text[clock.end:day.start]) or day.first_day == clock.first_day:
            continue
        value = f"{day.first_day.isoformat()}{clock.value[clock.value.index('T'):]}"
        out[i] = replace(clock, value=value, first_day=day.first_day, kind=day.kind)
    return out


def _appositions(text: str, timexes: list[Timex]) -> list[Timex]:
    """A month and day without a year right after a day expression that names the same month and day is an
    apposition to it ("shot Saturday night, March 11, officials said"): it takes that day's year, not one
    completed from the tense of a verb far away."""
    out = list(timexes)
    for i, (day, date_) in enumerate(pairwise(timexes), start=1):
        if date_.kind != "underspecified" or date_.granularity != "day" or date_.first_day is None:
            continue
        if day.first_day is None or day.granularity not in ("day", "time") or text[day.end:date_.start].strip() != ",":
            continue
        same = (day.first_day.month, day.first_day.day) == (date_.first_day.month, date_.first_day.day)
        if same and day.first_day != date_.first_day:
            out[i] = replace(date_, value=day.first_day.isoformat(), first_day=day.first_day)
    return out


def _small_hours(reading: Reading) -> bool:
    """A clock time between midnight and 6 a.m. ("at 1:30 a.m.")."""
    clock = reading.value.partition("T")[2]
    return clock[:2].isdigit() and int(clock[:2]) < 6


def _next_day(reading: Reading) -> Reading:
    """A bare clock time in the small hours after a night the text named ("shot Saturday night ... officers
    were called at 1:30 a.m."): on the day after that night (the ``small_hours`` rule, which names a day of
    its own and so may date an incident)."""
    assert reading.first_day is not None
    day = reading.first_day + timedelta(days=1)
    return replace(reading, value=f"{day.isoformat()}T{reading.value.partition('T')[2]}", first_day=day,
                   kind="anaphoric")


def _is_stamp(text: str, start: int, previous: Timex | None) -> bool:
    """Whether the expression at ``start`` is (part of) a page's time stamp: it follows a stamp's label, or
    continues the stamp before it ("Posted: Wednesday, March 4, 2015 8:04 AM": the clock too)."""
    if _STAMP_LABEL.search(text, max(0, start - 24), start):
        return True
    return previous is not None and previous.stamp and bool(_STAMP_JOIN.match(text[previous.end:start]))


def _day_before_or_after(text: str, start: int, reading: Reading) -> tuple[int, Reading]:
    """"the day after Thanksgiving", "the night before Dec. 19": the day the expression names, moved by one
    (the grammar's ``anaphoric_day`` leaves a following date to its own rule); ``start`` widened over the
    words before it."""
    if reading.granularity not in ("day", "time") or reading.first_day is None:
        return start, reading
    m = _SHIFT_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return start, reading
    day = reading.first_day + timedelta(days=1 if m["dir"].lower() == "after" else -1)
    part = m["part"].lower()
    if part == "day":
        return m.start(), Reading("DATE", day.isoformat(), "day", reading.kind, day)
    return m.start(), Reading("TIME", f"{day.isoformat()}T{PARTS_OF_DAY[part]}", "time", reading.kind, day)


def _extent(m) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    for group in ("tx", "tx2"):
        if group in m.re.groupindex and m[group]:
            return m.span(group)
    return m.span()


@lru_cache(maxsize=1)
def _core_index() -> tuple[dict[int, tuple[int, ...]], tuple[int, ...]]:
    """Lower-case word hash -> the rules it is a core of; and the rules that digits wake."""
    from spacy.strings import hash_string

    by_word: dict[int, list[int]] = {}
    for order, rule in enumerate(grammar()):
        for word in rule.cores:
            by_word.setdefault(hash_string(word), []).append(order)
    digits = tuple(order for order, rule in enumerate(grammar()) if rule.digits)
    return {h: tuple(orders) for h, orders in by_word.items()}, digits


def _windows(doc: Doc, text: str, rules: Sequence[Rule]) -> dict[int, list[tuple[int, int]]]:
    """For each rule, the merged stretches of text around its core words, snapped to whitespace."""
    from spacy.attrs import LOWER

    by_word, digit_rules = _core_index()
    hits: dict[int, list[tuple[int, int]]] = {}
    lowers = doc.to_array(LOWER).tolist()
    for i in (i for i, h in enumerate(lowers) if h in by_word):
        tok = doc[i]
        for order in by_word[lowers[i]]:
            hits.setdefault(order, []).append((tok.idx, tok.idx + len(tok)))
    if digit_rules:
        spans = [m.span() for m in _DIGITS.finditer(text)]
        for order in digit_rules:
            hits.setdefault(order, []).extend(spans)
    size = len(text)
    out: dict[int, list[tuple[int, int]]] = {}
    for order, cores in hits.items():
        merged: list[tuple[int, int]] = []
        for start, end in sorted(cores):
            lo = max(0, start - _MARGIN)
            hi = min(size, end + _MARGIN)
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
        out[order] = [_snap(text, lo, hi) for lo, hi in merged]
    return out


def _snap(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Widen [lo, hi) to whitespace so that no window starts or ends inside a word."""
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    size = len(text)
    while hi < size and not text[hi].isspace():
        hi += 1
    return lo, hi
