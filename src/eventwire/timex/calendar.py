"""Calendar arithmetic for TIMEX3 values: ISO weeks, month shifts, weekday resolution, year completion.

Tense is one of "past", "present", "future" or None (no verb governs the expression).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta


def week_value(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(d: date) -> date:
    return d - timedelta(days=d.isoweekday() - 1)


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def shift_day(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` units (day, week, month, year); month/year shifts clamp the day of month."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        y, m = shift_months(d.year, d.month, n)
        return date(y, m, min(d.day, monthrange(y, m)[1]))
    if unit == "year":
        y = d.year + n
        return date(y, d.month, min(d.day, monthrange(y, d.month)[1]))
    raise ValueError(unit)


def valid_day(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def weekday_date(anchor: date, weekday: int, *, tense: str | None, relation: str | None = None) -> date:
    """The date of ISO ``weekday`` (1 = Monday) meant by a news report dated ``anchor``.

    News convention: a bare weekday is the most recent such day on or before the anchor ("Iran attacked on
    Wednesday" in a Wednesday paper is that day), unless the verb looks ahead (future: the next such day on
    or after the anchor; so does the present tense of a schedule). ``relation`` "last" / "next" excludes the anchor day itself; "this" is the day in
    the anchor's ISO week.
    """
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if relation == "this":
        return week_start(anchor) + timedelta(days=weekday - 1)
    if relation == "last":
        return anchor - timedelta(days=back or 7)
    if relation == "next":
        return anchor + timedelta(days=ahead or 7)
    if tense in ("future", "present"):
        # body text reports the past in the past tense; a weekday in the present is a schedule
        # ("Congress meets Wednesday")
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def complete_year(anchor: date, month: int, day: int | None, *, tense: str | None) -> int:
    """The year of a month (and day) written without one, seen from ``anchor``.

    Past tense: the latest occurrence on or before the anchor; future: the earliest on or after; otherwise
    the nearest occurrence (ties go to the past, as news mostly reports what happened).
    """
    target_day = day or 1
    key = (month, target_day if day else 1)
    here = (anchor.month, anchor.day if day else 1)
    past_year = anchor.year if key <= here else anchor.year - 1
    future_year = anchor.year if key >= here else anchor.year + 1
    if tense == "past":
        return past_year
    if tense == "future":
        return future_year
    if past_year == future_year:
        return past_year
    before = _months_between(past_year, month, anchor)
    after = _months_between(future_year, month, anchor)
    return past_year if before <= after else future_year


def _months_between(year: int, month: int, anchor: date) -> int:
    return abs((year * 12 + month) - (anchor.year * 12 + anchor.month))


def quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * (quarter - 1) + 1, 1)


def season_start(year: int, season: str) -> date:
    # Northern-hemisphere meteorological seasons; winter belongs to the year it starts in (TimeML convention).
    return date(year, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season], 1)
