"""The date of the incident an article reports, for its violent events that carry no date of their own.

A news report of an attack or a shooting dates the incident once ("four people were shot about 6 p.m.
Monday") and then tells it in sentences without a date ("one of them was wounded in the leg"), or says it
in a sentence whose date is of something else ("a boy was in critical condition Tuesday after he was shot").
Those events are not on the publication date: they are on the incident's date.

A violent event without a date of its own is dated by tiers (``IncidentDates.of``):

1. *sentence*: a strong incident expression in the event's own sentence (flag ``sentence_incident``);
2. *article*: the article's incident expression, the first strong one of the text (``article_incident``);
3. a weak one in the event's sentence, then the article's first weak one (when it has no strong one);
4. otherwise the caller keeps the publication date.

An *incident expression* names a day (or a time of one), lies neither after the publication date nor more
than ``MAX_DAYS_BEFORE`` days before it (``MAX_DAYS_BEFORE_CALENDAR`` for a calendar date), and is either

- *strong*: attached to a word of violence ("were shot about 6 p.m. Monday", ``lexicon.INCIDENT_WORDS``) or
  to a verb whose object is one ("exchanged gunfire Thursday afternoon"), to a verb of the scene ("police
  responded at 11:07 a.m. Sunday", ``SCENE_WORDS``), or modifying an incident noun ("Sunday night's
  shooting", "a Saturday morning shooting"); or
- *weak*: in a sentence that names violence, attached to a predicate that is no other event of the article,
  no verb of reporting or of the courts (``NOT_INCIDENT_HEADS``: "was arraigned Wednesday in the shooting")
  and no state of a victim's condition ("a boy was in critical condition Tuesday after he was shot").

The first strong expression wins over weak ones. A bare clock time ("at 9:15 p.m.") names no day of its own
(the tagger dates it by the day named before it) and is passed over.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..lexicons import lexicon
from .lexicon import INCIDENT_WORDS
from .ranges import date_ranges
from .records import EventDate, Timex
from .stamps import stamp
from .syntax import REPORTING_VERBS, attachment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# CAMEO roots of violent events (assault, fight, unconventional mass violence): they take the incident date.
INCIDENT_ROOTS = frozenset({"18", "19", "20"})
# How far before publication an incident may lie: a weekday or "yesterday" named in a report is within the
# weeks before; a calendar date ("the June 7 shooting", in a report on the trial) may lie years before.
MAX_DAYS_BEFORE = 31
MAX_DAYS_BEFORE_CALENDAR = 731
# A clock time with no day ("at 9:15 p.m.", "noon") takes its day from the text before it, so it repeats a
# day already seen rather than naming the incident's.
BARE_CLOCK_RULES = frozenset({"clock"})
# Verbs (lemmas) of the scene of an incident: when police were called, arrived, found a victim, heard shots.
SCENE_WORDS = lexicon("timex", "scene_verbs")
# Predicates (lemmas) whose date is not the incident's even in a sentence about it: reporting, the courts,
# the police work after it, and a victim's condition.
NOT_INCIDENT_HEADS = lexicon("timex", "not_incident_heads")
# "be" / "remain" dates a state: not the incident's when the state is a victim's or a suspect's condition
# ("was in critical condition Tuesday", "remained hospitalized Friday"), but a scene otherwise ("three
# people were in the apartment Thursday afternoon when the boy was shot").
STATE_VERBS = frozenset({"be", "remain", "stay"})
CONDITION_WORDS = lexicon("timex", "condition_words")
_SENTENCE, _ARTICLE = "sentence_incident", "article_incident"
_CONFIDENCE = {"absolute": 0.8, "underspecified": 0.75, "relative": 0.7, "anaphoric": 0.55}
_SENTENCE_CONFIDENCE = {"absolute": 0.85, "underspecified": 0.8, "relative": 0.75, "anaphoric": 0.6}


class IncidentDates:
    """The incident expressions of one document (see the module docstring), found once; ``of`` dates one
    violent event by them. ``event_tokens``: the article's event triggers (a date attached to one of them
    that is no word of violence belongs to that event)."""

    def __init__(self, doc: Doc, timexes: Sequence[Timex], publication: date | None, *,
                 event_tokens: Collection[int] = ()) -> None:
        self.doc = doc
        others = frozenset(event_tokens)
        found = [(tx, _strength(doc, tx, publication, others)) for tx in sorted(timexes, key=lambda t: t.start)]
        self.candidates = [(tx, strong) for tx, strong in found if strong is not None]
        self._starts = [tx.token_start for tx, _ in self.candidates]
        strong = [tx for tx, s in self.candidates if s]
        self.article = _earliest_of_first_sentence(doc, strong) if strong else (
            self.candidates[0][0] if self.candidates else None)
        self.article_strong = bool(strong)
        self._ranges = date_ranges(doc.text, timexes)

    def of(self, trigger: int, flags: tuple[str, ...] = ()) -> EventDate | None:
        """The incident date of the violent event at token ``trigger`` by the tiers of the module docstring,
        or None (the caller keeps its publication date)."""
        doc = self.doc
        sent = doc[trigger].sent if doc.has_annotation("SENT_START") else doc[:]
        lo, hi = bisect_left(self._starts, sent.start), bisect_left(self._starts, sent.end)
        in_sentence = self.candidates[lo:hi]
        strong = [tx for tx, s in in_sentence if s]
        if strong:
            return stamp(strong[0], _SENTENCE_CONFIDENCE, (*flags, _SENTENCE))
        if self.article is not None and self.article_strong:
            return stamp(self.article, _CONFIDENCE, (*flags, _ARTICLE))
        if in_sentence:
            return stamp(in_sentence[0][0], _SENTENCE_CONFIDENCE, (*flags, _SENTENCE))
        if self.article is not None:
            return stamp(self.article, _CONFIDENCE, (*flags, _ARTICLE))
        return None

    def within(self, when: EventDate) -> EventDate | None:
        """An incident day of the article that lies inside the coarser period of ``when`` (a week, month or
        year the event's own clause gives: "shot ... so far this year") or inside its range ("over the
        weekend", "overnight"), strong expressions first; else None."""
        own = when.timex
        if own is None or when.date is None:
            return None
        span = (when.date, when.end)
        inside = [(tx, s) for tx, s in self.candidates if tx is not own and tx.first_day is not None
                  and self._ranges.get(tx.start) != span  # the other end of the same range names no incident
                  and (when.date <= tx.first_day <= when.end if when.end is not None
                       else _inside(tx.first_day, when.date, own.granularity))]
        if not inside:
            return None
        chosen = next((tx for tx, s in inside if s), inside[0][0])
        return stamp(chosen, _CONFIDENCE, (*when.flags, _ARTICLE))


def _earliest_of_first_sentence(doc: Doc, strong: list[Timex]) -> Timex:
    """The article's incident expression among its strong ones: in the first sentence that has one, the one
    naming the earliest day (ties: the first), for a violent incident comes before its consequences ("died
    Friday after being shot at his home Thursday")."""
    if not doc.has_annotation("SENT_START"):
        return strong[0]
    sent = doc[strong[0].token_start].sent
    same = [tx for tx in strong if sent.start <= tx.token_start < sent.end and tx.first_day is not None]
    return min(same, key=lambda tx: tx.first_day or date.max) if same else strong[0]


def incident_timex(doc: Doc, timexes: Sequence[Timex], publication: date | None) -> Timex | None:
    """The article's incident date expression (see the module docstring), or None."""
    return IncidentDates(doc, timexes, publication).article


def incident_date(tx: Timex, flags: tuple[str, ...] = ()) -> EventDate:
    """The event date an undated violent event takes from the article's incident expression ``tx``."""
    return stamp(tx, _CONFIDENCE, (*flags, _ARTICLE))


def _strength(doc: Doc, tx: Timex, publication: date | None, others: frozenset[int]) -> bool | None:
    """True for a strong incident expression, False for a weak one, None for none."""
    if tx.type not in ("DATE", "TIME") or tx.kind == "vague" or tx.first_day is None or tx.stamp:
        return None
    if tx.granularity not in ("day", "time") or tx.rule in BARE_CLOCK_RULES:
        return None
    limit = MAX_DAYS_BEFORE_CALENDAR if tx.kind in ("absolute", "underspecified") else MAX_DAYS_BEFORE
    if publication is not None and not 0 <= (publication - tx.first_day).days <= limit:
        return None
    span = doc[tx.token_start : tx.token_end]
    if not len(span):
        return None
    head = attachment(span)
    if _lemma(head) in REPORTING_VERBS and span.end <= head.i:
        # fronted before a report ("Around 4 p.m. Monday, officials say they were called"): the date is the
        # reported event's, not the report's ("police said Monday that ..." keeps the report's)
        head = next((c for c in head.children if c.dep_ == "ccomp"), head)
    if _violent(head) or _scene(head):
        return True
    if head.pos_ == "VERB" and any(c.dep_ in ("dobj", "nsubjpass") and _violent(c) for c in head.children):
        return True  # a verb carrying violence as its object: "exchanged gunfire Thursday afternoon"
    if head.pos_ in ("VERB", "AUX") and (_violent_conjunct(head) or _violent_when(head)):
        return True
    if _modifies_incident_noun(span):
        return True
    if head.i in others or _lemma(head) in NOT_INCIDENT_HEADS:
        return None
    if _lemma(head) in STATE_VERBS and _describes_condition(head):
        return None
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    if any(_violent(t) for t in sent if t.i not in range(span.start, span.end)):
        return False
    return None


def _scene(verb: Token) -> bool:
    """A verb of the scene ("responded", "found", "taken to a hospital"), not of the police work after it:
    "taken into custody", "transported to jail" (a noun of ``NOT_INCIDENT_HEADS`` after a preposition)."""
    if verb.lemma_.lower() not in SCENE_WORDS:
        return False
    return not any(c.dep_ == "prep" and any(o.dep_ == "pobj" and _lemma(o) in NOT_INCIDENT_HEADS for o in c.children)
                   for c in verb.children)


def _violent_conjunct(verb: Token) -> bool:
    """The verb is coordinated with a verb of violence that shares its date ("drove up early today and shot
    the driver")."""
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and _violent(verb.head):
        return True
    return any(c.dep_ == "conj" and c.pos_ == "VERB" and _violent(c) for c in verb.children)


def _violent_when(verb: Token) -> bool:
    """The verb sets the scene of violence told in its "when" clause ("At 5:45 p.m. Wednesday, the boy was
    outside when someone fired shots")."""
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        if any(t.dep_ in ("advmod", "mark") and t.lower_ in ("when", "as") for t in clause.children) \
                and any(_violent(t) for t in clause.subtree):
            return True
    return False


def _modifies_incident_noun(span: Span) -> bool:
    """"Sunday night's shooting", "a Saturday morning shooting", "the shooting on Friday"; also a word of
    violence the expression hangs on directly where ``attachment`` walked past it ("a teenager killed early
    Sunday said": a participle describing a noun)."""
    root = span.root
    noun = root.head
    if root.dep_ in ("poss", "compound", "nmod", "npadvmod", "amod") and _violent(noun):
        return True
    doc = span.doc
    after = span.end + (span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"))
    if after < len(doc) and doc[after].tag_ in ("NN", "NNS", "VBG") and _violent(doc[after]):
        return True  # the parser missed the compound: "led to Saturday shooting"
    return root.dep_ == "pobj" and noun.pos_ == "ADP" and noun.head.pos_ == "NOUN" and _violent(noun.head)


def _describes_condition(verb: Token) -> bool:
    """Whether a state verb's complements speak of a condition ("in critical condition", "hospitalized")."""
    for child in verb.children:
        if child.dep_ in ("acomp", "attr", "prep", "oprd", "advmod"):
            if any(t.lemma_.lower() in CONDITION_WORDS or t.lower_ in CONDITION_WORDS for t in child.subtree):
                return True
    return False


def _violent(tok: Token) -> bool:
    return tok.lemma_.lower() in INCIDENT_WORDS or tok.lower_ in INCIDENT_WORDS


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _inside(day: date, start: date, granularity: str | None) -> bool:
    if day < start:
        return False
    if granularity == "week":
        return (day - start).days < 7
    if granularity in ("month", "quarter", "season"):
        months = {"month": 1, "quarter": 3, "season": 3}[granularity]
        return (day.year - start.year) * 12 + day.month - start.month < months
    if granularity == "year":
        return day.year == start.year
    return False
