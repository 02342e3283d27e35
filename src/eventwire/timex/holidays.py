"""Holidays and religious or civil days, from ``data/timex/holidays.yaml``: which day a name means in a
given year (fixed days, computed days such as Easter or Thanksgiving, and lunar days by a table of years).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

import yaml

from ..errors import DictionaryError

_PATH = "data/timex/holidays.yaml"


@dataclass(frozen=True, slots=True)
class Holiday:
    id: str
    names: tuple[str, ...]
    fixed: tuple[int, int] | None = None
    rule: MappingProxyType | None = None
    table: MappingProxyType | None = None

    def day(self, year: int) -> date | None:
        """The day this holiday falls on in ``year``; None when unknown (a lunar day outside the table)."""
        if self.fixed is not None:
            return date(year, *self.fixed)
        if self.table is not None:
            mmdd = self.table.get(year)
            return date(year, *mmdd) if mmdd else None
        assert self.rule is not None
        if "easter" in self.rule:
            return easter(year) + timedelta(days=int(self.rule["easter"]))
        return nth_weekday(year, int(self.rule["month"]), int(self.rule["weekday"]), int(self.rule["nth"]))


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ISO ``weekday`` (1 = Monday) of a month; ``nth`` -1 is the last."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _mmdd(raw: object, where: str) -> tuple[int, int]:
    try:
        month, day = (int(x) for x in str(raw).split("-"))
        date(2000, month, day)
    except (ValueError, TypeError):
        raise DictionaryError(f"{where}: {raw!r} is not MM-DD", path=_PATH) from None
    return month, day


@lru_cache(maxsize=1)
def holidays() -> tuple[Holiday, ...]:
    """Every holiday of the table, checked (DictionaryError names the entry at fault)."""
    text = resources.files("eventwire.data").joinpath("timex").joinpath("holidays.yaml").read_text("utf-8")
    out = []
    for item in (yaml.safe_load(text) or {}).get("holidays") or []:
        hid = str(item.get("id"))
        names = tuple(str(n) for n in item.get("names") or ())
        kinds = [k for k in ("fixed", "rule", "table") if k in item]
        if not names or len(kinds) != 1:
            raise DictionaryError(f"{hid}: give names and exactly one of fixed, rule, table", path=_PATH)
        if "fixed" in item:
            out.append(Holiday(hid, names, fixed=_mmdd(item["fixed"], hid)))
        elif "table" in item:
            table = {int(y): _mmdd(v, f"{hid} {y}") for y, v in item["table"].items()}
            out.append(Holiday(hid, names, table=MappingProxyType(table)))
        else:
            rule = dict(item["rule"])
            if "easter" not in rule and not {"month", "weekday", "nth"} <= set(rule):
                raise DictionaryError(f"{hid}: a rule is easter: N or month, weekday, nth", path=_PATH)
            out.append(Holiday(hid, names, rule=MappingProxyType(rule)))
    return tuple(out)


@lru_cache(maxsize=1)
def by_name() -> MappingProxyType:
    """Lower-cased surface name (apostrophes dropped) -> Holiday."""
    table = {}
    for h in holidays():
        for name in h.names:
            table[_norm(name)] = h
    return MappingProxyType(table)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("'s", "s").replace("’s", "s").replace("-", " ").split())


def lookup(text: str) -> Holiday | None:
    return by_name().get(_norm(text))


def resolve(holiday: Holiday, anchor: date, *, tense: str | None, year: int | None = None) -> date | None:
    """The day meant: in ``year`` when the text gives one; otherwise the nearest occurrence consistent with
    the tense (past or none: on or before ``anchor``; future: on or after)."""
    if year is not None:
        return holiday.day(year)
    this = holiday.day(anchor.year)
    if tense == "future":
        if this is not None and this >= anchor:
            return this
        return holiday.day(anchor.year + 1)
    if this is not None and this <= anchor:
        return this
    return holiday.day(anchor.year - 1)
