"""The timex grammar: one regular expression per form of temporal expression, and the code that turns a
match into a TIMEX3 value.

Rules run over the article text; overlapping matches are settled by the tagger (longest wins, then rule
order). A handler may still reject its match after looking at the parse (``ctx.span``): "May" the modal,
"March" the verb, "2000 troops". A named group ``tx`` narrows the expression inside a wider match ("for
three days" -> "three days").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..lexicons import lexicon
from . import calendar as cal
from .lexicon import (
    MONTH_CONTEXT,
    MONTHS,
    NOT_YEAR_AFTER,
    NOT_YEAR_BEFORE,
    ORDINAL_PARTS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAY_NAMES_AFTER,
    WEEKDAYS,
)
from .readings import (
    _DAY,
    _MOD,
    _MONTH,
    _MONTH_FULL,
    _NP_START,
    _NUM,
    _PART,
    _UNIT,
    _WEEKDAY,
    _YEAR,
    Context,
    Handler,
    Reading,
    _day_reading,
    _duration_value,
    _mod,
    _number,
    _shift,
    _tok_before,
    _unit,
    _unit_reading,
)


# ---------------------------------------------------------------- handlers
def _iso(m: re.Match[str], ctx: Context) -> Reading | None:
    d = cal.valid_day(int(m["year"]), int(m["month"]), int(m["dday"]))
    return _day_reading(d, "absolute") if d else None


def _calendar_day(m: re.Match[str], ctx: Context) -> Reading | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    day = int(m["day"])
    if m["year"]:
        d = cal.valid_day(int(m["year"]), month, day)
        return _day_reading(d, "absolute") if d else None
    if ctx.publication is None:
        return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", "day", "underspecified")
    year = cal.complete_year(ctx.publication, month, day, tense=ctx.tense)
    d = cal.valid_day(year, month, day)
    return _day_reading(d, "underspecified") if d else None


def _month_year(m: re.Match[str], ctx: Context) -> Reading | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    year = int(m["year"])
    return Reading("DATE", cal.month_value(year, month), "month", "absolute", date(year, month, 1), _mod(m))


def _month(m: re.Match[str], ctx: Context) -> Reading | None:
    name = m["mon"]
    month = MONTHS[name.lower()]
    rel = (m["rel"] or "").lower()
    mod = _mod(m)
    mon_tok = next((t for t in ctx.span if t.text == name), None)
    if not rel and not mod and _tok_before(ctx.span) not in MONTH_CONTEXT:
        # Without a preposition, trust the month only when the NER agrees and it cannot be a verb or a name.
        if name in ("May", "March") or mon_tok is None or mon_tok.ent_type_ != "DATE":
            return None
    if mon_tok is not None and mon_tok.pos_ in ("AUX", "VERB") and not (rel or mod):
        return None  # "March on the capital", "May I"
    if ctx.publication is None:
        return Reading("DATE", f"XXXX-{month:02d}", "month", "underspecified", None, mod)
    pub = ctx.publication
    if rel == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif rel == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif rel == "this":
        year = pub.year
    else:
        year = cal.complete_year(pub, month, None, tense=ctx.tense)
    kind = "relative" if rel else "underspecified"
    return Reading("DATE", cal.month_value(year, month), "month", kind, date(year, month, 1), mod)


def _season(m: re.Match[str], ctx: Context) -> Reading | None:
    raw = m["season"].lower()
    season = SEASONS[raw]
    rel = (m["rel"] or "").lower()
    mod = _mod(m)
    if m["year"]:
        year = int(m["year"])
        return Reading("DATE", f"{year}-{season}", "season", "absolute", cal.season_start(year, season), mod)
    if not rel and (not mod or raw == "fall"):
        return None  # "the spring of discontent", "the fall of the city"
    if ctx.publication is None:
        return Reading("DATE", f"XXXX-{season}", "season", "underspecified", None, mod)
    pub = ctx.publication
    latest = pub.year if cal.season_start(pub.year, season) <= pub else pub.year - 1
    current = pub < cal.shift_day(cal.season_start(latest, season), 3, "month")
    if rel == "this":
        year = latest if current else latest + 1
    elif rel == "last":
        year = latest - 1 if current else latest
    elif rel == "next" or ctx.tense == "future":
        year = latest + 1
    else:
        year = latest
    return Reading("DATE", f"{year}-{season}", "season", "relative", cal.season_start(year, season), mod)


def _frequency(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading("SET", _duration_value(1, _unit(m["unit"])), None, "set")


def _part_of_year(m: re.Match[str], ctx: Context) -> Reading | None:
    ordinal = ORDINAL_PARTS[m["ord"].lower()]
    unit = m["part_unit"].lower()
    rel = (m["rel"] or "").lower()
    if m["year"]:
        year, kind = int(m["year"]), "absolute"
    elif ctx.publication is None:
        return None
    else:
        year = ctx.publication.year + {"last": -1, "next": 1}.get(rel, 0)
        kind = "relative"
    if unit == "quarter":
        return Reading("DATE", f"{year}-Q{ordinal}", "quarter", kind, cal.quarter_start(year, ordinal))
    half = 1 if ordinal == 1 else 2
    return Reading("DATE", f"{year}-H{half}", "quarter", kind, date(year, 1 if half == 1 else 7, 1))


_YEAR_INTRODUCERS = lexicon("timex", "year_introducers")


def _year(m: re.Match[str], ctx: Context) -> Reading | None:
    span = ctx.span
    doc = span.doc
    tok = next((t for t in span if t.text == m["year"]), None)
    if tok is None:
        return None
    before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if before in NOT_YEAR_AFTER or tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
        return None
    if after is not None and not _mod(m):
        plural = after.tag_ in ("NNS", "NNPS") or (not after.tag_ and after.text.isalpha()
                                                     and after.text.islower() and after.text.endswith("s"))
        if after.lower_ in NOT_YEAR_BEFORE or (plural and before not in _YEAR_INTRODUCERS):
            return None  # "2000 troops", "1900 km"; but "the 2019 elections", "in 2019 protests erupted"
    year = int(m["year"])
    return Reading("DATE", str(year), "year", "absolute", date(year, 1, 1), _mod(m))


def _decade(m: re.Match[str], ctx: Context) -> Reading | None:
    decade = m["dec"]
    return Reading("DATE", decade, "decade", "absolute", date(int(decade) * 10, 1, 1), _mod(m))


def _relative_day(m: re.Match[str], ctx: Context) -> Reading | None:
    pub = ctx.publication
    if pub is None:
        return None
    word = re.sub(r"\s+", " ", m["word"].lower())
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1, "this morning": 0,
               "this afternoon": 0, "this evening": 0, "the day before yesterday": -2, "the day after tomorrow": 2}
    d = pub + timedelta(days=offsets[word])
    part = m["part"] or {"tonight": "night", "last night": "night"}.get(word) or (
        word.split()[1] if word.startswith("this ") else None)
    return _day_reading(d, "relative", part=part)


def _weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    span = ctx.span
    end_tok = span.doc[span.end] if span.end < len(span.doc) else None
    if end_tok is not None and end_tok.lower_ in WEEKDAY_NAMES_AFTER:
        return None
    if ctx.publication is None:
        return None
    rel = (m["rel"] or "").lower()
    mod = {"early": "START", "late": "END"}.get(rel)
    relation = rel if rel in ("last", "next", "this") else None
    d = cal.weekday_date(ctx.publication, WEEKDAYS[m["wd"].lower()], tense=ctx.tense, relation=relation)
    return _day_reading(d, "relative", part=m["part"], mod=mod)


_PUB_RELATIONS = {"last": -1, "next": 1, "this": 0, "earlier this": 0, "later this": 0, "the current": 0,
                  "this past": -1, "the coming": 1}
_REF_RELATIONS = {"the previous": -1, "the following": 1, "the next": 1, "the same": 0, "the preceding": -1}


def _relative_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    mod = _mod(m)
    if rel == "the" and unit != "weekend":
        return None  # "the year" alone is too vague to resolve
    if rel in ("the past", "the last"):
        if unit == "weekend":
            return None
        return Reading("DURATION", _duration_value(1, unit), None, "duration")
    if rel in _REF_RELATIONS:
        anchor, n, kind = ctx.reference, _REF_RELATIONS[rel], "anaphoric"
    else:
        anchor, n, kind = ctx.publication, _PUB_RELATIONS.get(rel, 0), "relative"
    if anchor is None:
        return None
    if unit == "weekend" and rel == "the" and ctx.tense in ("past", None):
        # "over the weekend" in a Monday-to-Friday report is the weekend just gone
        if anchor.isoweekday() < 6:
            n = -1
    return _unit_reading(_shift(anchor, n, unit), unit, kind, mod)


def _ago(m: re.Match[str], ctx: Context) -> Reading | None:
    amount = _number(m["num"])
    unit = _unit(m["unit"])
    anchor = ctx.publication if m["dir"].lower() == "ago" else ctx.reference
    if anchor is None:
        return None
    if amount is None or amount != int(amount):
        return Reading("DATE", "PAST_REF" if m["dir"].lower() in ("ago", "earlier", "before") else "FUTURE_REF",
                       None, "vague")
    sign = 1 if m["dir"].lower() in ("later", "after") else -1
    kind = "relative" if m["dir"].lower() == "ago" else "anaphoric"
    if unit in ("hour", "minute", "second"):
        return _day_reading(anchor, kind)
    return _unit_reading(_shift(anchor, sign * int(amount), unit), unit, kind)


def _anaphoric_day(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.reference is None:
        return None
    text = re.sub(r"\s+", " ", m.group(0).lower())
    if any(w in text for w in ("next", "following", "after", "later")):
        n = 1
    elif any(w in text for w in ("previous", "before", "earlier", "preceding")):
        n = -1
    else:
        n = 0
    part = m["part"] if m["part"] and m["part"].lower() != "day" else None
    return _day_reading(ctx.reference + timedelta(days=n), "anaphoric", part=part)


def _duration(m: re.Match[str], ctx: Context) -> Reading | None:
    bare = m["bare"] or m["bare2"]
    if bare:
        unit = _unit(bare.lower().removesuffix("s").replace("ie", "y"))
        return Reading("DURATION", _duration_value(None, unit), None, "duration")
    amount = _number(m["num"])
    unit = _unit(m["unit"])
    if m["num"].lower() in ("a", "an") and not m["rel"] and ctx.span.start > 0 \
            and ctx.span.doc[ctx.span.start - 1].lower_ in ("per", "every", "each"):
        return None
    approx = (m["approx"] or "").lower()
    mod = ("MORE_THAN" if approx.startswith("more") else "LESS_THAN" if approx.startswith(("less", "fewer"))
           else "EQUAL_OR_MORE" if approx.startswith("at") else "EQUAL_OR_LESS" if approx.startswith("up")
           else "APPROX" if approx else None)
    return Reading("DURATION", _duration_value(amount, unit), None, "duration", mod=mod)


def _set(m: re.Match[str], ctx: Context) -> Reading | None:
    text = re.sub(r"\s+", " ", m.group(0).lower())
    weekday = m["wd"] or m["wd2"]
    if weekday:
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[weekday.lower()]}", None, "set")
    adverbs = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "nightly": "P1D", "hourly": "PT1H"}
    if text in adverbs:
        return Reading("SET", adverbs[text], None, "set")
    unit = (m["unit"] or "").lower()
    if unit in PARTS_OF_DAY:
        return Reading("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}", None, "set")
    if unit == "weekend":
        return Reading("SET", "XXXX-WXX-WE", None, "set")
    amount = _number(m["num"]) if m["num"] else 1
    if m["other"]:
        amount = 2
    return Reading("SET", _duration_value(amount, _unit(unit)), None, "set")


def _vague(m: re.Match[str], ctx: Context) -> Reading | None:
    text = re.sub(r"\s+", " ", m.group(0).lower())
    if any(w in text for w in ("now", "current", "present", "moment", "these days", "nowadays", "at this time")):
        value = "PRESENT_REF"
    elif any(w in text for w in ("soon", "shortly", "future", "coming", "ahead")):
        value = "FUTURE_REF"
    else:
        value = "PAST_REF"
    return Reading("DATE", value, None, "vague")


def _clock(m: re.Match[str], ctx: Context) -> Reading | None:
    # A clock time without a day is on the last day the text named ("shot Monday night ... Around 9:20
    # p.m., officers arrived"), else on the publication date; a past event is not after publication.
    day = ctx.sentence_day or ctx.reference or ctx.publication
    if day is not None and ctx.publication is not None and day > ctx.publication and ctx.tense == "past":
        day = ctx.publication
    text = m.group(0).lower()
    if m["noon"]:
        hour, minute = (12, 0) if m["noon"].lower() in ("noon", "midday") else (24, 0)
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["min24"])
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        pm = text.replace(".", "").replace(" ", "").endswith("pm") or "pm" in text.replace(".", "")
        hour = hour % 12 + (12 if pm else 0)
    clock = f"T{hour:02d}:{minute:02d}"
    if day is None:
        return Reading("TIME", f"XXXX-XX-XX{clock}", "time", "relative")
    kind = "relative" if day == ctx.publication else "anaphoric"
    return Reading("TIME", f"{day.isoformat()}{clock}", "time", kind, day)


def _end_of_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.publication is None:
        return None
    rel = (m["rel"] or "").lower()
    unit = m["unit"].lower()
    n = {"last": -1, "next": 1}.get(rel, 0)
    return _unit_reading(_shift(ctx.publication, n, unit), unit, "relative", _mod(m))


# ---------------------------------------------------------------- the rules, in priority order
# Each rule: name, pattern, handler, and its cores: the words (or "#digit") one of which every match contains.
# The tagger runs a rule only in windows around its cores, which keeps the grammar cheap on long articles.
_RULES: tuple[tuple[str, str, Handler, str], ...] = (
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<dday>0[1-9]|[12]\d|3[01])\b", _iso, "#digit"),
    ("month_day", rf"(?:{_WEEKDAY},?\s+)?\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?", _calendar_day, "@months"),
    ("day_month", rf"(?:{_WEEKDAY},?\s+)?\b(?:(?i:the)\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?",
     _calendar_day, "@months"),
    ("month_year", rf"(?:{_MOD}[-\s]+)?\b{_MONTH},?\s+(?:of\s+)?{_YEAR}", _month_year, "@months"),
    ("month", rf"(?:(?P<rel>(?i:last|next|this))\s+|{_MOD}[-\s]+)?\b(?P<mon>{_MONTH_FULL})\b", _month, "@months"),
    ("season", rf"(?:(?P<rel>(?i:last|next|this))\s+|{_MOD}[-\s]+)?\b(?P<season>(?i:spring|summer|autumn|fall|winter))\b"
               rf"(?:(?:\s+of)?\s+{_YEAR})?", _season, "spring summer autumn fall winter"),
    ("part_of_year", rf"\b(?i:the\s+)?(?P<ord>(?i:first|second|third|fourth|final|last))\s+"
                     rf"(?P<part_unit>(?i:quarter|half))\s+of\s+(?:{_YEAR}|(?P<rel>(?i:this|last|next))\s+year|"
                     r"(?i:the\s+year))", _part_of_year, "quarter half"),
    ("year", rf"(?:{_MOD}[-\s]+)?(?<![\d,.$£€/-])\b{_YEAR}(?!%|-\d|/\d)", _year, "#digit"),
    ("decade", rf"\b(?:(?i:the)\s+)?(?:{_MOD}[-\s]+)?(?P<dec>(?:1[89]|20)\d)0s\b", _decade, "#digit"),
    ("relative_day", r"\b(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|"
                     r"yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)))\b"
                     rf"(?:\s+{_PART})?", _relative_day, "today tonight yesterday tomorrow night morning afternoon evening"),
    ("weekday", rf"(?:(?P<rel>(?i:last|next|this|early|late))\s+)?\b{_WEEKDAY}\b(?:\s+{_PART}\b)?", _weekday, "@weekdays"),
    ("end_of_unit", rf"{_MOD}\s+(?P<rel>(?i:this|last|next|the))\s+(?P<unit>(?i:week|month|year))\b", _end_of_unit, "end beginning start middle"),
    ("relative_unit", r"(?:\b(?i:over|during|at)\s+)?(?P<tx>\b(?P<rel>(?i:last|next|this|this\s+past|the\s+past|"
                      r"the\s+last|the\s+previous|the\s+coming|the\s+following|the\s+next|earlier\s+this|"
                      r"later\s+this|the\s+current|the\s+same|the\s+preceding|the))\s+"
                      r"(?P<unit>(?i:weekend|week|month|year|quarter|decade|century))\b)", _relative_unit, "weekend week month year quarter decade century"),
    ("ago", rf"\b{_NUM}\s+{_UNIT}s?\s+(?P<dir>(?i:ago|later|earlier))\b(?!\s+than)", _ago, "ago later earlier"),
    ("anaphoric_day", r"\b(?i:the\s+(?:next|following|previous|same|preceding)\s+"
                      r"(?P<part>day|morning|afternoon|evening|night)"
                      rf"|the\s+day\s+(?:before|after)(?!\s+(?:{_NP_START}|yesterday|tomorrow))"
                      r"|a\s+day\s+(?:earlier|later)(?!\s+than))\b", _anaphoric_day, "day morning afternoon evening night"),
    ("duration", rf"(?:\b(?P<approx>(?i:more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|"
                 r"at\s+least|up\s+to|roughly|approximately|some))\s+)?"
                 rf"(?:\b(?P<rel>(?i:the\s+(?:past|last|next|previous|coming|first|following))\s+))?\b{_NUM}[\s-]+"
                 rf"{_UNIT}s?\b(?![-\s]+old)"
                 r"|\b(?i:for|take|takes|took|taking|within|after|lasted|last|in)\s+"
                 r"(?P<tx>(?P<bare>(?i:years|decades|months|weeks|days|hours|minutes|centuries)))\b"
                 r"|\b(?P<tx2>(?P<bare2>(?i:years|decades|months|weeks|days|hours|minutes)))\s+"
                 r"(?=(?i:after|before|later|earlier)\b)", _duration, "@units"),
    ("set", rf"\b(?i:every|each)\s+(?:(?P<other>(?i:other))\s+)?(?:{_NUM}\s+)?"
            r"(?P<unit>(?i:day|week|month|year|morning|night|evening|afternoon|hour|weekend))s?\b"
            rf"|\b(?i:every|each)\s+{_WEEKDAY}\b"
            r"|\b(?i:daily|weekly|monthly|annually|yearly|nightly|hourly)\b"
            r"|\b(?i:on)\s+(?P<tx>(?P<wd2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s)\b", _set, "every each daily weekly monthly annually yearly nightly hourly @weekdays_plural"),
    ("frequency", r"\b(?P<freq>(?i:once|twice|three\s+times|four\s+times|\d+\s+times))\s+(?i:a|an|per|every)\s+"
                  r"(?P<unit>(?i:day|week|month|year|hour))\b", _frequency, "once twice times"),
    ("vague", r"\b(?i:recently|lately|nowadays|currently|soon|shortly)\b"
              r"|\b(?i:in|for)\s+(?P<tx>(?i:the\s+(?:near\s+|distant\s+)?(?:past|future)))\b(?!\s+(?:\d|two|three|few|several))"
              r"|\b(?i:in\s+)?(?P<tx2>(?i:recent\s+(?:days|weeks|months|years)|the\s+coming\s+(?:days|weeks|months|years)|"
              r"the\s+days\s+ahead|the\s+weeks\s+ahead|the\s+months\s+ahead))\b"
              r"|\b(?i:at\s+present|at\s+the\s+moment|these\s+days|right\s+now|at\s+this\s+time)\b"
              r"|\b(?i:now)\b", _vague, "recently lately nowadays currently soon shortly past future recent coming ahead present moment days now time"),
    ("clock", r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?i:a\.m\.|p\.m\.|am\b|pm\b)"
              r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<min24>[0-5]\d)\b(?:\s+(?:GMT|UTC|local\s+time|hours|hrs))?"
              r"|\b(?P<noon>(?i:noon|midday|midnight))\b", _clock, "#digit noon midday midnight"),
)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    handler: Handler
    cores: frozenset[str]
    digits: bool


def _expand_cores(spec: str) -> tuple[frozenset[str], bool]:
    words: set[str] = set()
    for item in spec.split():
        if item == "@months":
            words.update(MONTHS)
            words.update(f"{w}." for w in MONTHS if len(w) <= 4)
        elif item == "@weekdays":
            words.update(WEEKDAYS)
        elif item == "@weekdays_plural":
            words.update(f"{w}s" for w in WEEKDAYS)
        elif item == "@units":
            words.update(UNITS)
            words.update(f"{w}s" for w in UNITS)
            words.add("centuries")
        elif item != "#digit":
            words.add(item)
    return frozenset(words), "#digit" in spec.split()


@lru_cache(maxsize=1)
def compiled_rules() -> tuple[Rule, ...]:
    """The rules, compiled once per process on first use."""
    return tuple(Rule(name, re.compile(pattern), handler, *_expand_cores(cores))
                 for name, pattern, handler, cores in _RULES)
