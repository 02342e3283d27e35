"""Lexicons: the word lists the rules read (role nouns, reporting verbs, locative prepositions...), as data.

The bundled files are ``eventwire/data/lexicons/<group>.yaml``, one per area of the engine (``actors``,
``events``, ``geo``, ``text``, ``timex``). Each maps a list name to what the list is for and its words::

    locative_preps:
      description: Prepositions after which a place is where something happens ("protesters in Santiago").
      words: [in, at, near, inside]

A rule asks for a list by group and name: ``lexicon("actors", "locative_preps")`` (a frozenset) or
``ordered_lexicon(...)`` (a tuple in file order, for lists tried in order). The lists the engine reads are
declared in ``ENGINE_LISTS`` below; the files are validated against it when first read, once per process.

Errors (``DictionaryError``, naming file and, where known, line):

- E170 a malformed lexicon file: YAML syntax, a top level or a list that is not a mapping, a missing or
  empty ``description``, ``words`` that are not a non-empty list, a word that is not a non-empty string
  without surrounding spaces (quote words YAML reads otherwise: ``"no"``, ``"on"``, ``"10"``), a word
  listed twice in one list;
- E171 a key the engine does not read: a list name not in ``ENGINE_LISTS``, a key other than
  ``description``/``words`` in a list, a lexicon file for a group the engine does not have;
- E172 a list the engine reads is missing from its file (or the file is missing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

import yaml

from .errors import DictionaryError

__all__ = ["ENGINE_LISTS", "WordList", "lexicon", "load_lexicons", "ordered_lexicon", "parse_lexicon"]

#: The word lists the engine reads, by group (file ``data/lexicons/<group>.yaml``). A list in a file but
#: not here is rejected (E171): data that validates but does nothing is a silent bug. tests/test_lexicons.py
#: checks that every list named here is asked for somewhere in the source.
ENGINE_LISTS: Mapping[str, frozenset[str]] = MappingProxyType({
    "actors": frozenset({
        "coordinators", "locative_preps", "nationals", "owner_preps", "spokesman_nouns",
        "uncountable_role_nouns",
    }),
    "events": frozenset({
        "victim_verbs",
        "victim_states",
        "civil_uses",
        "thinking_verbs",
        "device_uses",
        "device_acts",
        "device_nouns",
        "accusing_verbs", "appeal_modals", "background_preps", "conflict_noun_preps", "death_words",
        "facility_nouns", "future_aux", "housing_verb_forms", "housing_verb_stems", "hypothetical_governors",
        "killing_lemmas", "locative_country_preps", "military_positions", "modals", "negating_governors",
        "noun_target_preps", "object_control_verbs", "object_target_preps", "perpetration_verbs",
        "place_only_preps", "place_preps", "quantity_nouns", "readiness_words", "relative_pronouns",
        "span_nouns", "temporal_preps", "topic_preps", "typer_target_preps",
    }),
    "geo": frozenset({
        "institution_words",
        "event_nouns",
        "abbreviation_words", "lower_case_countries", "business_words",
        "accuse_verbs", "admin_prefixes", "admin_suffixes", "admin_words", "city_words",
        "country_common_words", "event_place_preps", "facility_words", "generic_names", "generic_parts",
        "hashtag_words", "local_nouns", "locative_verbs", "place_name_preps", "place_object_verbs",
        "scene_preps", "seats_of_power", "street_suffixes", "street_words", "site_words_built",
        "site_words_natural", "site_words_lower", "disease_words",
    }),
    "text": frozenset({
        "abbreviations", "ambiguous_months", "arabic_articles", "unambiguous_months", "verb_acronyms",
        "weekdays",
    }),
    "timex": frozenset({
        "reporting_verbs",
        "condition_words",
        "not_incident_heads",
        "scene_verbs",
        "event_nouns", "future_aux", "future_governors", "incident_words", "light_verbs", "modals",
        "month_context", "not_year_after", "not_year_before", "vague_quantities", "weekday_names_after",
        "year_introducers",
    }),
})  # fmt: skip

_LIST_KEYS = ("description", "words")
_STR = "tag:yaml.org,2002:str"


@dataclass(frozen=True, slots=True)
class WordList:
    """One list of a lexicon file: its words in file order, as a set, and why the list exists."""

    name: str
    description: str
    words: tuple[str, ...]
    word_set: frozenset[str]
    path: str
    line: int


def _fail(message: str, path: str, node: yaml.Node | None, code: str) -> DictionaryError:
    line = node.start_mark.line + 1 if node is not None else None
    return DictionaryError(message, path=path, line=line, code=code)


def _mapping_items(node: yaml.Node, path: str, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(f"{what} must be a mapping", path, node, "E170")
    items: list[tuple[str, yaml.Node, yaml.Node]] = []
    seen: set[str] = set()
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
            raise _fail(f"a key of {what} must be a name", path, key, "E170")
        if key.value in seen:
            raise _fail(f"{key.value!r} is given twice in {what}", path, key, "E170")
        seen.add(key.value)
        items.append((key.value, key, value))
    return items


def _word(node: yaml.Node, path: str, name: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
        shown = node.value if isinstance(node, yaml.ScalarNode) else "a list or mapping"
        raise _fail(
            f"a word of {name!r} must be a string, got {shown!r} (quote words YAML reads as booleans, "
            "numbers or null)", path, node, "E170",
        )
    if not node.value or node.value != node.value.strip():
        raise _fail(f"a word of {name!r} is empty or has surrounding spaces: {node.value!r}", path, node, "E170")
    return str(node.value)


def _word_list(name: str, key: yaml.Node, body: yaml.Node, path: str) -> WordList:
    fields = {}
    for field, field_key, value in _mapping_items(body, path, f"list {name!r}"):
        if field not in _LIST_KEYS:
            raise _fail(f"unknown key {field!r} in list {name!r} (allowed: description, words)", path, field_key,
                        "E171")
        fields[field] = value
    description = fields.get("description")
    if not isinstance(description, yaml.ScalarNode) or description.tag != _STR or not description.value.strip():
        raise _fail(f"list {name!r} needs a description: what it is for", path, description or key, "E170")
    words_node = fields.get("words")
    if not isinstance(words_node, yaml.SequenceNode) or not words_node.value:
        raise _fail(f"the words of {name!r} must be a non-empty list", path, words_node or key, "E170")
    words: list[str] = []
    for item in words_node.value:
        word = _word(item, path, name)
        if word in words:
            raise _fail(f"{word!r} is listed twice in {name!r}", path, item, "E170")
        words.append(word)
    return WordList(name, " ".join(description.value.split()), tuple(words), frozenset(words), path,
                    key.start_mark.line + 1)


def parse_lexicon(text: str, path: str, group: str) -> Mapping[str, WordList]:
    """Validate one lexicon file of ``group``; its lists by name. Raises ``DictionaryError`` (E170-E172)."""
    if group not in ENGINE_LISTS:
        raise DictionaryError(f"no lexicon group {group!r} (groups: {', '.join(sorted(ENGINE_LISTS))})",
                              path=path, code="E171")
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DictionaryError(f"YAML syntax: {exc.problem or exc}", path=path,
                              line=mark.line + 1 if mark is not None else None, code="E170") from None
    except yaml.YAMLError as exc:
        raise DictionaryError(f"YAML: {exc}", path=path, code="E170") from None
    if root is None:
        root = yaml.MappingNode("tag:yaml.org,2002:map", [])
    known = ENGINE_LISTS[group]
    lists: dict[str, WordList] = {}
    for name, key, body in _mapping_items(root, path, "the top level"):
        if name not in known:
            raise _fail(f"the engine reads no list {name!r} in {group}.yaml", path, key, "E171")
        lists[name] = _word_list(name, key, body, path)
    missing = sorted(known - lists.keys())
    if missing:
        raise DictionaryError(f"lists the engine reads are missing: {', '.join(missing)}", path=path, code="E172")
    return MappingProxyType(lists)


@cache
def load_lexicons() -> Mapping[str, Mapping[str, WordList]]:
    """The bundled lexicons by group, validated; read once per process."""
    folder = resources.files("eventwire").joinpath("data", "lexicons")
    stray = sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml") and p.name[:-5] not in ENGINE_LISTS)
    if stray:
        raise DictionaryError(f"lexicon files for no group the engine has: {', '.join(stray)}",
                              path="data/lexicons", code="E171")
    groups = {}
    for group in ENGINE_LISTS:
        path = f"data/lexicons/{group}.yaml"
        try:
            text = folder.joinpath(f"{group}.yaml").read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DictionaryError("the lexicon file is missing", path=path, code="E172") from None
        groups[group] = parse_lexicon(text, path, group)
    return MappingProxyType(groups)


def lexicon(group: str, name: str) -> frozenset[str]:
    """The words of list ``name`` in ``data/lexicons/<group>.yaml``."""
    return load_lexicons()[group][name].word_set


def ordered_lexicon(group: str, name: str) -> tuple[str, ...]:
    """The words of list ``name`` in file order, for lists a rule tries in order."""
    return load_lexicons()[group][name].words
