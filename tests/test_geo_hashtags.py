"""Hashtags that name places ("#Ferguson", "#FreeGaza"), and hashtags of words that are also towns, which are
not places. Sentences of our own."""

from __future__ import annotations

import pytest

from geo_helpers import places_by_text

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "token", "country"),
    [
        ("Thousands marched again last night #Baltimore", "Baltimore", "USA"),
        ("Relief convoys are finally moving #HelpNepal", "HelpNepal", "NPL"),
        ("Water is running out in the camps #Aleppo_Under_Siege", "Aleppo_Under_Siege", "SYR"),
        ("Flights cancelled after the quake #PrayForChile", "PrayForChile", "CHL"),
    ],
)
def test_a_hashtag_naming_a_place_is_a_toponym(nlp, geo, text, token, country):
    found = places_by_text(nlp, geo, text)
    assert token in found and found[token].country == country


@pytest.mark.parametrize("text", ["Thank you to our #Police and #Hope for tomorrow", "so much #love #riot #fail"])
def test_hashtags_of_words_are_not_places(nlp, geo, text):
    assert places_by_text(nlp, geo, text) == {}
