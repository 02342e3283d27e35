"""Words the timex grammar knows, as immutable tables; the plain word sets are data (data/lexicons/timex.yaml)."""

from __future__ import annotations

from types import MappingProxyType

from ..lexicons import lexicon

MONTHS = MappingProxyType({
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
})
WEEKDAYS = MappingProxyType({
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
})
NUMBER_WORDS = MappingProxyType({
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5,
})
# Quantities that give an unknown number ("several days" -> P"X"D).
VAGUE_QUANTITIES = lexicon("timex", "vague_quantities")
# unit word -> (ISO 8601 duration letter, needs the "T" time designator, granularity)
UNITS = MappingProxyType({
    "second": ("S", True, "time"), "minute": ("M", True, "time"), "hour": ("H", True, "time"),
    "day": ("D", False, "day"), "week": ("W", False, "week"), "month": ("M", False, "month"),
    "year": ("Y", False, "year"), "decade": ("DE", False, "decade"), "century": ("CE", False, "century"),
    "centurie": ("CE", False, "century"),
})
PARTS_OF_DAY = MappingProxyType({"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"})
SEASONS = MappingProxyType({"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"})
MODIFIERS = MappingProxyType({
    "early": "START", "beginning of": "START", "start of": "START", "mid": "MID", "middle of": "MID",
    "late": "END", "end of": "END",
})
ORDINAL_PARTS = MappingProxyType({"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4})

# Words before a bare month name that make it a month: "in May" is a date, "Theresa May" and "may" are not.
MONTH_CONTEXT = lexicon("timex", "month_context")
# A year-shaped number before these is a count, not a year ("2000 troops").
NOT_YEAR_BEFORE = lexicon("timex", "not_year_before")
# A year-shaped number after these is a label ("Resolution 2334", "flight 2019", "$2020").
NOT_YEAR_AFTER = lexicon("timex", "not_year_after")
# Title words after a weekday that make it part of a name ("Sunday Times", "Good Friday" is left as a date).
WEEKDAY_NAMES_AFTER = lexicon("timex", "weekday_names_after")

# Nouns that denote events: a date attached to one of them dates that event, not the clause's verb.
# Other nouns ("the mission in Iraq on December 8") pass an attached date up to their verb, because the
# parser often hangs a sentence-level date on the subject.
EVENT_NOUNS = lexicon("timex", "event_nouns")
# Verbs whose object noun is the event ("launched strikes", "held talks"): a date on the noun dates the verb.
LIGHT_VERBS = lexicon("timex", "light_verbs")
# A verb in an infinitive under one of these looks ahead ("plans to meet on Friday").
FUTURE_GOVERNORS = lexicon("timex", "future_governors")
FUTURE_AUX = lexicon("timex", "future_aux")
# Words of a violent incident (lemmas): a date attached to one of them is the date of the incident the
# article reports ("were shot about 6 p.m. Monday", "Sunday night's shooting").
INCIDENT_WORDS = lexicon("timex", "incident_words")
