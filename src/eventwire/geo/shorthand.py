"""Short forms of place names in short text: hashtags ("#Ferguson", "#FreeGaza", "#usa"), first-level units
by their abbreviation alone ("measles cases in NY", "a tornado near Kingsport TN", "#VA") and places that label
a headline or a story inside a post ("Tabriz: A protest gathering...", "...says Subra: PEKAN: The Health
Ministry...").

Both run after the other detection steps of ``detect.py``, on tokens no step took.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..lexicons import lexicon
from .gazetteer import Candidate, Gazetteer
from .names import name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .detect import Mention

# The words of a hashtag: capitalised words, runs of capitals, lower-case words, digits ("Ceasefire4Gaza").
_HASHTAG_PART = re.compile(r"[A-Z][a-z]+|[A-Z]+(?=[A-Z][a-z]|[^A-Za-z]|$)|[a-z]+|\d+")
MIN_HASHTAG_POPULATION = 10_000
# A town named by part of a hashtag ("#Aleppo_Under_Siege", "#DetroitWater") must be this big: the parts of
# longer hashtags are mostly names of people and words ("#GarthBrooks", "#SaveGlenn", "#ComoTornado").
MIN_PART_POPULATION = 500_000
# A town named by a whole hashtag in lower case ("#guelph", "#venezia"): lower case says nothing.
MIN_LOWER_POPULATION = 100_000
# A town that labels a headline ("Tabriz: ...") must be this big.
MIN_LABEL_POPULATION = 10_000
# English words that are also towns of that size: in a hashtag, where capitals say nothing, they are words.
HASHTAG_WORDS = lexicon("geo", "hashtag_words")
# Abbreviations of first-level units that are also words or other abbreviations ("OK", "IN", "PA forces").
ABBREVIATION_WORDS = lexicon("geo", "abbreviation_words")
# Lower-case short names of countries taken as places ("the uk", "#usa").
LOWER_CASE_COUNTRIES = lexicon("geo", "lower_case_countries")
# Lower-case words that are also country names ("turkey", "chad"): never taken in lower case.
COMMON_WORDS = lexicon("geo", "country_common_words")
# Prepositions before a place name ("in", "near", "outside").
LOCATIVE_PREPS = lexicon("geo", "place_name_preps")
_LOWER_PREPS = frozenset({"in", "at", "from", "near", "to", "across", "around", "outside"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                         "central", "upstate", "downstate"})


def hashtags(doc: Doc, mentions: list[Mention], taken: set[int], gazetteer: Gazetteer,
             make: Callable[..., Mention], generic: frozenset[str]) -> None:
    """A hashtag, or a run of capitalised words inside one, that names a place: a whole hashtag names a
    country, a first-level unit (also by its abbreviation, "#VA") or a town of ``MIN_HASHTAG_POPULATION`` or
    more ("#Ferguson"), in lower case too when the place is big ("#ukraine", "#guelph" no: too small); part
    of one ("#FreeGaza", "#PrayForNepal", "#Aleppo_Under_Siege") a country, a first-level unit or a town of
    ``MIN_PART_POPULATION`` or more. The mention is the hashtag's word (the tokenizer keeps "FreeGaza" whole);
    generic words and words that are also towns ("#Hope") are never places."""
    wanted: dict[int, list[tuple[str, bool]]] = {}
    for tok in doc:
        if tok.i == 0 or tok.i in taken or doc[tok.i - 1].text != "#" or doc[tok.i - 1].whitespace_:
            continue
        parts = _HASHTAG_PART.findall(tok.text)
        keys = []
        if tok.text.islower() and tok.text.isalpha():
            keys.append((name_key(tok.text), True))
        for a in range(len(parts)):
            for b in range(min(len(parts), a + 3), a, -1):
                words = parts[a:b]
                if words[0][:1].isupper() and not any(w.isdigit() for w in words):
                    keys.append((name_key(" ".join(words)), a == 0 and b == len(parts)))
        if keys:
            wanted[tok.i] = sorted(set(keys), key=lambda k: (-len(k[0]), k[0]))
    if not wanted:
        return
    all_keys = {k for keys in wanted.values() for k, _ in keys}
    found = gazetteer.lookup(all_keys)
    units = gazetteer.abbreviations({k for k in all_keys if 2 <= len(k) <= 3 and k not in ABBREVIATION_WORDS})
    for i, keys in wanted.items():
        for key, whole in keys:
            if key in generic or key in HASHTAG_WORDS:
                continue
            lower = doc[i].text.islower()
            if whole and not lower and doc[i].text.isupper() and key in units:
                cands = units[key]
            else:
                cands = [c for c in found.get(key, ()) if _hashtag_place(c, key, whole=True, lower=lower)]
                if not whole and not any(_hashtag_place(c, key, whole=False, lower=lower) for c in cands):
                    continue
            if cands:
                taken.add(i)
                mentions.append(make(i, i + 1, key, None, cands, False, ["hashtag"]))
                break


def _hashtag_place(c: Candidate, key: str, *, whole: bool, lower: bool) -> bool:
    if lower and key in COMMON_WORDS:
        return False
    if c.feature == "country":
        return c.exact or len(key) >= 3 or (lower and key in LOWER_CASE_COUNTRIES)
    if len(key) < 4:
        return False
    if c.feature == "admin1":
        return c.exact or not lower
    if c.feature != "city" or not c.exact:
        return False
    least = MIN_PART_POPULATION if not whole else MIN_LOWER_POPULATION if lower else MIN_HASHTAG_POPULATION
    return c.population >= least


def lone_abbreviations(doc: Doc, mentions: list[Mention], taken: set[int], gazetteer: Gazetteer,
                       make: Callable[..., Mention]) -> None:
    """A first-level unit named by its abbreviation alone, where the words around it say it is a place: after
    a preposition ("cases in NY", "flooding across NSW"), after a town or a direction ("Kingsport TN",
    "Cass-ND", "Southern NH"), or as the modifier of a noun after "the" ("the MN countryside"). Capitals
    (or an abbreviation with its dot, "in Ariz."), never one that is also a word ("OK", "IN", "PA")."""
    wanted: dict[int, str] = {}
    sent_starts: set[int] | None = None  # Token.is_sent_start scans the whole doc on every call
    for tok in doc:
        if tok.i in taken or tok.i == 0:
            continue
        text = tok.text.rstrip(".")
        if len(text) > 6 or tok.is_stop:
            continue  # "THE", "AND" in a headline in capitals
        if not (2 <= len(text) <= 3 and text.isupper() and text.isalpha()) and not (
            tok.text.endswith(".") and len(text) >= 3 and text.istitle() and text.isalpha()
        ):
            continue
        key = name_key(text)
        if key in ABBREVIATION_WORDS:
            continue
        if sent_starts is None:
            sent_starts = {sent.start for sent in doc.sents}
        if _abbreviation_context(doc, tok, sent_starts):
            wanted[tok.i] = key
    if not wanted:
        return
    units = gazetteer.abbreviations(set(wanted.values()))
    for i, key in wanted.items():
        if key in units:
            taken.add(i)
            mentions.append(make(i, i + 1, key, "admin1", units[key], False, ["lone_abbreviation"]))


def _abbreviation_context(doc: Doc, tok: Token, sent_starts: set[int]) -> bool:
    if tok.i + 1 < len(doc) and doc[tok.i + 1].like_num:
        return False  # "CA 90210", "NH 3"
    prev = doc[tok.i - 1]
    if prev.lower_ in LOCATIVE_PREPS or prev.lower_ in _DIRECTIONS:
        return True
    if prev.text == "-" and tok.i >= 2 and doc[tok.i - 2].text.istitle() and not prev.whitespace_:
        return True  # "Cass-ND", "Richland-ND"
    if prev.text == "," and tok.i >= 2 and doc[tok.i - 2].text.istitle() and doc[tok.i - 2].pos_ == "PROPN":
        return True  # "near the Geysers, Calif.", "Wakita, KS": a town the gazetteer lacks, then its state
    if prev.text.istitle() and prev.is_alpha and prev.i not in sent_starts and prev.pos_ == "PROPN":
        return True  # "Kingsport TN"
    return (prev.lower_ == "the" and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "NOUN"
            and doc[tok.i + 1].is_lower)


def lower_case_places(doc: Doc, mentions: list[Mention], taken: set[int], found: dict[str, list[Candidate]],
                      make: Callable[..., Mention], generic: frozenset[str]) -> None:
    """A lower-case word after a preposition of place that is the own name of a first-level unit or of a
    town of ``MIN_LOWER_POPULATION`` or more ("i live in klerksdorp", "a tornado in ohio"): short text drops
    capitals, and after "in" a big place's name is seldom a word. Words that are also towns ("in reading")
    stay words. ``found``: the detector's lookups, which hold every lower-case noun of four letters or more."""
    wanted: dict[int, str] = {}
    for tok in doc:
        if (tok.i in taken or tok.i == 0 or not tok.is_lower or not tok.is_alpha or len(tok) < 4 or tok.is_stop
                or tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ == "NNS"
                or doc[tok.i - 1].lower_ not in _LOWER_PREPS):
            continue
        key = tok.lower_
        if key in found and key not in generic and key not in HASHTAG_WORDS and key not in COMMON_WORDS:
            wanted[tok.i] = key
    for i, key in wanted.items():
        cands = [c for c in found.get(key, ()) if c.exact and (c.feature == "admin1" or (
            c.feature == "city" and c.population >= MIN_LOWER_POPULATION))]
        if cands:
            taken.add(i)
            mentions.append(make(i, i + 1, key, None, found[key], False, ["lower_case_place"]))


