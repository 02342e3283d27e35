"""Name keys: the one normalisation shared by the index builder and the text matcher.

A key is ASCII-folded, lower-cased, without apostrophes or dots, with hyphens as spaces and without a
leading article "the": ``"Ein al-Assad"`` -> ``"ein al assad"``, ``"U.S."`` -> ``"us"``, ``"T'bilisi"`` ->
``"tbilisi"``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicons import lexicon, ordered_lexicon

_DROP = str.maketrans({c: None for c in "'’‘`´ʻʼʿʾ.\u02bf\u02be"})
_SPACE = re.compile(r"[\s\-‐‑–—_/]+")
_NON_KEY = re.compile(r"[^a-z0-9 ]")

# Admin1 names in the packages carry their type as a word ("Basra Governorate", "Muhafazat Kirkuk").
ADMIN_PREFIXES = tuple(f"{words} " for words in ordered_lexicon("geo", "admin_prefixes"))
ADMIN_SUFFIXES = tuple(f" {words}" for words in ordered_lexicon("geo", "admin_suffixes"))
# Words after a toponym that say what kind of place it is.
ADMIN_WORDS = lexicon("geo", "admin_words")
CITY_WORDS = lexicon("geo", "city_words")
# Nouns that a town's name modifies as the town's own ("Austin police", "an Allentown man", "two Dayton
# teens", "the Fresno mayor"): local news names its town this way more often than "in Austin".
LOCAL_NOUNS = lexicon("geo", "local_nouns")
# Nouns of events that a place's name modifies as where they happened ("the Saskatchewan tornado", "a Dallas
# shooting", "the Luton riot").
EVENT_NOUNS = lexicon("geo", "event_nouns")
# First words after a place's name in the name of its institutions ("the Bowling Green Police Department",
# "the Houston City Council", "Kentucky State Police", "the Tennessee Bureau of Investigation"): the name
# before them is the place the institution serves.
INSTITUTION_WORDS = lexicon("geo", "institution_words")
FACILITY_WORDS = lexicon("geo", "facility_words")
_ARABIC_ARTICLES = tuple(f"{article} " for article in ordered_lexicon("text", "arabic_articles"))


def fold(text: str) -> str:
    """ASCII-fold: strip accents and marks (``Ḩarīr`` -> ``Harir``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65_536)
def name_key(text: str) -> str:
    """The lookup key of a place name (see module docstring). Empty when nothing Latin is left.

    Cached: the same capitalised n-grams recur across articles, and this runs for each of them."""
    key = fold(text).translate(_DROP).lower()
    key = _SPACE.sub(" ", key).strip()
    if key.startswith("the "):
        key = key[4:]
    if _NON_KEY.search(key):
        key = _NON_KEY.sub("", key).strip()
        key = re.sub(r" +", " ", key)
    return key


def strip_admin_words(key: str) -> str:
    """``"basra governorate"`` -> ``"basra"``; ``"muhafazat kirkuk"`` -> ``"kirkuk"``."""
    for prefix in ADMIN_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            key = key[len(prefix) :]
            break
    for suffix in ADMIN_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            key = key[: -len(suffix)]
            break
    return key


def strip_article(key: str) -> str | None:
    """``"al anbar"`` -> ``"anbar"``; None when there is no Arabic article or too little is left."""
    for article in _ARABIC_ARTICLES:
        if key.startswith(article) and len(key) - len(article) >= 4:
            return key[len(article) :]
    return None
