"""Places on real local news, round 4: datelines after a station's call letters, a dateline's weight, an
event placed at a state moved to the town the article names in it, places named by their institutions and
events, "Town, ST" found inside the state, and small towns read far from the rest of the article. Sentences
of our own."""

from __future__ import annotations

import pytest

from eventwire.geo.locate import PlaceIndex
from eventwire.geo.strays import strays
from eventwire.geo.toponyms import Toponym
from geo_helpers import places_by_text as found

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("MACON, GA (WXYZ) -- Macon police found a man shot outside a store on Friday.", "MACON", "Georgia"),
        ("TOPEKA, Kan. (KAB/KBC) -- A man was wounded in a shooting late Sunday.", "TOPEKA", "Kansas"),
    ],
)
def test_a_dateline_after_call_letters_is_a_dateline(nlp, geo, text, name, admin1):
    top = found(nlp, geo, text)[name]
    assert top.admin1 == admin1 and "dateline" in top.evidence


def test_the_dateline_keeps_its_reading_against_one_stray_name(nlp, geo):
    text = ("Header photo\n\nHOUSTON -- Houston officers found two people dead at a home on Friday.\n\n"
            "The call came in from Mt. Pleasant near a school around 7 a.m.")
    tops = found(nlp, geo, text)
    assert tops["HOUSTON"].admin1 == "Texas" and tops["Houston"].admin1 == "Texas"


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("The Boise Police Department arrested a suspect on Monday.", "Boise", "Idaho"),
        ("Ohio State Police closed the road after the crash.", "Ohio", "Ohio"),
        ("The Tacoma City Council met after the attack.", "Tacoma", "Washington"),
    ],
)
def test_a_place_named_by_its_institution_is_a_place(nlp, geo, text, name, admin1):
    tops = found(nlp, geo, text)
    assert any(k.startswith(name) and t.admin1 == admin1 for k, t in tops.items())


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [("Volunteers helped the Moore, OK families rebuild after the storm.", "Moore", "Oklahoma"),
     ("Crews cleared the roads in Gustine, Calif. on Tuesday.", "Gustine", "California")],
)
def test_a_town_before_a_state_abbreviation_is_found_in_that_state(nlp, geo, text, name, admin1):
    assert found(nlp, geo, text)[name].admin1 == admin1


def test_an_event_placed_at_a_state_goes_to_the_town_of_the_dateline(nlp, geo):
    text = "EUGENE, Ore. (AP) -- A gunman opened fire at an Oregon high school on Thursday, police said."
    doc = nlp(text)
    index = PlaceIndex(doc, geo.toponyms(doc))
    trigger = next(t.i for t in doc if t.lower_ == "opened")
    top, _ = index.locate(trigger)
    assert top is not None and top.name == "Eugene"


def _top(name, pid, lat, lon, admin1_id, *, population=5_000, evidence=("gazetteer", "population")):
    return Toponym(name, 0, 1, 0, 1, name, "USA", admin1_id, lat, lon, "city", False, pid, admin1_id,
                   evidence=evidence, population=population)


def test_a_small_town_far_from_the_other_places_is_a_stray():
    city = _top("Springtown", 1, 40.44, -80.0, "PA", population=300_000)
    county = _top("Rivers County", 2, 40.47, -79.98, "PA")
    far = _top("Elmwood", 3, 33.48, -86.8, "AL")
    found_strays, _ = strays([city, county, far])
    assert found_strays == {3}


def test_two_far_places_with_no_neighbours_are_not_strays():
    a = _top("Ashford", 1, 41.8, -87.6, "IL")
    b = _top("Elmwood", 2, 45.5, -122.4, "OR")
    assert strays([a, b])[0] == frozenset()


def test_a_town_the_text_chose_is_never_a_stray():
    city = _top("Springtown", 1, 40.44, -80.0, "PA")
    county = _top("Rivers County", 2, 40.47, -79.98, "PA")
    chosen = _top("Elmwood", 3, 33.48, -86.8, "AL", evidence=("entity", "x_in_y"))
    assert strays([city, county, chosen])[0] == frozenset()
