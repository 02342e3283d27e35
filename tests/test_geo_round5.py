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
