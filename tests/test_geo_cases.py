"""The cases a new user met (issue 11), each pinned as the class it belongs to, with sentences of our own
about other towns and other pairs of countries: a town below the big-city bar named where the words make it
a place; islands of one country near another; a capital's first-level unit; the place of force against a
state and of a launch; datelines; "City, ST"; street names; one sense per document."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.pipeline import code_text
from geo_helpers import places_by_text

pytestmark = pytest.mark.slow

DAY = date(2024, 3, 6)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # towns of 5,000-500,000 people that the small model tags as a person or an organisation, or not at
        # all: taken as the object of a verb of taking or attacking, or after a locative preposition
        ("Rebels captured Bunia after two days of fighting.", "Bunia", "COD"),
        ("Separatists seized Kidal on Sunday.", "Kidal", "MLI"),
        ("Artillery shelled Hostomel overnight.", "Hostomel", "UKR"),
        ("Fighting continued in Bucha and Vorzel.", "Bucha", "UKR"),
        ("Insurgents attacked Mocimboa da Praia again.", "Mocimboa da Praia", "MOZ"),
    ],
)
def test_towns_named_as_places_are_found(nlp, geo, text, name, country):
    found = places_by_text(nlp, geo, text)
    assert name in found and found[name].country == country


def test_a_common_first_name_with_no_place_context_is_not_a_place(nlp, geo):
    assert "Sam" not in places_by_text(nlp, geo, "Sam said the results were good.")


@pytest.mark.parametrize("island", ["Kinmen", "Matsu", "Penghu"])
def test_taiwans_outlying_islands_stay_in_taiwan_in_a_china_story(nlp, geo, island):
    found = places_by_text(nlp, geo, f"China sent coast guard ships near {island}, Beijing's state media said.")
    assert found[island].country == "TWN"


def test_a_capital_district_is_its_own_first_level_unit(nlp, geo):
    found = places_by_text(nlp, geo, "Thousands marched in Washington on Saturday.")
    assert found["Washington"].admin1 == "District of Columbia"


@pytest.mark.parametrize(
    ("text", "city", "state"),
    [
        ("A tornado struck Moore, Okla., on Monday.", "Moore", "Oklahoma"),
        ("PORTLAND, Ore., Feb 26 - The company said sales rose.", "PORTLAND", "Oregon"),
        ("Two men were shot in Springfield, Mass., late Friday.", "Springfield", "Massachusetts"),
        ("The plant in Springfield, MO, will close.", "Springfield", "Missouri"),
    ],
)
def test_city_and_state_abbreviation(nlp, geo, text, city, state):
    found = places_by_text(nlp, geo, text)
    assert found[city].admin1 == state
    assert any(t.feature == "admin1" and t.name == state for t in found.values())


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("KINSHASA (Reuters) - Rebels seized the town.", "KINSHASA", "COD"),
        ("Quarterly results\n\nSALVADOR, Feb 26 - Cocoa arrivals in the Bahia zone rose.", "SALVADOR", "BRA"),
        ("NAIROBI, March 3 (Reuters) - Kenya's central bank held its rate.", "NAIROBI", "KEN"),
    ],
)
def test_a_dateline_is_the_story_place_not_a_government(nlp, geo, text, name, country):
    found = places_by_text(nlp, geo, text)
    assert found[name].country == country and "dateline" in found[name].evidence


def test_street_names_are_not_places(nlp, geo):
    found = places_by_text(nlp, geo, "The victims were found on Lincoln Way near Edwards Street in Ames, Iowa.")
    assert "Lincoln" not in found and "Edwards" not in found and found["Ames"].admin1 == "Iowa"


def test_a_repeated_name_follows_the_other_names_of_the_story(nlp, geo):
    text = ("Hamilton police said the shooting was the third in Hamilton this month. Officers from Hamilton "
            "and nearby Fairfield and Middletown in Butler County, Ohio, searched the area.")
    found = [t for t in geo.toponyms(nlp(text)) if t.text == "Hamilton"]
    assert found and all(t.country == "USA" and t.admin1 == "Ohio" for t in found)


def test_confidence_and_evidence_come_with_each_choice(nlp, geo):
    found = places_by_text(nlp, geo, "Clashes erupted in Tripoli, the Libyan capital, and in Paris, Texas.")
    for t in found.values():
        assert 0 < t.confidence <= 1 and t.evidence
    assert found["Paris"].country == "USA" and "x_in_y" in found["Paris"].evidence


# ------------------------------------------------------------------------------ the event, not the actor
def place_of(text, root):
    events = [m for m in code_text(text, date=DAY) if m.cameo_root == root]
    assert events, text
    return events[0].location


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Russia attacked Ukraine.", "UKR"),
        ("Turkey shelled Syria on Tuesday.", "SYR"),
        ("Israel bombed Lebanon overnight.", "LBN"),
        ("Ethiopia invaded Eritrea.", "ERI"),
    ],
)
def test_force_against_a_state_happens_on_its_territory(text, country):
    events = [m for m in code_text(text, date=DAY) if m.cameo_root in ("18", "19", "20")]
    assert events and all(m.location.country == country and m.location.basis == "territory" for m in events)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("North Korea launched a ballistic missile.", "PRK"),
        ("Iran launched a ballistic missile on Sunday.", "IRN"),
        ("Pakistan held military exercises.", "PAK"),
    ],
)
def test_a_launch_or_show_of_force_without_a_target_happens_at_home(text, country):
    events = [m for m in code_text(text, date=DAY) if m.cameo_root in ("15", "19")]
    assert events and all(m.location.country == country for m in events)


def test_a_place_in_the_text_beats_the_rule():
    events = [m for m in code_text("Russia attacked Ukraine from positions near Belgorod.", date=DAY)
              if m.cameo_root == "19"]
    assert events and events[0].location.basis in ("attached", "sentence")


def test_forces_abroad_are_not_placed_at_home():
    events = [m for m in code_text("Iran fired missiles at bases housing US troops.", date=DAY)
              if m.cameo_root == "19"]
    assert events and all(m.location is None or m.location.country != "USA" for m in events)


@pytest.mark.parametrize("text", ["Moscow said the talks had failed.", "Tehran warned Washington on Monday."])
def test_a_capital_speaking_gives_no_place(text):
    assert all(m.location is None for m in code_text(text, date=DAY))


@pytest.mark.parametrize(
    "text",
    ["Militants were accused of killing hundreds of Americans.", "The militia attacked Iranians near the border."],
)
def test_a_state_named_through_its_people_gives_no_territory(text):
    events = [m for m in code_text(text, date=DAY) if m.cameo_root in ("18", "19", "20")]
    assert all(m.location is None or m.location.basis != "territory" for m in events)
