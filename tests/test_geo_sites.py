"""Named sites the gazetteer lacks (streets, squares, buildings, natural features), reported as unresolved
toponyms by ``GeoParser.toponyms(doc, unresolved=True)``; sentences of our own."""

from __future__ import annotations

import pytest

from eventwire.geo.locate import PlaceIndex

pytestmark = pytest.mark.slow


def _sites(nlp, geo, text):
    return {t.text: t for t in geo.toponyms(nlp(text), unresolved=True) if "unresolved" in t.evidence}


@pytest.mark.parametrize(
    ("text", "name", "feature"),
    [
        ("Marchers gathered on Quillfeather Road before noon.", "Quillfeather Road", "facility"),
        ("A sit-in blocked the Harrowgate Checkpoint for an hour.", "Harrowgate Checkpoint", "facility"),
        ("Ferries to Pelham Marrow Island were cancelled after the storm.", "Pelham Marrow Island", "other"),
        ("Smoke was seen rising over Corrowick Valley on Friday.", "Corrowick Valley", "other"),
        ("Flights out of Gorsedale airport were grounded by the fog.", "Gorsedale airport", "facility"),
        ("The crowd filled Weaverly Square after the verdict.", "Weaverly Square", "facility"),
    ],
)
def test_a_named_site_the_gazetteer_lacks_is_reported_without_a_point(nlp, geo, text, name, feature):
    site = _sites(nlp, geo, text)[name]
    assert site.feature == feature
    assert site.lat is None and site.country is None


def test_a_site_takes_the_point_of_the_place_the_text_puts_it_in(nlp, geo):
    doc = nlp("Protest today at Quillfeather Road, Cork.")
    tops = {t.text: t for t in geo.toponyms(doc, unresolved=True)}
    road, cork = tops["Quillfeather Road"], tops["Cork"]
    assert road.country == "IRL" and (road.lat, road.lon) == (cork.lat, cork.lon)
    assert "in_place" in road.evidence
    found = {t.text: t for t in geo.toponyms(nlp("Students marched to the Brackwater Stadium in Lyon."),
                                                 unresolved=True)}
    assert found["Brackwater Stadium"].country == "FRA"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Read the Wall Street Journal before the meeting.", "Wall Street"),  # part of a paper's name
        ("Volunteers ran a free MMR clinic on Saturday.", "MMR clinic"),  # a common noun after a name
        ("Donations for the Malaria drive are due Friday.", "Malaria drive"),
        ("The Stadium was quiet.", "Stadium"),  # no name before the site word
        ("Follow #RiverWalk and #Park for updates.", "Park"),
    ],
)
def test_what_is_no_named_site(nlp, geo, text, words):
    assert words not in _sites(nlp, geo, text)


def test_unresolved_sites_are_not_reported_by_default_nor_used_as_event_places(nlp, geo):
    doc = nlp("Protesters blocked Quillfeather Road in Leeds on Monday.")
    plain = geo.toponyms(doc)
    assert all("unresolved" not in t.evidence for t in plain)
    assert "Quillfeather Road" not in {t.text for t in plain}
    # the pipeline places events with the resolved toponyms only
    index = PlaceIndex(doc, plain)
    place, _ = index.locate(1)
    assert place is not None and place.name == "Leeds"


def test_a_place_entity_the_gazetteer_lacks_after_a_preposition_of_place_is_reported(nlp, geo):
    sites = _sites(nlp, geo, "Teachers staged a sit-in in Quarrendon on Tuesday.")
    assert "Quarrendon" in sites and sites["Quarrendon"].lat is None


@pytest.mark.parametrize(
    "text",
    [
        "Two more nurses died of Ebola in the capital this week.",  # a disease the tagger calls a place
        "She wrote a long letter to Santa about the flood.",  # "to" takes people as often as places
    ],
)
def test_what_is_no_unresolved_place_entity(nlp, geo, text):
    assert not _sites(nlp, geo, text)
