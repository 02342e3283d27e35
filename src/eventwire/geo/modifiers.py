"""Places named as the modifier of their institutions and events: "the Bowling Green Police Department",
"the Houston City Council", "Kentucky State Police", "the Luton Riot"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicons import lexicon
from .gazetteer import Candidate
from .names import EVENT_NOUNS, INSTITUTION_WORDS, LOCAL_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# A town that opens the name of anything else (a festival, a flood, an agency) must be this big.
MIN_NAMESAKE_POPULATION = 100_000
BUSINESS_WORDS = lexicon("geo", "business_words")


def institution_of(doc: Doc, i: int, j: int, ents: set[Span], cands: list[Candidate], *, min_population: int) -> bool:
    """The place an institution or event is named after: "the Bowling Green Police Department", "the Houston
    City Council", "Kentucky State Police", "the Luton Riot". The name opens the entity (after "the") and an
    institution word, a local noun or an event noun follows it inside the entity; the place is a state, a
    county or a town of ``min_population`` or more."""
    if len(ents) != 1 or j >= len(doc):
        return False
    ent = next(iter(ents))
    start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    if ent.label_ not in ("ORG", "FAC", "EVENT", "NORP") or start != i or not j < ent.end:
        return False
    after = doc[j].lower_
    if after not in INSTITUTION_WORDS and after not in LOCAL_NOUNS and after not in EVENT_NOUNS:
        # Any other name opened by a country, a state or a big town is named after it: "the U.S. Geological
        # Survey", "the UK Home Office", "the Toronto Film Festival", "the London Beer Flood".
        # Not a newspaper, an airline, a bank or a club ("the Washington Post", "Qatar Airways", "Leeds
        # United"), which are organisations wherever they are; and the name goes on in capitals ("Palma in
        # Mozambique's", which the model made one name, is a place named otherwise).
        if ent.label_ == "NORP" or not doc[j].text[:1].isupper() or any(
                t.lower_ in BUSINESS_WORDS for t in doc[j : ent.end]):
            return False
        return any(c.feature == "country" or (c.exact and (c.feature == "admin1" or (
            c.feature == "city" and c.population >= MIN_NAMESAKE_POPULATION))) for c in cands)
    return any(c.feature in ("country", "admin1", "other") or (
        c.feature == "city" and c.population >= min_population) for c in cands)
