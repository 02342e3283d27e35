"""The date of one event: the temporal expression attached to its predicate, else the publication date."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING

from .lexicon import LIGHT_VERBS
from .ranges import date_ranges, with_range
from .records import EventDate, Timex
from .stamps import stamp
from .syntax import attachment, tense

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CONFIDENCE = {"absolute": 0.95, "underspecified": 0.85, "relative": 0.8, "anaphoric": 0.6}
_PUBLICATION_CONFIDENCE = 0.5


class _Except:
    """The event tokens other than one trigger, without copying the set for every event."""

    __slots__ = ("tokens", "trigger")

    def __init__(self, tokens: frozenset[int], trigger: int) -> None:
        self.tokens, self.trigger = tokens, trigger

    def __contains__(self, i: object) -> bool:
        return i != self.trigger and i in self.tokens


class DateIndex:
    """The temporal expressions of one document, bucketed by sentence once, so that dating each of its
    events looks only at its own sentence (cost linear in the article). ``work`` counts the expressions
    examined, for tests that check the cost."""

    def __init__(self, doc: Doc, timexes: Sequence[Timex], publication: date | None, *,
                 event_tokens: Collection[int] = ()) -> None:
        self.doc = doc
        self.publication = publication
        self.event_tokens = frozenset(event_tokens)
        self.timexes = sorted((tx for tx in timexes if tx.type in ("DATE", "TIME") and not tx.stamp),
                              key=lambda t: t.token_start)
        self._starts = [tx.token_start for tx in self.timexes]
        self.work = len(self.timexes)
        self.ranges = date_ranges(doc.text, self.timexes)

    def date(self, trigger: int) -> EventDate:
        """See ``TimexTagger.event_date``."""
        doc = self.doc
        if not 0 <= trigger < len(doc):
            from ..errors import UsageError

            raise UsageError(f"trigger token index {trigger} is outside the document (0..{len(doc) - 1})",
                             code="E410")
        trig = doc[trigger]
        sent = trig.sent if doc.has_annotation("SENT_START") else doc[:]
        owners = _clause_predicates(trig)
        others = _Except(self.event_tokens, trigger)
        own: list[tuple[int, Timex]] = []
        shared: list[tuple[int, Timex]] = []
        vague = False
        conjuncts = _conjuncts(trig)
        lo, hi = bisect_left(self._starts, sent.start), bisect_left(self._starts, sent.end)
        self.work += hi - lo + 1
        for tx in self.timexes[lo:hi]:
            head = attachment(doc[tx.token_start:tx.token_end], event_tokens=others)
            distance = abs(head.i - trigger)
            if head.i in owners:
                if tx.kind == "vague":
                    vague = True
                elif tx.first_day is not None:
                    own.append((distance, tx))
            elif head.i in conjuncts and head.i not in others and tx.first_day is not None and tx.kind != "vague":
                shared.append((distance, tx))
        return with_range(_choose(trig, own, shared, vague, self.publication), self.ranges)


def date_event(
    doc: Doc,
    trigger: int,
    timexes: Sequence[Timex],
    publication: date | None,
    *,
    event_tokens: Collection[int] = (),
) -> EventDate:
    """See ``TimexTagger.event_date``. To date many events of one document, build a ``DateIndex`` once."""
    return DateIndex(doc, timexes, publication, event_tokens=event_tokens).date(trigger)


def _choose(trig: Token, own: list[tuple[int, Timex]], shared: list[tuple[int, Timex]], vague: bool,
            publication: date | None) -> EventDate:
    flags: list[str] = []
    if own:
        chosen = min(own, key=lambda p: (_precision(p[1]), p[0]))[1]
    elif shared:
        chosen = min(shared, key=lambda p: (_precision(p[1]), p[0]))[1]
        flags.append("shared_with_conjunct")
    else:
        if vague:
            flags.append("vague_time")
        if publication is None:
            return EventDate(None, None, "day", 0.0, (*flags, "no_publication_date"))
        return EventDate(publication, "publication", "day", _PUBLICATION_CONFIDENCE * (0.6 if vague else 1.0),
                         tuple(flags))
    assert chosen.first_day is not None
    penalty = 0.1 if flags else 0.0
    if publication is not None and chosen.first_day > publication:
        flags.append("after_publication")
        if tense(trig) == "past" or (trig.pos_ in ("NOUN", "PROPN") and tense(trig.head) == "past"):
            flags.append("past_tense_future")
            penalty = max(penalty, _CONFIDENCE[chosen.kind] - 0.3)
    return stamp(chosen, _CONFIDENCE, tuple(flags), penalty=penalty)


def _clause_predicates(trig: Token) -> frozenset[int]:
    """The tokens whose attached dates belong to the event of ``trig``: the trigger, the verbs it is the
    infinitive/complement of ("began to shell"), the light verb carrying an event noun ("launched strikes"),
    and the event noun a light-verb trigger carries."""
    owners = {trig.i}
    current = trig
    while current.dep_ == "xcomp" and current.head is not current:
        current = current.head
        owners.add(current.i)
    if trig.pos_ in ("NOUN", "PROPN") and trig.dep_ in ("dobj", "nsubjpass") and trig.head.lemma_ in LIGHT_VERBS:
        owners.add(trig.head.i)
    if trig.lemma_ in LIGHT_VERBS:
        owners.update(c.i for c in trig.children if c.dep_ in ("dobj", "nsubjpass"))
    if trig.pos_ in ("NOUN", "PROPN") and trig.dep_ == "compound":
        owners.add(trig.head.i)  # "missile strikes" where the parser made "strikes" a modifier
    return frozenset(owners)


def _conjuncts(trig: Token) -> frozenset[int]:
    """Verbs coordinated with the trigger ("attacked X and seized Y on Monday")."""
    if trig.pos_ not in ("VERB", "AUX"):
        return frozenset()
    heads = {c.i for c in trig.children if c.dep_ == "conj"}
    if trig.dep_ == "conj":
        heads.add(trig.head.i)
        heads.update(c.i for c in trig.head.children if c.dep_ == "conj" and c.i != trig.i)
    return frozenset(heads)


def _precision(tx: Timex) -> int:
    order = ("time", "day", "week", "month", "quarter", "season", "year", "decade", "century")
    return order.index(tx.granularity) if tx.granularity in order else len(order)
