"""Holidays and religious or civil days, a clock time with its day, and "overnight": on a tokenised
(unparsed) Doc, so no tense: a day without a year is the nearest one on or before publication."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.timex import TimexTagger
from eventwire.timex.holidays import easter, holidays, lookup, nth_weekday, resolve


@pytest.fixture(scope="module")
def tokenizer():
    import spacy

    return spacy.blank("en")


def found(tokenizer, text: str, publication: date) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in TimexTagger().find(tokenizer(text), publication)]


@pytest.mark.parametrize(
    ("text", "publication", "expected"),
    [
        # fixed days: the last one on or before publication, across New Year
        ("Gunmen opened fire on Christmas Eve.", date(2021, 1, 4), ("Christmas Eve", "DATE", "2020-12-24")),
        ("A car bomb exploded on Boxing Day.", date(2016, 12, 28), ("Boxing Day", "DATE", "2016-12-26")),
        ("Fireworks were banned on the Fourth of July.", date(2019, 7, 6), ("Fourth of July", "DATE", "2019-07-04")),
        # computed days: the fourth Thursday of November, Easter by the computus
        ("Two men were shot on Thanksgiving.", date(2018, 11, 24), ("Thanksgiving", "DATE", "2018-11-22")),
        ("Churches were attacked on Easter Sunday.", date(2019, 4, 23), ("Easter Sunday", "DATE", "2019-04-21")),
        ("The ceasefire broke down on Good Friday.", date(2023, 4, 10), ("Good Friday", "DATE", "2023-04-07")),
        # lunar days from the table of years
        ("Clashes erupted during Eid al-Fitr.", date(2023, 4, 25), ("Eid al-Fitr", "DATE", "2023-04-21")),
        ("Markets were hit on Eid al-Adha.", date(2021, 7, 22), ("Eid al-Adha", "DATE", "2021-07-20")),
        # a year written after the name is that year's day
        ("The siege began at Christmas 2016.", date(2020, 1, 8), ("Christmas 2016", "DATE", "2016-12-25")),
    ],
)
def test_holidays_resolve_to_their_day(tokenizer, text, publication, expected):
    assert expected in found(tokenizer, text, publication)


def test_a_lunar_day_outside_the_table_gives_no_value_rather_than_a_guess(tokenizer):
    assert found(tokenizer, "They met during Eid al-Fitr.", date(1990, 6, 1)) == []


def test_holiday_arithmetic():
    assert easter(2024) == date(2024, 3, 31) and easter(2025) == date(2025, 4, 20)
    assert nth_weekday(2024, 11, 4, 4) == date(2024, 11, 28)  # Thanksgiving
    assert nth_weekday(2024, 5, 1, -1) == date(2024, 5, 27)  # Memorial Day: the last Monday
    thanksgiving = lookup("thanksgiving")
    assert resolve(thanksgiving, date(2024, 11, 1), tense="future") == date(2024, 11, 28)
    assert resolve(thanksgiving, date(2024, 11, 1), tense="past") == date(2023, 11, 23)
    assert lookup("New Years Eve") is lookup("New Year's Eve")
    assert all(h.names for h in holidays())


@pytest.mark.parametrize(
    ("text", "publication", "expected"),
    [
        ("The raid began at 6 a.m. Wednesday.", date(2020, 1, 8), ("6 a.m. Wednesday", "TIME", "2020-01-08T06:00")),
        ("He was shot at about 11:30 p.m. Saturday.", date(2020, 1, 8), ("11:30 p.m. Saturday", "TIME", "2020-01-04T23:30")),
        ("Voting closes at noon Thursday.", date(2020, 1, 8), ("noon Thursday", "TIME", "2020-01-02T12:00")),
        ("The fire started at 4 a.m. yesterday.", date(2021, 3, 1), ("4 a.m. yesterday", "TIME", "2021-02-28T04:00")),
    ],
)
def test_a_clock_time_and_its_day_are_one_expression(tokenizer, text, publication, expected):
    assert found(tokenizer, text, publication) == [expected]


def test_overnight_is_the_night_before_a_report(tokenizer):
    assert found(tokenizer, "Drones struck the port overnight.", date(2022, 10, 10)) == [
        ("overnight", "TIME", "2022-10-09TNI")
    ]
    assert found(tokenizer, "Shelling continued overnight Tuesday.", date(2022, 10, 13)) == [
        ("overnight Tuesday", "TIME", "2022-10-11TNI")
    ]


@pytest.mark.slow
def test_overnight_as_an_adjective_names_no_time(nlp):
    doc = nlp("The council imposed an overnight curfew on Monday.")
    assert [t.text for t in TimexTagger().find(doc, date(2022, 10, 12))] == ["Monday"]
