"""Calendar arithmetic behind TIMEX3 values: weekdays by tense, years for dates written without one, ISO weeks."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.timex.calendar import complete_year, shift_day, week_start, week_value, weekday_date

WED = date(2020, 1, 8)
SUN = date(2020, 1, 12)
MON = date(2020, 1, 13)


@pytest.mark.parametrize(
    ("anchor", "weekday", "tense", "relation", "expected"),
    [
        (WED, 3, "past", None, date(2020, 1, 8)),     # "on Wednesday" in a Wednesday paper is that day
        (WED, 3, None, None, date(2020, 1, 8)),
        (WED, 1, "past", None, date(2020, 1, 6)),
        (WED, 4, "past", None, date(2020, 1, 2)),     # Thursday: the one before, never tomorrow
        (WED, 4, "present", None, date(2020, 1, 9)),   # a schedule: "Congress meets Thursday"
        (WED, 4, "future", None, date(2020, 1, 9)),
        (WED, 3, "future", None, date(2020, 1, 8)),   # "will meet on Wednesday" in a Wednesday paper: today
        (WED, 1, "future", None, date(2020, 1, 13)),
        (SUN, 7, "past", None, date(2020, 1, 12)),
        (SUN, 1, "past", None, date(2020, 1, 6)),
        (SUN, 1, "future", None, date(2020, 1, 13)),
        (MON, 7, "past", None, date(2020, 1, 12)),
        (MON, 1, "past", None, date(2020, 1, 13)),
        (MON, 1, None, "last", date(2020, 1, 6)),
        (MON, 1, None, "next", date(2020, 1, 20)),
        (WED, 5, None, "this", date(2020, 1, 10)),
        (WED, 1, None, "this", date(2020, 1, 6)),
        (date(2020, 1, 1), 5, "past", None, date(2019, 12, 27)),  # across the year boundary
    ],
)
def test_weekday_date(anchor, weekday, tense, relation, expected):
    assert weekday_date(anchor, weekday, tense=tense, relation=relation) == expected


@pytest.mark.parametrize(
    ("anchor", "month", "day", "tense", "expected"),
    [
        (WED, 12, 8, "past", 2019),        # "on December 8 said" in January: last December
        (WED, 12, 8, None, 2019),          # nearest
        (WED, 12, 8, "future", 2020),
        (WED, 1, 8, "past", 2020),         # the publication day itself
        (WED, 1, 9, "past", 2019),
        (WED, 1, 9, None, 2020),           # tomorrow is nearer than a year ago
        (WED, 3, None, None, 2020),        # March: two months ahead beats ten months back
        (WED, 7, None, None, 2019),        # July: a tie goes to the past
        (WED, 5, None, "past", 2019),
        (WED, 5, None, "future", 2020),
        (WED, 1, None, "past", 2020),
        (WED, 1, None, "future", 2020),
        (date(2019, 12, 30), 1, 5, None, 2020),
        (date(2019, 12, 30), 1, 5, "past", 2019),
    ],
)
def test_complete_year(anchor, month, day, tense, expected):
    assert complete_year(anchor, month, day, tense=tense) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2020, 1, 8), "2020-W02"),
        (date(2020, 1, 1), "2020-W01"),
        (date(2019, 12, 30), "2020-W01"),  # ISO year differs from the calendar year
        (date(2021, 1, 3), "2020-W53"),
        (date(2019, 12, 25), "2019-W52"),
    ],
)
def test_iso_week_value(day, expected):
    assert week_value(day) == expected


def test_week_start_is_monday():
    assert week_start(date(2020, 1, 12)) == date(2020, 1, 6)
    assert week_start(date(2020, 1, 6)) == date(2020, 1, 6)


def test_month_shift_clamps_the_day():
    assert shift_day(date(2020, 3, 31), -1, "month") == date(2020, 2, 29)
    assert shift_day(date(2020, 2, 29), -1, "year") == date(2019, 2, 28)
    assert shift_day(date(2020, 1, 8), -2, "week") == date(2019, 12, 25)
