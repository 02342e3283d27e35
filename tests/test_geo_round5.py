"""Round 5 on real short text (sentences of our own): words that a gazetteer knows only as another name of
a town are words; standalone state abbreviations; lower-case country and state names in hashtags."""

from __future__ import annotations

import pytest

from geo_helpers import places_by_text

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Somebody threw a Molotov cocktail over the fence last night.", "Molotov"),
        ("Just Google it before you panic about the flu.", "Google"),
    ],
)
def test_a_word_that_is_only_another_name_of_a_town_is_no_place(nlp, geo, text, word):
    assert word not in places_by_text(nlp, geo, text)


def test_a_spelling_of_a_town_still_counts(nlp, geo):
    found = places_by_text(nlp, geo, "The raid also covered Seville and Malaga.")
    assert found["Seville"].country == "ESP"


@pytest.mark.parametrize(
    ("text", "token", "admin1"),
    [
        ("Three more measles cases were confirmed in NY this week.", "NY", "New York"),
        ("Hail the size of golf balls fell near Jonesborough TN on Sunday.", "TN", "Tennessee"),
        ("A flood watch covers Grand Forks-ND until midnight.", "ND", "North Dakota"),
        ("Dry lightning sparked two fires in Ariz. overnight.", "Ariz.", "Arizona"),
        ("A small quake shook Quarrytown, Calif. early on Monday.", "Calif.", "California"),
        ("Storm chasers are heading out again #OK #KS", "KS", "Kansas"),
    ],
)
def test_a_state_abbreviation_alone_is_the_state(nlp, geo, text, token, admin1):
    found = places_by_text(nlp, geo, text)
    assert token in found and found[token].feature == "admin1" and found[token].name == admin1


@pytest.mark.parametrize(
    "text",
    [
        "The PA security forces stopped the march at the checkpoint.",
        "It was OK in the end, nobody got hurt in the fire.",
        "Her MD told her the flu shot was safe.",
    ],
)
def test_abbreviations_that_are_words_stay_words(nlp, geo, text):
    assert all(t.feature != "admin1" for t in places_by_text(nlp, geo, text).values())


@pytest.mark.parametrize(
    ("text", "token", "country"),
    [
        ("students walk out over tuition again #ukraine", "ukraine", "UKR"),
        ("flood warnings up and down the country #uk", "uk", "GBR"),
        ("the water charges protest drew thousands across the uk", "uk", "GBR"),
    ],
)
def test_lower_case_country_names_in_short_text(nlp, geo, text, token, country):
    found = places_by_text(nlp, geo, text)
    assert token in found and found[token].country == country


def test_part_of_a_hashtag_names_only_a_big_place(nlp, geo):
    found = places_by_text(nlp, geo, "Great show last night #GarthBrooks #SaveTheDate")
    assert found == {}


@pytest.mark.parametrize(
    ("text", "token", "country"),
    [
        ("The U.S. Fish and Wildlife Service closed the refuge after the spill.", "U.S.", "USA"),
        ("The Madrid Tourism Board reported a record August.", "Madrid", "ESP"),
        ("The Kenya Meteorological Department warned of more flooding.", "Kenya", "KEN"),
    ],
)
def test_a_place_that_opens_another_name_is_a_place(nlp, geo, text, token, country):
    found = places_by_text(nlp, geo, text)
    assert token in found and found[token].country == country


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("A reporter for the Denver Post was hit by a rubber bullet.", "Denver"),
        ("Passengers on the Emirates flight were rebooked onto Qatar Airways.", "Qatar"),
    ],
)
def test_a_place_in_a_newspaper_or_airline_name_is_not_a_place(nlp, geo, text, token):
    assert token not in places_by_text(nlp, geo, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Police Officer seriously hurt in a shootout near the highway.", "Police"),
        ("Our Police department will host a safety fair on Sunday.", "Police"),
    ],
)
def test_an_english_word_that_is_also_a_small_town_is_a_word(nlp, geo, text, word):
    assert word not in places_by_text(nlp, geo, text)


def test_the_same_word_after_a_preposition_of_place_is_the_town(nlp, geo):
    found = places_by_text(nlp, geo, "Two men were arrested in Reading after the match.")
    assert found["Reading"].country == "GBR"


def test_a_unit_whose_type_word_the_model_split_off_is_the_unit(nlp, geo):
    found = places_by_text(nlp, geo, "Deputies from the Terrebonne Parish Sheriff's Office found the car.")
    assert "Terrebonne Parish" in found and found["Terrebonne Parish"].admin1 == "Louisiana"


def test_a_time_zone_is_no_place(nlp, geo):
    assert places_by_text(nlp, geo, "The hearing resumes at 9 a.m. EST on Monday.") == {}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Storms moved across the Deep South overnight.", "Deep"),
        ("Campers on the Eastern Shore rode out the storm.", "Shore"),
    ],
)
def test_a_word_inside_a_place_name_is_not_a_village(nlp, geo, text, word):
    assert word not in places_by_text(nlp, geo, text)


def test_a_part_before_a_type_word_is_still_the_unit(nlp, geo):
    found = places_by_text(nlp, geo, "The convoy was hit in Parwan province on Monday.")
    assert any(t.country == "AFG" for t in found.values())


@pytest.mark.parametrize(
    ("text", "token", "country"),
    [
        ("my cousin got hurt in the riot at manchester last night", "manchester", "GBR"),
    ],
)
def test_a_lower_case_big_place_after_a_preposition_is_a_place(nlp, geo, text, token, country):
    found = places_by_text(nlp, geo, text)
    assert token in found and found[token].country == country


def test_a_lower_case_word_after_in_stays_a_word(nlp, geo):
    assert places_by_text(nlp, geo, "we were stuck in traffic for an hour after the fire") == {}


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("The council voted to suspend the Galesburg police chief on Friday.", "Galesburg"),
        ("Dozens of Murrieta protesters blocked the buses again.", "Murrieta"),
    ],
)
def test_a_town_that_modifies_its_people_further_along_the_noun_is_a_place(nlp, geo, text, token):
    found = places_by_text(nlp, geo, text)
    assert token in found and found[token].country == "USA"


def test_a_lower_case_plural_after_a_preposition_is_a_word(nlp, geo):
    assert places_by_text(nlp, geo, "we took the boat out on weekends at lakes all over the county") == {}


def test_a_town_before_capitalised_police_is_a_place(nlp, geo):
    found = places_by_text(nlp, geo, "Galesburg Police now say a third teen was hurt in the shooting.")
    assert "Galesburg" in found
