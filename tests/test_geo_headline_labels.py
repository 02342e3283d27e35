"""A place that labels a post, a headline or a story inside a post, closed by a colon ("Ghent: ..."), or in
capitals before a credit or a dash ("OSLO (Local 7) -"), is the story's place; sentences of our own."""

from __future__ import annotations

import pytest

from geo_helpers import places_by_text

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Mombasa: hundreds gather outside the courthouse for a second night", "Mombasa", "KEN"),
        ("RT @someone: Nantes: striking dockers block the ring road", "Nantes", "FRA"),
        ("Schools shut after the storm: TRONDHEIM: The county said on Monday...", "TRONDHEIM", "NOR"),
    ],
)
def test_a_place_that_labels_a_post_is_a_place(nlp, geo, text, name, country):
    assert places_by_text(nlp, geo, text)[name].country == country


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Me: I think I have the flu. Pa: impossible!", "Pa"),
        ("Police: two men held after the fight", "Police"),
    ],
)
def test_short_words_and_common_words_before_a_colon_are_no_label(nlp, geo, text, word):
    assert word not in places_by_text(nlp, geo, text)
