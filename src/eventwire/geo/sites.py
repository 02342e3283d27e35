"""Named sites the gazetteer lacks: streets, squares, buildings and natural features ("Kinsale Road",
"Martyrs' Square", "the Qalandya Checkpoint", "Rikers Island", "the Sahara Desert").

A run of capitalised words before a site word (``site_words_built``, ``site_words_natural``) names a place
even when the gazetteer cannot place it. Such a name is reported as a toponym with evidence ``unresolved``:
with the point, country and first-level unit of the place the text puts it in ("Kinsale Road, Cork",
"Mineirao Stadium in Belo Horizonte", "Jaipur City Palace"; evidence ``in_place``), else without a point
(lat/lon, country and admin1 None). So are place entities (GPE, LOC) the gazetteer lacks after a
preposition of place ("a protest in Matiala", ``unresolved_entities``). These are reported by ``GeoParser.toponyms(doc, unresolved=True)`` (what
``eventwire geocode`` prints), never used as event places: the pipeline reads resolved places only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..lexicons import lexicon
from .names import name_key
from .toponyms import Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

BUILT_WORDS = lexicon("geo", "site_words_built")
# The site words that end a name in lower case too ("McCarran airport", "Kalina hospital", "the Pacific
# coast"); others in lower case are common nouns after a name ("an Ebola clinic", "a malaria drive").
LOWER_SITE_WORDS = lexicon("geo", "site_words_lower")
NATURAL_WORDS = lexicon("geo", "site_words_natural")
MAX_NAME_WORDS = 4
# Diseases and outbreaks that the tagger takes for places ("died of Ebola").
DISEASE_WORDS = lexicon("geo", "disease_words")
GENERIC_WORDS = lexicon("geo", "generic_names")
_ENTITY_LABELS = frozenset({"GPE", "LOC"})
# Not "to", which takes people and events as often ("a lead-up to Rebels", "a letter to Santa").
_PLACE_PREPS = frozenset({"in", "at", "near", "from", "into", "outside", "inside", "across", "around",
                          "throughout", "within"})
# Words between a site and the place it is in: "Kinsale Road, Cork", "Mineirao Stadium in Belo Horizonte".
_INSIDE = frozenset({",", "in", "near", "outside", "of"})
_NO_NAME = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "rt", "via", "my", "our", "your", "his", "her", "their", "this", "that", "every", "any", "no",
})


def site_kind(tok: Token) -> str | None:
    """``facility`` or ``other`` when the token is a site word, else None."""
    low = tok.lower_.rstrip(".")
    if low in BUILT_WORDS:
        return "facility"
    if low in NATURAL_WORDS:
        return "other"
    return None


def _name_word(tok: Token) -> bool:
    text = tok.text
    if not text[:1].isupper() or tok.is_space or "\n" in text or tok.lower_ in _NO_NAME:
        return False
    if tok.is_stop and not text.isupper():
        return False  # "The", "A", "In": not the name of a place
    return text.replace("'", "").replace("-", "").replace(".", "").isalnum()


def _title_case(tok: Token) -> bool:
    """Is the token's sentence a headline in capitals or title case, where every word is capitalised?"""
    words = [t for t in tok.sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


def unresolved_sites(doc: Doc, toponyms: Sequence[Toponym]) -> list[Toponym]:
    """The named sites no toponym covers, as unresolved toponyms (see the module docstring)."""
    covered = {t for top in toponyms for t in range(top.token_start, top.token_end)}
    by_start = {top.token_start: top for top in toponyms if not top.metonymic}
    by_end = {top.token_end: top for top in toponyms if not top.metonymic}
    out: list[Toponym] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        kind = site_kind(tok)
        if kind is None or i in covered or i == 0:
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end not in covered and site_kind(doc[end]) and doc[end].text[:1].isupper():
            end += 1  # "Emory University Hospital", "Kermadec Islands"
        last = doc[end - 1]
        if end < len(doc) and _name_word(doc[end]) and doc[end].text[:1].isupper() and not doc[end].is_stop:
            i = end
            continue  # "Wall Street Journal", "Camp David Accords": the name of something else
        start = i
        while start > 0 and i - start < MAX_NAME_WORDS and (start - 1) not in covered and _name_word(doc[start - 1]):
            if start - 2 >= 0 and doc[start - 2].text in ("#", "@"):
                break
            start -= 1
        if start == i or doc[start - 1].text in ("#", "@"):
            i = end
            continue
        if not tok.text[:1].isupper() and (tok.lower_ not in LOWER_SITE_WORDS or not all(
                doc[t].pos_ == "PROPN" and not (doc[t].text.isupper() and len(doc[t]) <= 4) for t in range(start, i))):
            i = end
            continue  # a lower-case site word after a proper name only: "McCarran airport", "Kalina hospital"
        if _title_case(tok) and not all(doc[t].pos_ == "PROPN" for t in range(start, i)):
            i = end
            continue
        out.append(_toponym(doc, start, end, kind if last is tok else site_kind(last) or kind, by_start, by_end))
        i = end
    return out


def unresolved_entities(doc: Doc, toponyms: Sequence[Toponym]) -> list[Toponym]:
    """Place entities (GPE, LOC) the gazetteer cannot place, after a preposition of place ("a protest in
    Matiala", "moved from Belle Chase"): proper nouns only, never a disease ("died of Ebola", which the model
    calls a place) nor a word of ``_NO_NAME``; feature ``other``."""
    covered = {t for top in toponyms for t in range(top.token_start, top.token_end)}
    by_start = {top.token_start: top for top in toponyms if not top.metonymic}
    by_end = {top.token_end: top for top in toponyms if not top.metonymic}
    out = []
    for ent in doc.ents:
        start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
        if ent.label_ not in _ENTITY_LABELS or start == 0 or doc[start - 1].lower_ not in _PLACE_PREPS:
            continue
        span = doc[start : ent.end]
        if any(t.i in covered for t in span) or not all(
                t.pos_ == "PROPN" and _name_word(t) and t.lower_ not in DISEASE_WORDS for t in span):
            continue
        if len(span.text) < 3 or _title_case(span[0]) or name_key(span.text) in GENERIC_WORDS:
            continue  # "Reopen" in a title-case headline; "East" alone
        out.append(_toponym(doc, start, ent.end, "other", by_start, by_end))
    return out


def _toponym(doc: Doc, start: int, end: int, feature: str, by_start: dict[int, Toponym],
             by_end: dict[int, Toponym]) -> Toponym:
    span = doc[start:end]
    around = by_end.get(start)  # "Jaipur City Palace"
    if around is None and end < len(doc) and doc[end].lower_ in _INSIDE:
        around = by_start.get(end + 1)
    evidence = ("unresolved", "in_place") if around is not None and around.lat is not None else ("unresolved",)
    return Toponym(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        token_start=start,
        token_end=end,
        name=span.text,
        country=around.country if around is not None else None,
        admin1=around.admin1 if around is not None else None,
        lat=around.lat if around is not None else None,
        lon=around.lon if around is not None else None,
        feature=feature,
        metonymic=False,
        place_id=0,
        admin1_id=around.admin1_id if around is not None else None,
        candidates=0,
        confidence=0.5 if around is not None else 0.0,
        evidence=evidence,
    )
