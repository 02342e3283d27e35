"""The verb and noun event-pattern dictionaries: loading, validation and lookup.

The bundled files are ``eventwire/data/verbs.yaml`` and ``eventwire/data/nouns.yaml``; their format is
documented in the comment block at the top of ``verbs.yaml``. User files passed as ``extra_files`` use the
same format (any of the top-level keys) and take precedence: their entries come first in
``verbs_for``/``nouns_for`` and their map entries override the bundled ones.

Errors (``DictionaryError``, always naming file and line):

- E110 a code that is not in the CAMEO ontology (or not a quoted string); verb patterns may use "---"
  for "no event";
- E111 an unknown key, or a key the engine does not read where it is given (``implicit_source`` or
  ``symmetric`` on a speech entry; the old ``intent_codes``/``threat_codes``/``speech_codes`` maps, whose
  job is done by ``derived_codes.yaml``);
- E112 an unknown ``$SET`` reference (or a synset that refers to itself);
- E113 a lemma listed twice in one file with two different default codes;
- E114 a malformed file: YAML syntax, wrong value types, missing required keys, or a condition the engine
  cannot apply (``pobj`` without ``prep``; a ``target`` slot ``pobj`` without ``prep``; a ``target`` on a
  no-event pattern).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from eventwire.errors import DictionaryError
from eventwire.ontology import Ontology, load_ontology

from .yaml_lines import LINE_KEY as _LINE
from .yaml_lines import read_yaml

__all__ = [
    "EventDictionary",
    "NounEntry",
    "NounPattern",
    "VerbEntry",
    "VerbPattern",
    "load_event_dictionary",
    "parse_event_files",
]

# A pattern coded "---" (PETRARCH's null code) matches and stops the entry: no event ("helped fight the
# coronavirus" is not a use of force, although "fight" defaults to 190).
NO_EVENT = "---"
VERB_KINDS = frozenset({"action", "speech", "intent", "light"})
# Where a pattern's target is looked for (``records.DEFAULT_TARGET_SLOTS`` when it does not say): the
# direct object, the dative, the object of the pattern's own preposition ("pobj", stored as "prep:<prep>"),
# the object of the open clausal complement, the object of a named preposition ("prep:at"), or the subject
# of a verb whose subject undergoes the event ("subj": "died in custody").
TARGET_SLOTS = frozenset({"obj", "dative", "pobj", "xcomp_obj", "subj"})
# Top-level maps an earlier format had; derived codes (intent, threat, ...) live in derived_codes.yaml.
RETIRED_MAPS = ("intent_codes", "threat_codes", "speech_codes")


@dataclass(frozen=True)
class VerbPattern:
    """A refinement of a verb entry; every condition given must hold (tried in order, first match wins)."""

    code: str
    obj: frozenset[str] | None = None
    prep: str | None = None
    pobj: frozenset[str] | None = None
    particle: str | None = None
    xcomp: frozenset[str] | None = None
    passive: bool | None = None
    target: tuple[str, ...] | None = None
    line: int = 0
    file: str = ""
    #: Head words of the object of the xcomp ("declined to give details" -> details).
    xcomp_obj: frozenset[str] | None = None
    #: True: the verb is a past participle describing a noun, with nobody doing it ("a man accused of
    #: murder", "two men armed with rifles"): a label of the noun, not a report of the act.
    descriptor: bool | None = None


@dataclass(frozen=True)
class VerbEntry:
    """Verb lemmas sharing a default code, kind and patterns."""

    lemmas: frozenset[str]
    code: str | None
    kind: str = "action"
    patterns: tuple[VerbPattern, ...] = ()
    implicit_source: str | None = None
    symmetric: bool = False
    line: int = 0
    file: str = ""


@dataclass(frozen=True)
class NounPattern:
    """A refinement of a noun entry by a modifier (compound/amod child) and/or a prepositional object."""

    code: str
    modifiers: frozenset[str] | None = None
    prep: str | None = None
    pobj: frozenset[str] | None = None
    line: int = 0
    file: str = ""


@dataclass(frozen=True)
class NounEntry:
    """Event nouns (singular and plural surface forms) sharing a default code and patterns."""

    lemmas: frozenset[str]
    code: str | None
    patterns: tuple[NounPattern, ...] = ()
    symmetric: bool = False
    line: int = 0
    file: str = ""


@dataclass(frozen=True)
class EventDictionary:
    """Lookup over validated verb and noun entries. Build it with :func:`load_event_dictionary`."""

    verbs: tuple[VerbEntry, ...]
    nouns: tuple[NounEntry, ...]
    synsets: Mapping[str, frozenset[str]]
    _verb_index: Mapping[str, tuple[VerbEntry, ...]] = field(repr=False, compare=False, default_factory=dict)
    _noun_index: Mapping[str, tuple[NounEntry, ...]] = field(repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_verb_index", MappingProxyType(_index(self.verbs)))
        object.__setattr__(self, "_noun_index", MappingProxyType(_index(self.nouns)))

    def verbs_for(self, lemma: str) -> tuple[VerbEntry, ...]:
        """Entries for a verb lemma (case-insensitive), user entries first."""
        return self._verb_index.get(lemma.lower(), ())

    def nouns_for(self, word: str) -> tuple[NounEntry, ...]:
        """Entries for an event noun, by surface form or lemma (case-insensitive)."""
        return self._noun_index.get(word.lower(), ())

    def synset(self, name: str) -> frozenset[str]:
        """The words of a synset, by name with or without the leading ``$``; empty if unknown."""
        return self.synsets.get(name.lstrip("$"), frozenset())

    def verb_lemmas(self) -> frozenset[str]:
        return frozenset(self._verb_index)

    def implicit_lemmas(self) -> frozenset[str]:
        """Verb lemmas with an entry that implies its agent ("were arrested" -> police)."""
        return frozenset(lemma for entry in self.verbs if entry.implicit_source for lemma in entry.lemmas)

    def noun_lemmas(self) -> frozenset[str]:
        return frozenset(self._noun_index)


def _index(entries: Sequence[VerbEntry] | Sequence[NounEntry]) -> dict[str, tuple[Any, ...]]:
    index: dict[str, list[Any]] = {}
    for entry in entries:
        for lemma in sorted(entry.lemmas):
            index.setdefault(lemma, []).append(entry)
    return {lemma: tuple(found) for lemma, found in index.items()}


# --------------------------------------------------------------------------- validation


class _FileReader:
    """Validates one parsed file against the schema, the ontology and the known synsets."""

    VERB_KEYS = frozenset({"lemmas", "code", "kind", "patterns", "implicit_source", "symmetric", "note"})
    VERB_PATTERN_KEYS = frozenset(
        {"code", "obj", "prep", "pobj", "particle", "xcomp", "xcomp_obj", "passive", "descriptor", "target",
         "note"}
    )
    NOUN_KEYS = frozenset({"lemmas", "code", "patterns", "symmetric", "note"})
    NOUN_PATTERN_KEYS = frozenset({"code", "modifiers", "prep", "pobj", "note"})
    TOP_KEYS = frozenset({"synsets", "verbs", "nouns"})
    # Keys of a verb entry the engine reads only for some kinds: speech acts pair the speaker with the
    # addressee (no mutual events, no implicit agent of a passive).
    NOT_FOR_SPEECH = ("implicit_source", "symmetric")

    def __init__(self, path: str, ontology: Ontology, synsets: Mapping[str, frozenset[str]]) -> None:
        self.path = path
        self.name = Path(path).name
        self.ontology = ontology
        self.synsets = synsets

    # -- helpers
    def fail(self, message: str, line: int | None, code: str) -> DictionaryError:
        return DictionaryError(message, path=self.path, line=line, code=code)

    def check_keys(self, mapping: dict[str, Any], allowed: frozenset[str], what: str) -> int:
        line = mapping.get(_LINE)
        for key in mapping:
            if key in RETIRED_MAPS and allowed is self.TOP_KEYS:
                raise self.fail(
                    f"{key!r} is not read by the engine: the codes of intents, threats, appeals... are in "
                    "eventwire/data/derived_codes.yaml",
                    line,
                    "E111",
                )
            if key != _LINE and key not in allowed:
                raise self.fail(
                    f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed))})", line, "E111"
                )
        return line if isinstance(line, int) else 0

    def code(self, value: Any, line: int, *, optional: bool, block: bool = False) -> str | None:
        if value is None and optional:
            return None
        if block and value == NO_EVENT:
            return NO_EVENT
        if not isinstance(value, str):
            raise self.fail(f'code {value!r} must be a quoted string such as "010"', line, "E110")
        if value not in self.ontology:
            raise self.fail(f"unknown CAMEO code {value!r}", line, "E110")
        return value

    def word(self, value: Any, line: int, what: str) -> str:
        if not isinstance(value, str) or not value.strip() or " " in value.strip():
            raise self.fail(f"{what} must be a single word, got {value!r}", line, "E114")
        return value.strip().lower()

    def words(self, value: Any, line: int, what: str) -> frozenset[str]:
        """A word list; ``$NAME`` items (or a lone ``$NAME`` string) expand to a synset."""
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            raise self.fail(f"{what} must be a word, a $SET or a non-empty list of them", line, "E114")
        out: set[str] = set()
        for item in items:
            if isinstance(item, str) and item.startswith("$"):
                name = item[1:]
                if name not in self.synsets:
                    raise self.fail(f"unknown synset {item!r} in {what}", line, "E112")
                out |= self.synsets[name]
            else:
                out.add(self.word(item, line, f"an item of {what}"))
        return frozenset(out)

    def flag(self, value: Any, line: int, what: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(f"{what} must be true or false, got {value!r}", line, "E114")
        return value

    def entries(self, document: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = document.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(f"{key!r} must be a list of mappings", document.get(_LINE), "E114")
        return value

    # -- sections
    def verb_pattern(self, raw: dict[str, Any]) -> VerbPattern:
        line = self.check_keys(raw, self.VERB_PATTERN_KEYS, "a verb pattern")
        if "code" not in raw:
            raise self.fail("a pattern needs a code", line, "E114")
        prep = self.word(raw["prep"], line, "prep") if "prep" in raw else None
        if "pobj" in raw and prep is None:
            raise self.fail("pobj needs prep: it is the object of that preposition", line, "E114")
        code = self.code(raw["code"], line, optional=False, block=True) or ""
        target = self.target(raw.get("target"), prep, line)
        if target is not None and code == NO_EVENT:
            raise self.fail("a no-event pattern (\"---\") has no target", line, "E114")
        passive = raw.get("passive")
        descriptor = raw.get("descriptor")
        return VerbPattern(
            code=code,
            obj=self.words(raw["obj"], line, "obj") if "obj" in raw else None,
            prep=prep,
            pobj=self.words(raw["pobj"], line, "pobj") if "pobj" in raw else None,
            particle=self.word(raw["particle"], line, "particle") if "particle" in raw else None,
            xcomp=self.words(raw["xcomp"], line, "xcomp") if "xcomp" in raw else None,
            xcomp_obj=self.words(raw["xcomp_obj"], line, "xcomp_obj") if "xcomp_obj" in raw else None,
            passive=None if passive is None else self.flag(passive, line, "passive"),
            descriptor=None if descriptor is None else self.flag(descriptor, line, "descriptor"),
            target=target,
            line=line,
            file=self.name,
        )

    def target(self, value: Any, prep: str | None, line: int) -> tuple[str, ...] | None:
        """Target slots in priority order; "pobj" becomes "prep:<the pattern's prep>"."""
        if value is None:
            return None
        slots = [value] if isinstance(value, str) else value
        if not isinstance(slots, list) or not slots or not all(isinstance(s, str) for s in slots):
            raise self.fail("target must be a slot name or a list of them", line, "E114")
        out = []
        for slot in slots:
            if slot not in TARGET_SLOTS and not (slot.startswith("prep:") and len(slot) > 5):
                raise self.fail(
                    f"unknown target slot {slot!r} (allowed: {', '.join(sorted(TARGET_SLOTS))}, prep:WORD)",
                    line,
                    "E114",
                )
            if slot == "pobj":
                if prep is None:
                    raise self.fail("target slot 'pobj' needs the pattern's prep", line, "E114")
                slot = f"prep:{prep}"
            out.append(slot)
        return tuple(out)

    def verb(self, raw: dict[str, Any]) -> VerbEntry:
        line = self.check_keys(raw, self.VERB_KEYS, "a verb entry")
        if "lemmas" not in raw or "code" not in raw:
            raise self.fail("a verb entry needs 'lemmas' and 'code' (code may be null)", line, "E114")
        kind = raw.get("kind", "action")
        if kind not in VERB_KINDS:
            raise self.fail(
                f"kind must be one of {', '.join(sorted(VERB_KINDS))}, got {kind!r}", line, "E114"
            )
        for key in self.NOT_FOR_SPEECH:
            if kind == "speech" and key in raw:
                raise self.fail(f"{key!r} is not read for a speech entry", line, "E111")
        patterns = raw.get("patterns") or []
        if not isinstance(patterns, list) or not all(isinstance(p, dict) for p in patterns):
            raise self.fail("patterns must be a list of mappings", line, "E114")
        source = raw.get("implicit_source")
        if source is not None and (not isinstance(source, str) or not source.isupper()):
            raise self.fail(
                f"implicit_source must be an actor code such as COP, got {source!r}", line, "E114"
            )
        return VerbEntry(
            lemmas=self.words(raw["lemmas"], line, "lemmas"),
            code=self.code(raw["code"], line, optional=True),
            kind=kind,
            patterns=tuple(self.verb_pattern(p) for p in patterns),
            implicit_source=source,
            symmetric=self.flag(raw.get("symmetric", False), line, "symmetric"),
            line=line,
            file=self.name,
        )

    def noun_pattern(self, raw: dict[str, Any]) -> NounPattern:
        line = self.check_keys(raw, self.NOUN_PATTERN_KEYS, "a noun pattern")
        if "code" not in raw:
            raise self.fail("a pattern needs a code", line, "E114")
        if "pobj" in raw and "prep" not in raw:
            raise self.fail("pobj needs prep: it is the object of that preposition", line, "E114")
        return NounPattern(
            code=self.code(raw["code"], line, optional=False) or "",
            modifiers=self.words(raw["modifiers"], line, "modifiers") if "modifiers" in raw else None,
            prep=self.word(raw["prep"], line, "prep") if "prep" in raw else None,
            pobj=self.words(raw["pobj"], line, "pobj") if "pobj" in raw else None,
            line=line,
            file=self.name,
        )

    def noun(self, raw: dict[str, Any]) -> NounEntry:
        line = self.check_keys(raw, self.NOUN_KEYS, "a noun entry")
        if "lemmas" not in raw or "code" not in raw:
            raise self.fail("a noun entry needs 'lemmas' and 'code' (code may be null)", line, "E114")
        patterns = raw.get("patterns") or []
        if not isinstance(patterns, list) or not all(isinstance(p, dict) for p in patterns):
            raise self.fail("patterns must be a list of mappings", line, "E114")
        return NounEntry(
            lemmas=self.words(raw["lemmas"], line, "lemmas"),
            code=self.code(raw["code"], line, optional=True),
            patterns=tuple(self.noun_pattern(p) for p in patterns),
            symmetric=self.flag(raw.get("symmetric", False), line, "symmetric"),
            line=line,
            file=self.name,
        )

    def conflicts(self, entries: Sequence[VerbEntry] | Sequence[NounEntry]) -> None:
        seen: dict[str, tuple[str, int]] = {}
        for entry in entries:
            if entry.code is None:
                continue
            for lemma in entry.lemmas:
                earlier = seen.setdefault(lemma, (entry.code, entry.line))
                if earlier[0] != entry.code:
                    raise self.fail(
                        f"{lemma!r} has default code {entry.code!r} here and {earlier[0]!r} at line {earlier[1]}",
                        entry.line,
                        "E113",
                    )


def _read_synsets(documents: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, frozenset[str]]:
    """Collect synsets from all files (a name defined twice is the union), then expand ``$`` references."""
    raw: dict[str, list[tuple[str, int, Any]]] = {}
    for path, document in documents:
        block = document.get("synsets")
        if block is None:
            continue
        if not isinstance(block, dict):
            raise DictionaryError(
                "'synsets' must be a mapping", path=path, line=document.get(_LINE), code="E114"
            )
        for name, words in block.items():
            if name == _LINE:
                continue
            if not isinstance(words, list):
                raise DictionaryError(
                    f"synset {name!r} must be a list", path=path, line=block.get(_LINE), code="E114"
                )
            raw.setdefault(str(name), []).append((path, block.get(_LINE, 0), words))

    resolved: dict[str, frozenset[str]] = {}

    def resolve(name: str, stack: tuple[str, ...]) -> frozenset[str]:
        if name in resolved:
            return resolved[name]
        words: set[str] = set()
        for path, line, items in raw[name]:
            for item in items:
                text = str(item).strip().lower()
                if text.startswith("$"):
                    ref = str(item).strip()[1:]
                    if ref not in raw or ref in stack:
                        problem = "refers to itself via" if ref in stack else "uses unknown synset"
                        raise DictionaryError(
                            f"synset {name!r} {problem} ${ref}", path=path, line=line, code="E112"
                        )
                    words |= resolve(ref, (*stack, ref))
                elif text:
                    words.add(text)
        resolved[name] = frozenset(words)
        return resolved[name]

    for name in raw:
        resolve(name, (name,))
    return resolved


def parse_event_files(
    files: Sequence[tuple[str, str]], *, ontology: Ontology | None = None
) -> EventDictionary:
    """Build a dictionary from ``(path, yaml_text)`` pairs; earlier files take precedence in lookups."""
    onto = ontology or load_ontology()
    documents = [(path, read_yaml(text, path)) for path, text in files]
    synsets = _read_synsets(documents)
    verbs: list[VerbEntry] = []
    nouns: list[NounEntry] = []
    for path, document in documents:
        reader = _FileReader(path, onto, synsets)
        reader.check_keys(document, _FileReader.TOP_KEYS, "the top level")
        file_verbs = [reader.verb(raw) for raw in reader.entries(document, "verbs")]
        file_nouns = [reader.noun(raw) for raw in reader.entries(document, "nouns")]
        reader.conflicts(file_verbs)
        reader.conflicts(file_nouns)
        verbs.extend(file_verbs)
        nouns.extend(file_nouns)
    return EventDictionary(
        verbs=tuple(verbs),
        nouns=tuple(nouns),
        synsets=MappingProxyType(synsets),
    )


def _bundled_texts() -> list[tuple[str, str]]:
    data = resources.files("eventwire").joinpath("data")
    return [
        (f"data/{name}", data.joinpath(name).read_text(encoding="utf-8"))
        for name in ("verbs.yaml", "nouns.yaml")
    ]


@lru_cache(maxsize=1)
def _bundled() -> EventDictionary:
    return parse_event_files(_bundled_texts())


def load_event_dictionary(extra_files: Sequence[Path] = ()) -> EventDictionary:
    """The bundled verb/noun dictionaries plus user files (which take precedence); validated.

    Without ``extra_files`` the result is cached for the process. Raises ``DictionaryError`` naming
    file and line for any invalid entry.
    """
    if not extra_files:
        return _bundled()
    texts: list[tuple[str, str]] = []
    for path in extra_files:
        try:
            texts.append((str(path), Path(path).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise DictionaryError(f"cannot read: {exc}", path=str(path), code="E114") from None
    return parse_event_files([*texts, *_bundled_texts()])
