"""US local stories: the state most of the story's names can lie in (its region) chooses among towns of one
name, and a town named by its police ("Chicago police said") anchors the story, so that a neighbourhood the
gazetteer knows only as a small town elsewhere is not the event's place. Sentences of our own."""

from __future__ import annotations

import pytest

from eventwire.geo.locate import PlaceIndex

pytestmark = pytest.mark.slow


def _event_place(nlp, geo, text, lemma):
    doc = nlp(text)
    tops = geo.toponyms(doc)
    trigger = next(t.i for t in doc if t.lemma_ == lemma)
    return {t.text: t for t in tops}, PlaceIndex(doc, tops).locate(trigger)[0]


def test_names_of_one_state_are_read_in_that_state(nlp, geo):
    found, place = _event_place(
        nlp, geo, "Deputies said the teenager from Princeton was flown to Charleston after he was shot in Mercer "
        "County.", "shoot")
    assert found["Mercer County"].admin1 == "West Virginia"
    assert "document_region" in found["Mercer County"].evidence
    assert found["Charleston"].admin1 == "West Virginia"
    assert place is not None and place.admin1 == "West Virginia"


def test_the_region_does_not_move_a_name_read_in_another_country(nlp, geo):
    found, _ = _event_place(nlp, geo, "Fans from Chelsea and Swansea were hurt when police charged the crowd.",
                            "charge")
    assert {found[n].country for n in ("Chelsea", "Swansea") if n in found} <= {"GBR"}


def test_a_state_name_is_not_read_as_a_town_of_the_region(nlp, geo):
    found, _ = _event_place(nlp, geo, "The Clay County sheriff and the Minnesota patrol said a girl was shot in "
                            "Moorhead.", "shoot")
    assert found["Minnesota"].feature == "admin1"


def test_the_town_of_the_police_anchors_a_local_story(nlp, geo):
    found, place = _event_place(
        nlp, geo, "A man was wounded outside a store in Roseland on Friday night, Chicago police said.", "wound")
    assert "local_institution" in found["Chicago"].evidence
    assert place is not None and place.name == "Chicago"


def test_a_dateline_town_the_gazetteer_has_only_outside_a_strong_region_is_no_event_place(nlp, geo):
    found, place = _event_place(
        nlp, geo, "O'BRIEN — Two men were wounded Saturday at a farm near the river, the Lafayette County sheriff "
        "said. Deputies from Suwannee County and Columbia County helped, Florida officials said.", "wound")
    assert "outside_region" in found["O'BRIEN"].evidence
    assert place is not None and place.admin1 == "Florida"
