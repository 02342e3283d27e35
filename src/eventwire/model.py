"""Typed records that cross stage boundaries.

All offsets are character offsets into the article text (after any ``date YYYY-MM-DD``
prefix has been removed by ingest), half-open: ``text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    """One dated news article as read from an input.

    ``origin`` names where it came from (file path, ``path:line`` for JSONL/CSV rows, ``-`` for stdin).
    """

    id: str
    text: str
    date: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that could not be read or coded, with the reason. Goes to the ``rejects`` table.

    ``line`` is the input line it starts on; ``item`` its position in the input when a line can hold
    several records (a JSON array on one line: the array index); ``article_id`` the article it concerns,
    when it was read but a later stage failed on it (codes E5xx) or skipped part of it.
    """

    origin: str
    reason: str
    code: str
    line: int | None = None
    item: int | None = None
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin, "line": self.line, "item": self.item, "article_id": self.article_id,
            "code": self.code, "reason": self.reason,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of evidence: the text and its character offsets into the article."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A resolved actor: a CAMEO-style code plus the words it was read from.

    ``country`` is an ISO3 code or an IGO/NGO code (``IGOUNO``); ``sector`` the role part of the
    code (``GOV``, ``MIL``...) or None. ``entry`` says which dictionary entry produced it
    (``file:line``) and is shown by ``explain`` but is not part of the JSONL contract.
    """

    code: str
    name: str
    country: str | None
    sector: str | None
    text: str
    start: int
    end: int
    entry: str | None = None
    country_basis: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


# How an event's place was chosen (``Place.basis``); see ``Place``.
ATTACHED, SENTENCE, TERRITORY, ARTICLE = "attached", "sentence", "territory", "article"


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened (filled by the geo stage).

    ``basis`` says how the place was chosen: ``attached`` (attached to the event: "in Anbar", "struck the
    Ain al-Asad base"), ``sentence`` (nearest place in the sentence), ``territory`` (an actor's territory by
    the rule table ``data/geo/event_places.yaml``: "Russia attacked Ukraine") or ``article`` (the article's
    dominant place). ``geonames_id``: the place's GeoNames id where GeoNames lists it (cities, countries),
    else None (first-level units, curated sites).
    """

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    start: int
    end: int
    basis: str | None = None
    geonames_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "start": self.start,
            "end": self.end,
            "basis": self.basis,
            "geonames_id": self.geonames_id,
        }


@dataclass(frozen=True, slots=True)
class EventMention:
    """One coded event as mentioned in one sentence of one article.

    ``to_dict`` gives the JSONL contract of docs/contracts.md; ``date_granularity`` (day|week|month|year),
    ``date_confidence``, ``date_flags`` (e.g. ``after_publication``) and, for a range, ``date_end`` follow it as
    extra keys.
    """

    article_id: str
    sentence_index: int
    sentence: str
    publication_date: date | None
    event_date: date | None
    date_basis: str | None
    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    trigger: Span
    negated: bool = False
    hypothetical: bool = False
    attributed_to: ActorRef | None = None
    location: Place | None = None
    confidence: float = 0.5
    sentence_start: int = 0
    rule: str | None = field(default=None, compare=False)
    date_granularity: str | None = None
    date_confidence: float | None = None
    date_flags: tuple[str, ...] = ()
    #: The temporal expression the event date came from (None for the publication basis); not in the JSONL.
    date_evidence: Span | None = field(default=None, compare=False)
    #: The last day of a range the text gives for the event ("between Friday and Sunday", "over the weekend",
    #: "overnight"), whose first day is ``event_date``; None otherwise. In the JSONL only when set; not kept
    #: in the store.
    date_end: date | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSONL contract of ``eventwire code`` (docs/contracts.md); ``date_end`` only when set."""
        out = {
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "publication_date": _iso(self.publication_date),
            "event_date": _iso(self.event_date),
            "date_basis": self.date_basis,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "cameo_name": self.cameo_name,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": {"type": self.plover_type, "mode": self.plover_mode},
            "location": self.location.to_dict() if self.location else None,
            "trigger": self.trigger.to_dict(),
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "confidence": round(self.confidence, 3),
            "date_granularity": self.date_granularity,
            "date_confidence": None if self.date_confidence is None else round(self.date_confidence, 3),
            "date_flags": list(self.date_flags),
        }
        if self.date_end is not None:
            out["date_end"] = _iso(self.date_end)
        return out


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True, slots=True)
class IncidentDay:
    """The day of the violent incident an article reports (``timex.incident``: the first date expression
    attached to a word of violence or of its scene, "shot himself late Monday night"), and that expression.
    An article has one even when no event was coded from it (a timeline can still place the story)."""

    day: date
    evidence: Span


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What coding one article gave: its mentions, and rejects saying what could not be coded.

    ``coded`` is False when a stage failed on the article (``rejects`` then holds one E5xx reject and
    ``mentions`` is empty): the article is not stored, so a later run tries it again. A coded article may
    still carry rejects for parts that were skipped (E210 sentences over the limit, E211 a sentence too long).

    ``incident`` is the day of the violent incident the article reports, found whether or not an event was
    coded from it; None when the article dates no incident, or dates are off.
    """

    article: Article
    mentions: tuple[EventMention, ...] = ()
    rejects: tuple[Reject, ...] = ()
    coded: bool = True
    discarded: int = 0  # sentences left uncoded as sport or entertainment (data/discards.yaml)
    incident: IncidentDay | None = None
