"""US local news, as the geoparser reads it: street addresses name no town, a town named as the modifier of
a local noun ("Reno police", "a Tacoma woman") is a place, a county goes to the bigger one of its name, and a
big city's alternate name does not take a city whose own name it is. Sentences of our own."""

from __future__ import annotations

import pytest

from geo_helpers import places

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Officers found the victim in the 2400 block of North Lincoln after midnight.",
        "The car crashed near South Broad Street and East Grand Avenue.",
        "Deputies were called to a home on West Ridge Road.",
        "The boy was taken from Main Street to the hospital on Court Street.",
    ],
)
def test_street_addresses_name_no_town(nlp, geo, text):
    assert places(nlp, geo, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [("The suit was filed in a Denver U.S. District Court on Friday.", "Denver"),
     ("A judge in a Miami U.S. Bankruptcy Court ruled on Tuesday.", "Miami")],
)
def test_a_court_is_no_street_address(nlp, geo, text, name):
    assert name in [t.text for t in places(nlp, geo, text)]


@pytest.mark.parametrize(("text", "city"), [("Two men were robbed in Northeast Portland.", "Portland"),
                                            ("A fire broke out in Southwest Detroit.", "Detroit")])
def test_a_quarter_of_a_city_is_the_city(nlp, geo, text, city):
    assert [t.text for t in places(nlp, geo, text)] == [city]


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Reno police arrested a man after the robbery.", "Reno", "Nevada"),
        ("A Tacoma woman was charged with assault on Friday.", "Tacoma", "Washington"),
        ("Two Toledo teens were wounded, officials said.", "Toledo", "Ohio"),
    ],
)
def test_a_town_modifying_a_local_noun_is_a_place(nlp, geo, text, name, admin1):
    tops = {t.text: t for t in places(nlp, geo, text)}
    assert name in tops and tops[name].admin1 == admin1


@pytest.mark.parametrize(
    ("county", "admin1"),
    [("Cook County", "Illinois"), ("Harris County", "Texas"), ("Maricopa County", "Arizona")],
)
def test_a_county_with_nothing_around_it_is_the_biggest_of_its_name(nlp, geo, county, admin1):
    tops = {t.text: t for t in places(nlp, geo, f"Deputies in {county} are looking for a driver.")}
    assert tops[county].admin1 == admin1


def test_an_alternate_name_of_a_bigger_city_does_not_take_the_city_whose_name_it_is(nlp, geo):
    tops = {t.text: t for t in places(nlp, geo, "A fire destroyed two houses in Santa Ana overnight.")}
    assert (tops["Santa Ana"].country, tops["Santa Ana"].admin1) == ("USA", "California")


def test_a_surname_of_a_person_named_in_full_is_not_a_town(nlp, geo):
    text = "Marcus Henderson has lived on the street for years. Neighbors told Henderson the boy had died in Killeen."
    assert [t.text for t in places(nlp, geo, text)] == ["Killeen"]


@pytest.mark.parametrize("text", ["Two men were shot on the Far West Side.", "Crowds filled the East End overnight."])
def test_parts_of_a_town_named_by_generic_words_only_are_no_town(nlp, geo, text):
    assert places(nlp, geo, text) == []
