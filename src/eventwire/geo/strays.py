"""Stray readings: a small town read far away from every other place of the article, with nothing in the
text that chose it.

A US local story names its town, its county and its streets, and now and then a neighbourhood, a business
or a family name that the gazetteer only knows as a small town in another state or country ("shot in
Homewood North" in a Pittsburgh story read as Homewood, Alabama; "a Gentilly woman" in a New Orleans story
read as Gentilly, France). Such a reading is still reported as a toponym, but it is not trusted as the place
of an event: events fall back to the article's other places.

A toponym is a stray when all of these hold:

- it is a town (feature ``city``) of fewer than ``MAX_STRAY_POPULATION`` people, not the dateline, and
  nothing but its size chose it (no "X, Y", no document state, no nearby place in its evidence);
  a town named by its own police or sheriff ("Chicago police said", evidence ``local_institution``) is
  grounded: the story's own town, like the dateline's; a dateline town the gazetteer has only outside the
  state at least three of the story's names agree on (evidence ``outside_region``: "BELL --" read in
  California in a story of Florida counties, the Florida town missing from the gazetteer) is not;
- no other place of the article lies within ``NEAR_KM`` of it, nor in its first-level unit;
- the article has *grounded* places (places with a neighbour of their own, or with evidence from the
  text) and the stray is more than ``FAR_KM`` from all of them and outside their first-level units.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..geodesy import haversine_km
from .toponyms import Toponym

MAX_STRAY_POPULATION = 100_000
NEAR_KM = 150.0
FAR_KM = 300.0
# Evidence that the text, not the size of the place, chose the reading.
SUPPORT = frozenset({"dateline", "x_in_y", "document_admin1", "document_region", "local_institution",
                     "near_other_places",
                     "close_to_other_places",
                     "town_before_abbreviation", "abbreviation"})
# Only the first places of a long article are compared with each other: the cost stays bounded.
MAX_PLACES = 64


def _km(a: Toponym, b: Toponym) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    return haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def _supported(top: Toponym) -> bool:
    return "outside_region" not in top.evidence and any(e in SUPPORT for e in top.evidence)


def _related(a: Toponym, b: Toponym) -> bool:
    """Are two places of one article plausibly about the same area?"""
    if a.admin1_id is not None and a.admin1_id == b.admin1_id:
        return True
    return _km(a, b) <= NEAR_KM


def strays(toponyms: Sequence[Toponym]) -> tuple[frozenset[int], int]:
    """(place ids of the stray readings, work units spent). Country names are never compared: they say
    nothing about which town of the country is meant."""
    places: dict[int, Toponym] = {}
    for top in toponyms:
        if not top.metonymic and top.feature != "country" and top.place_id not in places:
            places[top.place_id] = top
            if len(places) >= MAX_PLACES:
                break
    work = 0
    tops = list(places.values())
    isolated = set()
    for a in tops:
        if a.feature != "city" or a.population >= MAX_STRAY_POPULATION or _supported(a):
            continue
        work += len(tops)
        if not any(b.place_id != a.place_id and _related(a, b) for b in tops):
            isolated.add(a.place_id)
    grounded = [t for t in tops if t.place_id not in isolated and (
        _supported(t) or any(b.place_id != t.place_id and _related(t, b) for b in tops))]
    work += len(tops) * 2
    if not grounded or not isolated:
        return frozenset(), work
    out = set()
    for pid in isolated:
        a = places[pid]
        work += len(grounded)
        if all(not _related(a, g) and _km(a, g) > FAR_KM for g in grounded):
            out.add(pid)
    return frozenset(out), work
