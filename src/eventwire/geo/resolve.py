"""Disambiguation: one gazetteer candidate per detected toponym, chosen with the whole document.

Each candidate is scored: its size (log population; capitals up; countries up, admin1 down), the type word
after the name ("Anbar governorate", "Harir base"), "X, Y" / "X in Y" (Y contains X), the countries and
first-level units the rest of the document is about (other toponyms, demonyms such as "Iraqi", and above
all the dateline), and nearness to the document's other places: a small place close to them beats a big one
far away (a US local paper's "Paris" is the one in its state), and the document's region: the
first-level unit most of its names can lie in ("Princeton", "Mercer County" and "Charleston" together are in
West Virginia; evidence ``document_region``). The choice keeps its margin over the next candidate, a
confidence and the evidence that decided it.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from ..geodesy import haversine_km
from .detect import Mention
from .gazetteer import Candidate, Gazetteer
from .names import INSTITUTION_WORDS, name_key
from .toponyms import Toponym, is_metonymic

if TYPE_CHECKING:
    from spacy.tokens import Doc

_FEATURE_PRIOR = {"country": 1.0, "admin1": -1.0, "city": 0.0}
_FACILITY_SCORE = 6.0
_OTHER_SCORE = 5.5
# A place's own name over another's alternate name: GeoNames lists districts and old names among a big
# city's alternates ("Santa Ana" for a district of Taguig), so an alternate needs six times the population.
_EXACT_BONUS = 0.8
_DATELINE_WEIGHT = 3.0  # the dateline counts as this many mentions of its country and admin1
_NEAR_KM = 50.0
# The document's region (``_region``): a reading inside it gains this much; it takes this many names.
_REGION_BONUS = 2.0
_REGION_MIN_NAMES = 2
_REGION_MIN_SIZE = 0.8
# A region of this many names outweighs a dateline town the gazetteer has only outside it (evidence
# ``outside_region``: the dateline's own town is missing from the gazetteer, ``strays.py``).
_STRONG_REGION_NAMES = 3
_LOCAL_FORCES = frozenset({"police", "sheriff"})
_CLOSE_KM = 150.0


def _base_score(c: Candidate, hint: str | None) -> float:
    if c.feature == "facility":
        score = _FACILITY_SCORE
    elif c.feature == "other":
        # a second-level unit carries the population of its places: of two "Harris County", the bigger
        score = _OTHER_SCORE + (0.25 * math.log10(c.population + 10) if c.population else 0.0)
    else:
        # A capital's bonus goes with its own name only: under an old or foreign name ("Philadelphia" for
        # Amman, "Santa Ana" for a district of Taguig) it would beat the city whose name it is.
        score = (
            math.log10(c.population + 10) + _FEATURE_PRIOR.get(c.feature, 0.0) + (1.5 if c.capital and c.exact else 0.0)
        )
    if c.exact:
        score += _EXACT_BONUS
    if hint and c.feature == hint:
        score += 4.0
    return score


def km(a: Candidate, b: Candidate) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    return haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def _contains(outer: Candidate, inner: Candidate) -> bool:
    """Does ``outer`` (the Y of "X, Y" / "X in Y") contain or sit next to ``inner``?"""
    if outer.id == inner.id:
        return False
    if outer.feature == "country":
        return inner.country == outer.country
    if outer.feature == "admin1":
        return inner.admin1_id is not None and inner.admin1_id == outer.admin1_id
    return km(outer, inner) < 60.0


def _pairs(doc: Doc, mentions: list[Mention]) -> list[tuple[int, int]]:
    """(x, y) mention indexes for "X, Y", "X in Y" and "X in the Y province"."""
    from .names import ADMIN_WORDS, FACILITY_WORDS

    out = []
    for a in range(len(mentions) - 1):
        x, y = mentions[a], mentions[a + 1]
        between = [t.lower_ for t in doc[x.end : y.start]]
        if between in (
            [","],
            ["in"],
            ["in", "the"],
            ["of"],
            ["of", "the"],
            ["near"],
            ["outside"],
        ) or (len(between) == 3 and between[0] in ADMIN_WORDS | FACILITY_WORDS and between[1] == "in"):
            out.append((a, a + 1))
    return out


class _Context:
    """What the document is about: countries and admin1 units (weighted counts) and confident points."""

    def __init__(self) -> None:
        self.countries: Counter[str] = Counter()
        self.admin1s: Counter[str] = Counter()
        self.points: list[tuple[str, Candidate]] = []  # (name key, candidate) of places not in doubt

    def near(self, key: str, c: Candidate) -> float:
        """Distance (km) from ``c`` to the nearest place the document names under another name."""
        best = math.inf
        for other_key, other in self.points:
            if other_key != key and other.id != c.id:
                best = min(best, km(c, other))
        return best


def resolve(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Toponym]:
    """Choose one candidate per mention, using the document as context (two passes)."""
    local = [dict.fromkeys(range(len(m.candidates)), 0.0) for m in mentions]
    for a, b in _pairs(doc, mentions):
        x, y = mentions[a], mentions[b]
        for ix, cx in enumerate(x.candidates):
            for iy, cy in enumerate(y.candidates):
                if _contains(cy, cx):
                    local[a][ix] = 6.0
                    local[b][iy] = max(local[b][iy], 3.0)
    demonyms: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ == "NORP":
            iso3 = gazetteer.demonym(name_key(ent.text))
            if iso3:
                demonyms[iso3] += 1

    region, region_names = _region(mentions)
    # One sense per document: every mention of a name takes its context from the *other* names, so that a
    # name repeated eight times does not vote for its own first guess ("Hamilton" x 8 with Ohio around it).
    own_countries: dict[str, Counter[str]] = {}
    own_admin1s: dict[str, Counter[str]] = {}

    def pick(k: int, ctx: _Context | None, total: float) -> tuple[int, float, list[str]]:
        """Best candidate of mention k, its margin and evidence."""
        m = mentions[k]
        mine_c = own_countries.get(m.key, Counter())
        mine_a = own_admin1s.get(m.key, Counter())
        total = max(1.0, total - sum(mine_c.values()))
        scored = []
        for ic, c in enumerate(m.candidates):
            s = _base_score(c, m.hint) + local[k][ic]
            why = []
            if local[k][ic]:
                why.append("x_in_y")
            if ctx is not None and _in_region(c, region, m, first[k]):
                s += _REGION_BONUS
                why.append("document_region")
            if m.hint and c.feature == m.hint:
                why.append(f"type_word:{m.hint}")
            if ctx is not None:
                if c.country:
                    share = (ctx.countries[c.country] - mine_c[c.country]) / total
                    s += 3.0 * share
                    if share >= 0.2:
                        why.append(f"document_country:{c.country}")
                if c.admin1_id and c.feature != "admin1" and ctx.admin1s[c.admin1_id] - mine_a[c.admin1_id] > 0:
                    s += 2.5
                    why.append("document_admin1")
                if c.feature in ("city", "facility", "other") and len(m.candidates) > 1:
                    d = ctx.near(m.key, c)
                    if d < _NEAR_KM:
                        s += 3.0
                        why.append("near_other_places")
                    elif d < _CLOSE_KM:
                        s += 1.5
                        why.append("close_to_other_places")
            scored.append((s, -ic, why))
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 0.0
        return -scored[0][1], margin, scored[0][2]

    first = [pick(k, None, 0.0)[0] for k in range(len(mentions))]
    ctx = _Context()
    ctx.countries.update(demonyms)
    counted: set[int] = set()
    for k, ic in enumerate(first):
        m = mentions[k]
        c = m.candidates[ic]
        span = doc[m.start : m.end]
        if not m.dateline and is_metonymic(span, c.feature, capital=c.capital, population=c.population):
            continue  # "Washington and Moscow agreed": governments, no evidence of where the story is
        counted.add(k)
        weight = _DATELINE_WEIGHT if m.dateline else 1.0
        # A name's own votes are taken back when it is resolved (one sense per document), but only one per
        # mention: the dateline's extra weight is the story's place vouching for the reading, so a "HOUSTON --"
        # story keeps Texas against one stray "Mt. Pleasant" read in Canada.
        if c.country:
            ctx.countries[c.country] += weight
            own_countries.setdefault(m.key, Counter())[c.country] += 1.0
        if c.admin1_id:
            ctx.admin1s[c.admin1_id] += weight
            own_admin1s.setdefault(m.key, Counter())[c.admin1_id] += 1.0
        if c.feature != "country" and (len(m.candidates) == 1 or m.dateline or local[k][ic]):
            ctx.points.append((m.key, c))  # only places that are not themselves in doubt
    out = []
    total = sum(ctx.countries.values())
    for k, m in enumerate(mentions):
        ic, margin, why = pick(k, ctx, total)
        c = m.candidates[ic]
        span = doc[m.start : m.end]
        if c.exact and _serves(doc, m):
            why.append("local_institution")
        if m.dateline and region_names >= _STRONG_REGION_NAMES and c.feature == "city" and not any(
                cand.admin1_id == region for cand in m.candidates):
            why.append("outside_region")  # "BELL -" read in California, the story all in Florida
        evidence = tuple(dict.fromkeys([*m.evidence, *why, "population" if not why and len(m.candidates) > 1 else
                                        "only_candidate" if len(m.candidates) == 1 else "prior"]))
        out.append(
            Toponym(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                token_start=m.start,
                token_end=m.end,
                name=c.name,
                country=c.country,
                admin1=c.admin1,
                lat=c.lat,
                lon=c.lon,
                feature=c.feature,
                metonymic=not m.dateline and is_metonymic(span, c.feature, capital=c.capital, population=c.population),
                place_id=c.id,
                admin1_id=c.admin1_id,
                geonames_id=c.geonames_id,
                population=c.population,
                candidates=len(m.candidates),
                score_margin=round(margin, 3),
                confidence=_confidence(len(m.candidates), margin),
                evidence=evidence,
            )
        )
    return out


def _serves(doc: Doc, m: Mention) -> bool:
    """Does the name open the name of a local institution ("Louisville Metro Police", "Chicago police", "the
    Mecosta County Sheriff's Office")? A US local story names its own town so; the town anchors the story
    (``strays.py``)."""
    if m.end >= len(doc) or m.dateline:
        return False
    after = doc[m.end]
    return after.lower_ in INSTITUTION_WORDS and (after.text[:1].isupper() or after.lower_ in _LOCAL_FORCES)


def _in_region(c: Candidate, region: str | None, m: Mention, first: int) -> bool:
    """Does the document's region favour candidate ``c`` of ``m``: a town or county of that own name
    ("Augusta" in Georgia, not Minneota for "Minnesota") in the region, among the places of one name in the
    country the name was first read in (a "Chelsea" read in England stays there)?"""
    return (region is not None and c.admin1_id == region and c.exact and c.feature in ("city", "other")
            and len(m.candidates) > 1 and c.country == m.candidates[first].country)


def _region(mentions: list[Mention]) -> tuple[str | None, int]:
    """The first-level unit most of the document's names can lie in: a local story names its town, its
    county and its neighbours without their state ("Princeton", "Mercer County", "Charleston" are all in West
    Virginia; "Augusta" and "Richmond County" both in Georgia). Each distinct name votes once for every unit
    one of its readings lies in, unless that reading is far smaller than the name's biggest (log population
    under ``_REGION_MIN_SIZE`` of the biggest's); the unit with the most votes, at least ``_REGION_MIN_NAMES`` and more than
    any other unit, is the region (a tie goes to the unit whose readings are the bigger places, by the sum of
    their log populations); (None, 0) when no unit gathers enough names, else (unit, its names)."""
    votes: dict[str, set[str]] = {}
    size: Counter[str] = Counter()
    for m in mentions:
        best: dict[str, int] = {}
        for c in m.candidates:
            if c.admin1_id and c.feature != "country":
                best[c.admin1_id] = max(best.get(c.admin1_id, 0), c.population)
        biggest = math.log10(max(best.values(), default=0) + 10)
        for unit, population in best.items():
            if math.log10(population + 10) < _REGION_MIN_SIZE * biggest:
                continue  # a hamlet of the name ("Louisville", New York) does not vote against its city
            if m.key not in votes.setdefault(unit, set()):
                votes[unit].add(m.key)
                size[unit] += math.log10(population + 10)
    if not votes:
        return None, 0
    ranked = sorted(votes, key=lambda u: (len(votes[u]), size[u]), reverse=True)
    top = ranked[0]
    if len(votes[top]) < _REGION_MIN_NAMES:
        return None, 0
    if len(ranked) > 1 and (len(votes[ranked[1]]), size[ranked[1]]) == (len(votes[top]), size[top]):
        return None, 0
    return top, len(votes[top])


def _confidence(candidates: int, margin: float) -> float:
    """How sure the choice is: 0.95 with one candidate, else rising with the margin over the runner-up
    (margin 0 -> 0.5, 2 -> 0.82, 4 -> 0.95)."""
    if candidates <= 1:
        return 0.95
    return round(min(0.95, 1.0 / (1.0 + math.exp(-0.75 * margin))), 3)
