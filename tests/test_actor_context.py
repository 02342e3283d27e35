"""The article as context for its actors (eventwire.actors.context): country-less role nouns take the
country of the place the sentence names, the dateline or the article's dominant country; ambiguous names
("Congo") follow the article; territories are coded as their state. Sentences written here."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors.context import ArticleCountries, CountryMention, parse_actor_context
from eventwire.errors import DictionaryError
from eventwire.model import ActorRef

pytestmark = pytest.mark.slow  # the spaCy model

DAY = date(2024, 3, 4)


@pytest.fixture(scope="module")
def code():
    import eventwire

    pipeline = eventwire.Pipeline(eventwire.Settings(dates=False))

    def run(text: str) -> list:
        from eventwire import Article

        return [m for r in pipeline.code([Article(id="t", text=text, date=DAY)]) for m in r.mentions]

    return run


def _actors(mentions, side: str) -> list[tuple[str | None, str | None]]:
    return [(getattr(m, side).code, getattr(m, side).country_basis) for m in mentions if getattr(m, side)]


def test_police_and_protesters_take_the_country_of_the_place_in_the_sentence(code):
    mentions = code("Riot police detained dozens of students in Dhaka on Monday.")
    assert ("BGDCOP", "sentence") in _actors(mentions, "source")
    assert ("BGDEDU", "sentence") in _actors(mentions, "target")


def test_the_dateline_gives_the_country(code):
    mentions = code("LIMA (Reuters) - The government declared a state of emergency after protesters blocked roads.")
    assert ("PERGOV", "dateline") in _actors(mentions, "source")


def test_the_dominant_country_of_the_article(code):
    text = ("Ecuador braced for more unrest on Tuesday. Ecuador's president met union leaders in Quito.\n"
            "The army said it would protect oil installations.")
    mentions = code(text)
    assert ("ECUMIL", "article") in _actors(mentions, "source")


def test_foreign_troops_do_not_take_the_country_they_are_in(code):
    mentions = code("Troops fired on a convoy in Mali, killing four drivers.")
    assert all(c is None or not c.startswith("MLI") for c, _ in _actors(mentions, "source"))


def test_without_context_a_role_noun_stays_bare(code):
    mentions = code("Police arrested five protesters on Tuesday.")
    assert ("COP", None) in _actors(mentions, "source")


def test_gaza_and_the_west_bank_are_palestine(code):
    assert ("PSEHLH", None) in _actors(code("Gaza's health ministry accused Israel of killing civilians."), "source")
    assert ("PSECOP", None) in _actors(code("West Bank police arrested a suspect on Sunday."), "source")


def test_congo_follows_the_article(code):
    east = code("Congo's army shelled rebel positions near Goma, where fighting has displaced thousands.")
    assert any(c and c.startswith("COD") for c, _ in _actors(east, "source"))
    west = code("Congo's president met Gabon's leader in Brazzaville. Brazzaville hosted the summit. "
                "Congo's government then accused Gabon of meddling.")
    assert any(c and c.startswith("COG") for c, _ in _actors(west, "source"))


def test_the_scorer_compares_an_inherited_country_as_the_bare_code():
    from dataclasses import replace

    from eventwire.evaluate import predicted_event
    from test_evaluate import mention

    m = mention("COP", "OPP", "173")
    kenya = ActorRef("KENCOP", "police", "KEN", "COP", "Police", 0, 6, country_basis="sentence")
    assert predicted_event(replace(m, source=kenya)).source == "COP"
    written = ActorRef("KENCOP", "police", "KEN", "COP", "Kenyan police", 0, 13)
    assert predicted_event(replace(m, source=written)).source == "KENCOP"


@pytest.mark.parametrize(
    "raw",
    [
        [],
        {"ambiguous": [{"form": "Congo", "countries": ["COD"], "default": "COD"}]},
        {"ambiguous": [{"form": "Congo", "countries": ["COD", "COG"], "default": "FRA"}]},
        {"inherit_country": ["police"]},
    ],
)
def test_a_malformed_context_file_is_refused(raw):
    from eventwire.actors import load_actor_dictionary

    with pytest.raises(DictionaryError, match="E140"):
        parse_actor_context(raw, load_actor_dictionary())


def test_a_tie_between_countries_gives_no_dominant_country():
    from eventwire.actors.context import ActorContext

    context = ActorContext((), frozenset({"COP"}))
    mentions = [CountryMention(0, 4, "USA", False), CountryMention(10, 14, "IRQ", False),
                CountryMention(20, 24, "USA", False), CountryMention(30, 34, "IRQ", False)]
    countries = ArticleCountries("text", mentions, context)
    assert countries.dominant is None
    police = ActorRef("COP", "police", None, "COP", "police", 40, 46)
    assert countries.complete(police, (40, 60)) is police
