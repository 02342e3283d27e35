"""Where the truecaser's knowledge comes from: the actor dictionary's names, the spaCy model's word lists
and the gazetteer. Built once per ``Pipeline`` (see ``eventwire.textcase`` for the algorithm)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from .lexicons import lexicon
from .textcase import _RUN, CaseNames, Truecaser, build_case_names, known_word

if TYPE_CHECKING:
    from spacy.language import Language

    from .geo.gazetteer import Candidate, Gazetteer

# Gazetteer places capitalised in lower-case text: a place whose name is no English word when it is a
# country, a first-level division, a facility or a town of this many people; one whose name is also an
# English noun ("reading", "enterprise") only when it is a country, a division or a city of _NOUN_PLACE.
_TOWN = 15_000
_NOUN_PLACE = 100_000
_ALL_WORDS_PLACE = 1_000_000  # a name made only of English words ("long beach", "port said")
_REGIONS = frozenset({"country", "admin1", "facility"})
_ARABIC_ARTICLES = lexicon("text", "arabic_articles")


def english_words(nlp: Language) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(all known words, words with non-noun uses, function words) from the model's lemmatizer tables
    (WordNet's index of nouns, verbs, adjectives and adverbs) and spaCy's English stop words. Empty sets
    when the model has no such tables."""
    from spacy.lang.en.stop_words import STOP_WORDS

    index: Mapping[str, Iterable[str]] = {}
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
    parts = {pos: frozenset(index[pos]) if pos in index else frozenset() for pos in ("noun", "verb", "adj", "adv")}
    stop = frozenset(STOP_WORDS)
    ordinary = parts["verb"] | parts["adj"] | parts["adv"] | stop
    return parts["noun"] | ordinary, ordinary, stop


def make_truecaser(nlp: Language, dictionary_forms: Iterable[tuple[str, str]], role_forms: Iterable[str],
                   gazetteer: Callable[[], Gazetteer] | None) -> Truecaser:
    """``gazetteer`` gives the gazetteer when a text first needs it (so a worker process forked after the
    truecaser was built opens its own connection)."""
    common, ordinary, stop = english_words(nlp)
    role_words = frozenset(run.lower() for form in role_forms for run in _RUN.findall(form))
    names = build_case_names(dictionary_forms=dictionary_forms, common=common, role_words=role_words,
                             ordinary=ordinary, function_words=stop)
    places = gazetteer_places(gazetteer, names) if gazetteer is not None else None
    return Truecaser(names, places=places, regions=dateline_regions())


def dateline_regions() -> dict[str, str]:
    """Lower-case runs -> cased form of the first-level units a dateline may name after its town, and of
    their abbreviations (``data/geo/admin1_abbreviations.csv``: "fla" -> "Fla.", "n c" -> "N.C.", "ohio" ->
    "Ohio")."""
    from .geo.build_sources import csv_rows

    out: dict[str, str] = {}
    for _, row in csv_rows("admin1_abbreviations.csv"):
        for form in (row["admin1"], *row["abbreviations"].split(";")):
            key = " ".join(run.lower() for run in _RUN.findall(form))
            if key:
                out.setdefault(key, form.strip())
    return out


def gazetteer_places(gazetteer: Callable[[], Gazetteer], names: CaseNames) -> Callable[[set[str]], dict[str, str]]:
    """A lookup for ``Truecaser``: lower-case candidate names -> the text's runs with the place's capitals,
    for the places the rules above allow."""
    from .geo.names import name_key

    def lookup(keys: set[str]) -> dict[str, str]:
        wanted: dict[str, list[str]] = {}
        for text_key in keys:
            runs = text_key.split(" ")
            if all(run in names.function_words for run in runs) or (
                    len(runs) == 1 and known_word(runs[0], names.ordinary)):
                continue
            key = name_key(text_key)
            if key:
                wanted.setdefault(key, []).append(text_key)
        found: dict[str, str] = {}
        for key, candidates in gazetteer().lookup(set(wanted)).items() if wanted else ():
            for text_key in wanted[key]:
                cased = _cased(text_key, candidates, names)
                if cased is not None:
                    found[text_key] = cased
        return found

    return lookup


def _cased(text_key: str, candidates: list[Candidate], names: CaseNames) -> str | None:
    """The text's runs with the capitals of the first allowed candidate whose name has runs of the same
    lengths ("arbil" takes "Arbīl"'s capitals), else None."""
    runs = text_key.split(" ")
    known = [known_word(run, names.common) for run in runs]
    for c in sorted(candidates, key=lambda c: (not c.exact, -c.population)):
        if len(runs) == 1 and known[0]:
            allowed = c.feature in ("country", "admin1") or c.population >= _NOUN_PLACE
        elif all(known):
            allowed = c.feature in ("country", "admin1") or c.population >= _ALL_WORDS_PLACE
        else:
            allowed = c.feature in _REGIONS or c.population >= _TOWN
        if not allowed:
            continue
        name_runs = _RUN.findall(c.name)
        if len(name_runs) == len(runs) + 1 and name_runs[0].lower() in _ARABIC_ARTICLES:
            name_runs = name_runs[1:]  # "anbar" is "Al Anbar"
        if len(name_runs) != len(runs) or any(len(a) != len(b) for a, b in zip(name_runs, runs, strict=True)):
            continue
        return " ".join("".join(t.upper() if n.isupper() else t for n, t in zip(name, run, strict=True))
                        for name, run in zip(name_runs, runs, strict=True))
    return None
