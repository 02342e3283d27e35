"""Lexicons (eventwire/data/lexicons/*.yaml): every bundled file validates, the validator refuses each bad
shape with its code, every list is read by the engine, and a list drives its rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.errors import DictionaryError
from eventwire.lexicons import ENGINE_LISTS, lexicon, load_lexicons, ordered_lexicon, parse_lexicon

SRC = Path(__file__).resolve().parent.parent / "src" / "eventwire"
# lexicon("group", "name") / ordered_lexicon("group", "name") calls in the source.
_REQUEST = re.compile(r"""\b(?:ordered_)?lexicon\(\s*["'](\w+)["']\s*,\s*["'](\w+)["']\s*\)""")


def _requested() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in SRC.rglob("*.py"):
        if path.name != "lexicons.py":
            found |= set(_REQUEST.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_bundled_lexicon_loads_and_has_the_engine_lists():
    groups = load_lexicons()
    assert set(groups) == set(ENGINE_LISTS)
    for group, lists in groups.items():
        assert set(lists) == ENGINE_LISTS[group]
        for word_list in lists.values():
            assert word_list.description and word_list.words
            assert word_list.word_set == frozenset(word_list.words)


def test_every_list_is_read_by_the_engine_and_every_request_exists():
    declared = {(group, name) for group, names in ENGINE_LISTS.items() for name in names}
    requested = _requested()
    assert declared - requested == set(), "lists no code asks for (dead data)"
    assert requested - declared == set(), "lists asked for that no lexicon declares"


def test_loading_is_cached_and_immutable():
    assert load_lexicons() is load_lexicons()
    group = next(iter(ENGINE_LISTS))
    name = sorted(ENGINE_LISTS[group])[0]
    assert lexicon(group, name) is lexicon(group, name)
    assert isinstance(lexicon(group, name), frozenset)
    assert isinstance(ordered_lexicon(group, name), tuple)
    with pytest.raises(TypeError):
        load_lexicons()[group][name] = None  # type: ignore[index]


# --------------------------------------------------------------------------- the validator

GROUP = "events"
NAME = "locative_country_preps"
OTHERS = "".join(
    f"{name}:\n  description: a list\n  words: [word]\n" for name in sorted(ENGINE_LISTS[GROUP]) if name != NAME
)


def _parse(entry: str) -> None:
    parse_lexicon(OTHERS + entry, f"{GROUP}.yaml", GROUP)


def _code(entry: str) -> str:
    with pytest.raises(DictionaryError) as caught:
        _parse(entry)
    return caught.value.code


def test_a_well_formed_file_parses_with_its_words_in_order():
    lists = parse_lexicon(OTHERS + f"{NAME}:\n  description: why\n  words: [near, at, 'in']\n", "x.yaml", GROUP)
    assert lists[NAME].words == ("near", "at", "in")
    assert lists[NAME].word_set == frozenset({"in", "at", "near"})
    assert lists[NAME].description == "why"


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        (f"{NAME}:\n  description: why\n  words: [in]\n  weight: 2\n", "E171"),  # unknown key in a list
        (f"{NAME}:\n  description: why\n  words: [in]\nfavourite_words:\n  description: x\n  words: [a]\n", "E171"),
        (f"{NAME}:\n  description: why\n  words: [in, at, in]\n", "E170"),  # a word twice
        (f"{NAME}:\n  description: why\n  words: []\n", "E170"),  # empty list
        (f"{NAME}:\n  words: [in]\n", "E170"),  # no description
        (f"{NAME}:\n  description: '  '\n  words: [in]\n", "E170"),  # blank description
        (f"{NAME}:\n  description: why\n  words: [in, 12]\n", "E170"),  # a number, not a word
        (f"{NAME}:\n  description: why\n  words: [in, no]\n", "E170"),  # YAML reads a bare no as false
        (f"{NAME}:\n  description: why\n  words: [in, ' at']\n", "E170"),  # surrounding space
        (f"{NAME}:\n  description: why\n  words: in\n", "E170"),  # not a list
        (f"{NAME}: [in, at]\n", "E170"),  # a list without its description
        (f"{NAME}:\n  description: why\n  words: [in\n", "E170"),  # YAML syntax
        ("", "E172"),  # a list the engine reads is missing
    ],
    ids=[
        "unknown-key", "unknown-list", "duplicate-word", "empty-list", "missing-description", "blank-description",
        "number-word", "boolean-word", "spaced-word", "words-not-a-list", "bare-list", "yaml-syntax", "missing-list",
    ],
)
def test_the_validator_refuses_each_bad_shape_with_its_code(entry, code):
    assert _code(entry) == code


def test_an_error_names_the_file_and_line():
    with pytest.raises(DictionaryError) as caught:
        _parse(f"{NAME}:\n  description: why\n  words: [in, at,\n    in]\n")
    assert caught.value.path == f"{GROUP}.yaml"
    assert caught.value.line == OTHERS.count("\n") + 4
    assert "listed twice" in str(caught.value)


def test_an_unknown_group_is_refused():
    with pytest.raises(DictionaryError) as caught:
        parse_lexicon("", "slang.yaml", "slang")
    assert caught.value.code == "E171"


# --------------------------------------------------------------------------- lists drive their rules


@pytest.fixture(scope="module")
def truecaser():
    from eventwire.textcase import Truecaser, build_case_names

    names = build_case_names(dictionary_forms=[("Iran", "country")], common=(), role_words=(), ordinary=(),
                             function_words=())
    return Truecaser(names, places=lambda keys: {})


def test_every_weekday_and_month_of_the_text_lexicon_is_capitalised_in_lower_case_text(truecaser):
    for word in (*lexicon("text", "weekdays"), *lexicon("text", "unambiguous_months")):
        text = f"iran said on {word} that the talks were over."
        assert truecaser.truecase(text) == f"Iran said on {word.capitalize()} that the talks were over."


def test_an_ambiguous_month_is_capitalised_only_next_to_a_number(truecaser):
    assert lexicon("text", "ambiguous_months") == {"may", "march"}
    assert truecaser.truecase("iran may hold talks on 5 march.") == "Iran may hold talks on 5 March."


def test_an_abbreviation_of_the_lexicon_does_not_start_a_sentence(truecaser):
    assert "gen" in lexicon("text", "abbreviations")
    assert truecaser.truecase("iran praised gen. soleimani.") == "Iran praised gen. soleimani."
    assert truecaser.truecase("iran praised them. soleimani spoke.") == "Iran praised them. Soleimani spoke."


def test_uncountable_role_nouns_keep_their_form_in_the_plural():
    from eventwire.actors.entries import plural

    for noun in lexicon("actors", "uncountable_role_nouns"):
        assert plural(noun) == noun
    assert plural("minister") == "ministers"


def test_an_edit_to_a_list_the_gazetteer_build_reads_changes_the_index_fingerprint(monkeypatch):
    from eventwire.geo import build

    before = build.fingerprint()
    assert build.fingerprint() == before
    edited = {("geo", "admin_prefixes"): ("muhafazat",)}
    monkeypatch.setattr(build, "ordered_lexicon", lambda group, name: edited.get((group, name)) or
                        ordered_lexicon(group, name))
    assert build.fingerprint() != before
