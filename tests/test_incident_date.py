"""A violent event without a date of its own takes the date of the incident the article reports, not the
publication date; other events keep the publication date. Sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.pipeline import code_text
from eventwire.timex import TimexTagger
from eventwire.timex.incident import incident_timex

pytestmark = pytest.mark.slow

THU = date(2023, 5, 11)


def incident(nlp, text: str, publication: date = THU):
    doc = nlp(text)
    tx = incident_timex(doc, TimexTagger().find(doc, publication), publication)
    return tx.first_day if tx else None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("A woman was in stable condition Thursday after two men were shot about 10 p.m. Tuesday near a bar.",
         date(2023, 5, 9)),
        ("Police found the car used in Monday night's shooting on the east side.", date(2023, 5, 8)),
        ("The family of a teenager killed early Sunday said he loved football.", date(2023, 5, 7)),
    ],
)
def test_the_incident_date_is_the_date_on_a_word_of_violence(nlp, text, day):
    assert incident(nlp, text) == day


def test_a_bare_clock_time_names_no_incident_day(nlp):
    text = "A man was shot at 11:40 p.m. near a gas station. He had been shot late Tuesday, a relative said."
    assert incident(nlp, text) == date(2023, 5, 9)


def test_a_date_on_no_word_of_violence_is_no_incident_date(nlp):
    assert incident(nlp, "The council met on Tuesday and the mayor spoke on Wednesday.") is None


def test_a_date_after_publication_is_no_incident_date(nlp):
    assert incident(nlp, "The suspect will be shot at dawn on Saturday, the novel says.") is None


def test_an_undated_violent_event_takes_the_incident_date_and_a_statement_keeps_publication():
    text = ("Two men were shot at about 9 p.m. Tuesday outside a store, police said. "
            "Gunmen wounded one of the victims in the arm. The police chief said officers were searching.")
    mentions = code_text(text, date=THU)
    violent = [m for m in mentions if m.cameo_root in ("18", "19", "20") and m.trigger.text == "wounded"]
    assert violent and violent[0].event_date == date(2023, 5, 9)
    assert "article_incident" in violent[0].date_flags
    said = [m for m in mentions if m.cameo_root == "01"]
    assert said and all(m.event_date == THU and m.date_basis == "publication" for m in said)
