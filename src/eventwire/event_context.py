"""Where and when each coded event of one document happened: the document's temporal expressions and
toponyms, found and indexed once (``EventDating``, ``EventPlacing``), and the parse tests that decide
whether a country named in a sentence is the event's place or one of its actors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from .lexicons import lexicon
from .model import ATTACHED, SENTENCE, IncidentDay, Span
from .timex.incident import INCIDENT_ROOTS, IncidentDates

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import ActorMatch
    from .geo import GeoParser, Toponym
    from .geo.roles import EventRoles
    from .model import Place
    from .timex import EventDate, TimexTagger


class EventDating:
    """The temporal expressions of one document, found once, and the date of each event in it. Without a
    tagger (``Settings.dates=False``) every event takes the publication date."""

    def __init__(self, tagger: TimexTagger | None, doc: Doc, publication_date: date | None,
                 triggers: tuple[int, ...]) -> None:
        self.tagger = tagger
        self.doc = doc
        self.publication_date = publication_date
        self.triggers = triggers
        self.timexes = tagger.find(doc, publication_date) if tagger is not None else []
        self.dater = (tagger.dater(doc, self.timexes, publication_date, event_tokens=triggers)
                      if tagger is not None else None)
        self._incidents: IncidentDates | None = None  # the article's incident expressions, found on first need

    def of(self, trigger: int, *, code: str | None = None) -> EventDate:
        """The date of the event at ``trigger``. A violent event (CAMEO ``code`` under roots 18-20) with no
        date of its own takes the date of the incident its sentence or the article reports
        (``timex.incident``), not the publication date; one whose own date is only a week, month or year,
        or a range ("over the weekend"), takes the article's incident day when that lies inside it."""
        if self.dater is None:
            from .timex import EventDate

            known = self.publication_date is not None
            return EventDate(self.publication_date, "publication" if known else None, "day", 0.5 if known else 0.0)
        when = self.dater.date(trigger)
        if code is None or code[:2] not in INCIDENT_ROOTS:
            return when
        if when.basis == "publication":
            return self._incident_dates().of(trigger, when.flags) or when
        if when.granularity != "day" or when.end is not None:
            return self._incident_dates().within(when) or when
        return when

    def incident(self, *, original: str) -> IncidentDay | None:
        """The day of the violent incident the article reports (``IncidentDates.article``), its evidence in the
        words of ``original`` (the article's text; the parsed text may be a truecased copy of it); None
        without a tagger or when the article dates none."""
        tx = self._incident_dates().article if self.dater is not None else None
        if tx is None or tx.first_day is None:
            return None
        words = original[tx.start:tx.end] if len(original) == len(self.doc.text) else tx.text
        return IncidentDay(tx.first_day, Span(words, tx.start, tx.end))

    def _incident_dates(self) -> IncidentDates:
        if self._incidents is None:
            self._incidents = IncidentDates(self.doc, self.timexes, self.publication_date,
                                            event_tokens=self.triggers)
        return self._incidents


class EventPlacing:
    """The toponyms of one document, found and indexed once, and the place of each event in it. Without a
    geoparser (``Settings.places=False``) events have no location. Cost is linear in the document: each
    event looks at its own sentence's locatives and at the toponyms its parse reaches."""

    def __init__(self, geo: GeoParser | None, doc: Doc, toponyms: list[Toponym],
                 actor_spans: list[tuple[int, int]], locatives: list[tuple[tuple[int, int], int]]) -> None:
        self.geo = geo
        self.doc = doc
        # Words that name actors are not where events happened: "Iran fired ...", "the US airstrike"; but a
        # country after a locative preposition attached to the event is ("fired at US forces in Iraq").
        self.actor_spans = actor_spans
        self.locatives: dict[int, list[tuple[tuple[int, int], int]]] = {}
        for span, prep in locatives:  # by sentence: a preposition governs only within its sentence
            self.locatives.setdefault(doc[prep].sent.start, []).append((span, prep))
        self.toponyms = toponyms
        self.index = geo.index(doc, self.toponyms, exclude_spans=actor_spans) if geo is not None else None

    def of(self, trigger: int, roles: EventRoles | None = None) -> list[Place | None]:
        """The event's places: one, several for a coordination ("in Al-Asad and Arbil"), or [None]. With no
        place attached and none other in the sentence, the rule table may place it on an actor's territory
        ("Russia attacked Ukraine") before the article's main place is taken."""
        if self.index is None or self.geo is None:
            return [None]
        tops, basis = self.index.locate_all(trigger)
        if basis != ATTACHED:
            in_sentence = self.locatives.get(self.doc[trigger].sent.start, ())
            near = {span for span, prep in in_sentence if governs(self.doc, trigger, prep)}
            if near:
                attached, how = self.index.locate_all(trigger, allow=near)
                if how == ATTACHED:
                    tops, basis = attached, how
        if basis not in (ATTACHED, SENTENCE) and roles is not None:
            ruled = self.geo.territory(self.index, roles)
            if ruled is not None:
                return [ruled]
        return [replace(t.to_place(), basis=basis) for t in tops] or [None]


# Prepositions after which a country name is where something happened, not who did it ("forces in Iraq").
# Narrower than geo.locate.LOCATIVE_PREPS on purpose: after "on", "into", "from", "towards"... a country is
# the target or the origin of the event ("sanctions on Iran", "fired from Iran"), not its place.
LOCATIVE_COUNTRY_PREPS = lexicon("events", "locative_country_preps")
ARGUMENT_PATH = frozenset({"pobj", "prep", "dobj", "nsubj", "nsubjpass", "compound"})


def actor_spans(doc: Doc, matches: list[ActorMatch]) -> list[tuple[int, int]]:
    """Character spans of the actor matches that are not capitals (a capital may still be a place)."""
    return [(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])) for m in matches if m.kind != "capital"]


def locatives(doc: Doc, matches: list[ActorMatch]) -> list[tuple[tuple[int, int], int]]:
    """(character span, preposition token) of countries named as the object of a locative preposition."""
    found = []
    for m in matches:
        head = doc[m.end - 1]
        if m.kind == "country" and head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_COUNTRY_PREPS:
            found.append(((doc[m.start].idx, head.idx + len(head)), head.head.i))
    return found


def governs(doc: Doc, trigger: int, prep: int, steps: int = 3) -> bool:
    """Whether the prepositional phrase at ``prep`` hangs on the event's predicate or one of its arguments
    ("fired missiles at US forces in Iraq"), not on a description further away ("a figure in Iran")."""
    node = doc[prep].head
    for _ in range(steps):
        if node.i == trigger:
            return True
        if node.dep_ not in ARGUMENT_PATH or node.head.i == node.i:
            return False
        node = node.head
    return False
