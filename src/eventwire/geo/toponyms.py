"""The toponym record and metonymy: is a place name a place, or a government acting?

Detection is in ``detect.py``, disambiguation in ``resolve.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..lexicons import lexicon
from ..model import Place
from .names import name_key

if TYPE_CHECKING:
    from spacy.tokens import Span

# Verbs whose subject is a location, not an actor ("Iraq borders Iran", "Erbil lies north of...").
LOCATIVE_VERBS = lexicon("geo", "locative_verbs")
ACCUSE_VERBS = lexicon("geo", "accuse_verbs")
# Buildings that stand for a government ("the Kremlin said"): places only as a scene ("at the White House").
SEATS_OF_POWER = lexicon("geo", "seats_of_power")
_SCENE_PREPS = lexicon("geo", "scene_preps")

@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name in the text, resolved. Offsets are characters into the article text (half-open).

    ``metonymic``: the name stands for a government or state acting ("Moscow warned", "strikes by Iran",
    "Iran's foreign minister"), so it is not where anything happened. ``score_margin``: how far the chosen
    candidate beat the next (0 when there was only one); ``confidence`` (0..1) follows from it;
    ``evidence`` names what found and decided it ("dateline", "entity", "x_in_y", "document_country:USA",
    "near_other_places", "type_word:admin1", "population"...). ``population``: the chosen place's, 0 when
    unknown.
    """

    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str
    metonymic: bool
    place_id: int
    admin1_id: str | None = None
    candidates: int = 1
    score_margin: float = 0.0
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()
    geonames_id: int | None = None
    population: int = 0

    def to_place(self) -> Place:
        return Place(
            self.name, self.country, self.admin1, self.lat, self.lon, self.feature, self.start, self.end,
            geonames_id=self.geonames_id,
        )

    def to_dict(self, article_id: str) -> dict[str, Any]:
        """One line of ``eventwire geocode``: the docs/contracts.md fields, then ``confidence``, ``evidence``
        and ``geonames_id``."""
        return {
            "article_id": article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": _round(self.lat),
            "lon": _round(self.lon),
            "feature": self.feature,
            "confidence": self.confidence,
            "evidence": list(self.evidence),
            "geonames_id": self.geonames_id,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 5)


def is_metonymic(span: Span, feature: str, *, capital: bool = False, population: int = 0) -> bool:
    """Is this name a government rather than a place? A capital or big city as the subject of an action or
    speech verb ("Moscow warned", "Kyiv said"), the agent of a passive ("installed by Moscow") or the object
    of an accusation ("accused Minsk of"). Country names acting ("Iran fired missiles") stay places, as in
    the gold set's convention; the pipeline keeps them out of event locations through the actor spans."""
    if feature == "facility" and name_key(span.text) in SEATS_OF_POWER:
        # "the Kremlin said", "a Pentagon spokesman": the government; "talks at the White House": a place
        root = span.root
        return not (root.dep_ == "pobj" and root.head.lower_ in _SCENE_PREPS)
    if feature != "city" or not (capital or population >= 100_000):
        return False
    root = span.root
    head = root.head
    while root.dep_ == "conj" and head is not root and not span.start <= head.i < span.end:
        root, head = head, head.head  # "Tokyo and Washington condemned": the first conjunct carries the role
    dep = root.dep_
    if dep == "nsubj":
        return head.pos_ in ("VERB", "AUX") and head.lemma_ not in LOCATIVE_VERBS
    if dep == "pobj" and head.lower_ == "by" and head.head.pos_ == "VERB":
        return True
    if dep == "dobj":
        return head.lemma_ in ACCUSE_VERBS
    return False
