"""Looking things up by name: CAMEO codes, actor dictionary entries, and actor names typed in filters.

::

    find_cameo("0874")                      # the code and the codes below it
    find_cameo("retreat")                   # codes whose name has the words, or whose PLOVER type is RETREAT
    find_actors("Congo", date=date(2024, 1, 1))   # every dictionary entry that names it, with its code then
    ActorResolver(known_codes={"IRN", "USAMIL"}).resolve("the United States")   # ("USA",)

``ActorResolver`` is what lets every filter (CLI, Python, HTTP, dashboard) take names as well as codes:
``"Iran"``, ``"United States"``, ``"the UN"``, ``"Iranian"``, ``"IRGC"``. A value is read as an actor code
pattern when it has a ``*``/``?`` or is a code (or 3-letter-step prefix of a code) that the store or the
dictionary knows; otherwise as a name of a country, organisation, armed group, national institution or
person in the actor dictionary (case-insensitive, a leading "the" and dots ignored). A person's name
stands for every code they held (their roles are date-bounded). Anything else is an error (``UsageError``
E480) that names the closest names and codes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .actors.entries import NON_STATE_PREFIXES, ActorDictionary, ActorEntry, Role
from .errors import UsageError
from .export.gdelt_actors import ACTOR_TYPES
from .ontology import CameoCode, load_ontology

if TYPE_CHECKING:
    from .store.filters import EventFilter

__all__ = ["ActorHit", "ActorResolver", "find_actors", "find_cameo", "name_key", "store_actor_codes"]

_CODE = re.compile(r"^[A-Za-z0-9]{2,}$")
_PATTERN = re.compile(r"^[A-Za-z0-9*?]+$")
_RESOLVED_KINDS = ("country", "organization", "group", "person")


def name_key(text: str) -> str:
    """A name as compared: case-folded, dots dropped, a leading "the" dropped, spaces collapsed."""
    words = text.casefold().replace(".", "").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", text.casefold()) if w]


# ------------------------------------------------------------------------------------------ CAMEO
def find_cameo(query: str, *, codes: Iterable[CameoCode] | None = None) -> list[CameoCode]:
    """CAMEO codes for ``query``: digits give that code and the codes below it ("08" is the whole root);
    words give the codes whose name contains every word (as a word start: "retreat" finds "Retreat or
    surrender militarily") or whose PLOVER type is the query ("RETREAT")."""
    table = list(codes if codes is not None else load_ontology().codes())
    text = query.strip()
    if not text:
        raise UsageError("give a CAMEO code (0874) or words of its name (retreat)", code="E481")
    if text.isdigit():
        return [c for c in table if c.code.startswith(text)]
    words = _words(text)
    hits = [c for c in table if all(any(n.startswith(w) for n in _words(c.name)) for w in words)]
    plover = text.upper()
    hits += [c for c in table if c not in hits and (c.plover_type == plover or c.plover_mode == text.lower())]
    return hits


# ------------------------------------------------------------------------------------------ actors
@dataclass(frozen=True, slots=True)
class ActorHit:
    """One dictionary entry that matches a lookup.

    ``code``: the code in force on the lookup date (None when the entry has no code then, e.g. a person out
    of office); ``roles``: every dated code of the entry (people); ``origin``: ``file:line`` of the entry;
    ``source``: the entry's stated source, when it gives one.
    """

    code: str | None
    name: str
    kind: str
    names: tuple[str, ...]
    roles: tuple[Role, ...]
    origin: str
    source: str | None


def find_actors(query: str, dictionary: ActorDictionary, *, date: date | None = None) -> list[ActorHit]:
    """Every dictionary entry one of whose names (or adjectives, or institutions) contains all the words
    of ``query`` (whole words, case-insensitive), exact names first."""
    words = _words(query)
    if not words:
        raise UsageError("give a name or code to look up, e.g. Congo or IRQGOV", code="E482")
    key = name_key(query)
    exact: list[ActorHit] = []
    other: list[ActorHit] = []
    for entry in dictionary.entries:
        for hit, forms in _entry_hits(entry, date):
            if any(name_key(f) == key for f in forms) or (hit.code or "").casefold() == key:
                exact.append(hit)
            elif any(_contains(f, words) for f in forms):
                other.append(hit)
    return exact + other


def _contains(form: str, words: list[str]) -> bool:
    have = _words(form)
    return all(w in have for w in words)


def _entry_hits(entry: ActorEntry, day: date | None) -> Iterable[tuple[ActorHit, tuple[str, ...]]]:
    code = _code_on(entry, day)
    forms = (*entry.names, *entry.adjectives, *entry.people)
    yield ActorHit(code, entry.name, entry.kind, entry.names, entry.roles, entry.origin, entry.source), forms
    for org in entry.orgs:  # a country's national institutions (the IRGC -> IRNMIL)
        yield ActorHit(org.code, org.names[0], "organization", org.names, (), org.origin, entry.source), org.names


def _code_on(entry: ActorEntry, day: date | None) -> str | None:
    if not entry.roles:
        return entry.code
    if day is None:
        current = [r for r in entry.roles if r.end is None]
        return (current or list(entry.roles))[-1].code
    covering = [r for r in entry.roles if r.covers(day)]
    return covering[-1].code if covering else None


# ------------------------------------------------------------------------------------------ resolver
class ActorResolver:
    """Turns an actor value typed by a user (code, pattern or name) into code patterns (see module doc).

    ``known_codes``: the actor codes of the store; ``dictionary``: the actor dictionary, or a function that
    loads it (called only when a value is not a code the store knows, so that codes cost nothing).
    """

    def __init__(
        self,
        *,
        known_codes: Iterable[str] = (),
        dictionary: ActorDictionary | Callable[[], ActorDictionary] | None = None,
    ) -> None:
        self._known = frozenset(known_codes)
        self._dictionary = dictionary
        self._index: tuple[dict[str, list[tuple[str, str]]], frozenset[str], frozenset[str]] | None = None

    def resolve(self, text: str) -> tuple[str, ...]:
        """Code patterns for ``text``; raises UsageError E480 (with suggestions) when it is none."""
        value = text.strip()
        if not value:
            raise UsageError("an actor must not be empty", code="E480")
        if ("*" in value or "?" in value) and _PATTERN.match(value):
            return (value.upper(),)
        code = value.upper()
        if _CODE.match(value) and self._store_knows(code):
            return (code,)
        names, codes, countries = self._lookup_index()
        hits = names.get(name_key(value))
        if hits:
            return tuple(dict.fromkeys(c for c, _ in hits))
        if _CODE.match(value) and self._dictionary_knows(code, codes, countries):
            return (code,)
        raise UsageError(self._unknown(value), code="E480")

    def resolve_all(self, values: str | Iterable[str] | None) -> tuple[str, ...] | None:
        """``resolve`` for one value or several (their patterns together); None stays None."""
        if values is None:
            return None
        items = [values] if isinstance(values, str) else list(values)
        return tuple(dict.fromkeys(p for v in items for p in self.resolve(v)))

    def filter(self, f: EventFilter) -> EventFilter:
        """An ``EventFilter`` with every actor value resolved."""
        dyad = None if f.dyad is None else (self.resolve_all(f.dyad[0]), self.resolve_all(f.dyad[1]))
        return f.replace(
            actor=self.resolve_all(f.actor), source=self.resolve_all(f.source), target=self.resolve_all(f.target),
            dyad=dyad,
        )  # fmt: skip

    # -- internals -----------------------------------------------------------------------------------
    def _store_knows(self, code: str) -> bool:
        if code in self._known:
            return True
        return len(code) % 3 == 0 and any(k.startswith(code) for k in self._known)

    @staticmethod
    def _dictionary_knows(code: str, codes: frozenset[str], countries: frozenset[str]) -> bool:
        if code in codes or any(c.startswith(code) for c in codes if len(code) % 3 == 0):
            return True
        units = [code[i : i + 3] for i in range(0, len(code), 3)]
        if len(code) % 3 or not units:
            return False
        head = 2 if units[0] in NON_STATE_PREFIXES else 1
        return "".join(units[:head]) in countries | codes and all(u in ACTOR_TYPES for u in units[head:])

    def _load(self) -> ActorDictionary:
        if self._dictionary is None:
            from .actors.loader import load_actor_dictionary

            self._dictionary = load_actor_dictionary()
        elif callable(self._dictionary):
            self._dictionary = self._dictionary()
        return self._dictionary

    def _lookup_index(self) -> tuple[dict[str, list[tuple[str, str]]], frozenset[str], frozenset[str]]:
        if self._index is None:
            dictionary = self._load()
            names: dict[str, list[tuple[str, str]]] = {}
            codes: set[str] = set()
            for entry in dictionary.entries:
                entry_codes = [r.code for r in entry.roles] or ([entry.code] if entry.code else [])
                codes.update(entry_codes)
                for org in entry.orgs:
                    codes.add(org.code)
                    for form in org.names:
                        names.setdefault(name_key(form), []).append((org.code, org.names[0]))
                if entry.kind not in _RESOLVED_KINDS:
                    continue
                forms = (*entry.names, *entry.adjectives) if entry.kind == "country" else entry.names
                for form in forms:
                    for code in entry_codes:
                        names.setdefault(name_key(form), []).append((code, entry.name))
            self._index = (names, frozenset(codes), frozenset(dictionary.countries))
        return self._index

    def _unknown(self, value: str) -> str:
        names, codes, _ = self._lookup_index()
        key = name_key(value)
        close = difflib.get_close_matches(key, list(names), n=4, cutoff=0.75)
        suggestions = [f"{names[k][0][0]} ({names[k][0][1]})" for k in close]
        for code in difflib.get_close_matches(value.upper(), sorted(codes | self._known), n=3, cutoff=0.6):
            if not any(s.startswith(code + " ") for s in suggestions):
                suggestions.append(code)
        hint = f"; did you mean {', '.join(dict.fromkeys(suggestions))}?" if suggestions else ""
        return (
            f"unknown actor {value!r}: not an actor code in the store or the dictionary, nor a name in the "
            f"actor dictionary{hint} (`eventwire actor NAME` looks names up)"
        )


def store_actor_codes(con: Any) -> set[str]:
    """Every actor code of a store's events and mentions (a DuckDB connection or cursor)."""
    rows = con.execute(
        "SELECT DISTINCT code FROM (SELECT source_code AS code FROM events UNION ALL SELECT target_code FROM events"
        " UNION ALL SELECT source_code FROM mentions UNION ALL SELECT target_code FROM mentions) WHERE code IS NOT NULL"
    ).fetchall()
    return {row[0] for row in rows}