def headline_labels(doc: Doc, mentions: list[Mention], taken: set[int], spans: dict[tuple[int, int], str],
                    found: dict[str, list[Candidate]], make: Callable[..., Mention], generic: frozenset[str]) -> None:
    """A place name that opens a post, a quoted headline or a story inside it and is closed by a colon
    ("Tabriz: A protest gathering", "RT @x: Marseilles: ...", "...Illness: DETROIT (CBS) -", "ANGELES CITY --"):
    the label of where the story is, as a dateline is. Its own name, a country, a first-level unit or a town
    of ``MIN_LABEL_POPULATION``; never a generic word or a word that is also a town ("Police:")."""
    for (i, j), key in sorted(spans.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if j >= len(doc) or len(key) < 4 or key not in found or key in generic or key in HASHTAG_WORDS or any(
                t in taken for t in range(i, j)):
            continue
        closer = doc[j].text
        shouting = doc[i:j].text.isupper()
        if not (closer == ":" or (shouting and closer in ("(", "--", "—", "–", "-"))):
            continue
        if not _opens_segment(doc, i):
            continue
        cands = [c for c in found[key] if c.feature in ("country", "admin1") or (
            c.exact and c.feature == "city" and c.population >= MIN_LABEL_POPULATION)]
        if cands:
            taken.update(range(i, j))
            mentions.append(make(i, j, key, None, cands, False, ["headline_label"]))


def _opens_segment(doc: Doc, i: int) -> bool:
    """Does token ``i`` open the text or a segment of it: after a colon, a dash or "RT @user:"?"""
    if i == 0:
        return True
    prev = doc[i - 1]
    return prev.text in (":", "--", "—", "–", "|") or "\n" in prev.text or prev.is_space
