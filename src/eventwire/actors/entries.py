"""Typed records of the actor dictionary: entries, roles, and the merged dictionary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..lexicons import lexicon

KINDS = ("country", "agent", "organization", "group", "person")

# Prefixes of codes that are not countries: the first six letters name the actor ("IGOUNO").
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "UIS", "INT", "NGM", "REG"})

# Uncountable role nouns and irregular plurals used by ``plural``.
_UNCOUNTABLE = lexicon("actors", "uncountable_role_nouns")
_IRREGULAR = {"man": "men", "woman": "women", "person": "people", "child": "children", "thief": "thieves",
              "chief": "chiefs", "staff": "staff", "wife": "wives", "police": "police"}


@dataclass(frozen=True, slots=True)
class Role:
    """A code held over a half-open date range ``[start, end)``; open bounds are None."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class NationalOrg:
    """A national institution listed under its country (``orgs:``), e.g. the IRGC -> IRNMIL."""

    code: str
    names: tuple[str, ...]
    origin: str


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One validated dictionary entry. ``origin`` is ``file:line`` of the entry."""

    kind: str
    name: str
    names: tuple[str, ...]
    origin: str
    code: str | None = None
    adjectives: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    #: Territories of a country that qualify its actors but are places, not actors, alone: "Gaza's health
    #: ministry" -> PSE..., "Gaza" alone is a place (countries only).
    territories: tuple[str, ...] = ()
    orgs: tuple[NationalOrg, ...] = ()
    roles: tuple[Role, ...] = ()
    plurals: tuple[str, ...] = ()
    source: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        """Identity used when a user entry replaces a bundled one."""
        return (self.kind, self.name.casefold())

    def agent_forms(self) -> tuple[str, ...]:
        """Names plus listed and generated plurals (agents only)."""
        forms = list(self.names) + list(self.plurals)
        forms += [plural(name) for name in self.names]
        return tuple(dict.fromkeys(f for f in forms if f))


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """All entries after validation and merging (user entries replace bundled ones of the same kind+name)."""

    entries: tuple[ActorEntry, ...]

    @property
    def countries(self) -> dict[str, ActorEntry]:
        return {e.code: e for e in self.entries if e.kind == "country" and e.code}

    def of_kind(self, kind: str) -> tuple[ActorEntry, ...]:
        return tuple(e for e in self.entries if e.kind == kind)

    def split_code(self, code: str) -> tuple[str | None, str | None]:
        """``IRQGOV`` -> (IRQ, GOV); ``IGOUNO`` -> (IGOUNO, None); ``COP`` -> (None, COP)."""
        return split_code(code, frozenset(self.countries))


def split_code(code: str, countries: frozenset[str]) -> tuple[str | None, str | None]:
    if code[:3] in countries:
        return code[:3], (code[3:6] or None)
    if code[:3] in NON_STATE_PREFIXES:
        return code[:6], (code[6:9] or None)
    if len(code) == 3:
        return None, code
    return code[:3], (code[3:6] or None)


def plural(form: str) -> str:
    """Regular English plural of a role noun ("minister" -> "ministers", "chief of staff" -> "chiefs of staff").

    Returns the form unchanged when it is uncountable or already plural.
    """
    words = form.split(" ")
    index = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    word = words[index]
    low = word.lower()
    if form.lower() in _UNCOUNTABLE or low in _UNCOUNTABLE or not word.isalpha() or word.isupper():
        return form
    if low in _IRREGULAR:
        new = _IRREGULAR[low]
    elif low.endswith(("man", "woman")) and not low.endswith(("human", "german", "roman")):
        new = word[:-2] + "en"
    elif low.endswith("s") and not low.endswith("ss"):
        return form
    elif low.endswith(("ss", "x", "z", "ch", "sh")):
        new = word + "es"
    elif low.endswith("y") and low[-2:-1] not in "aeiou":
        new = word[:-1] + "ies"
    else:
        new = word + "s"
    return " ".join([*words[:index], new, *words[index + 1:]])
