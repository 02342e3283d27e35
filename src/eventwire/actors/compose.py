"""Composition of actor matches inside a noun phrase, and coordination (steps 5 and 6 of the matcher).

- role-noun sequences ("rebel commander": the head gives the sector unless it only names a rank);
- country/seat/institution + role noun ("Iraqi Prime Minister", "Iran's foreign minister");
- role noun + of/in/from + country or actor ("police in Kenya", "a member of Hamas");
- coordination: modifiers sharing one role noun ("Kenyan and Ugandan police"), countries sharing an "of"
  phrase ("the leaders of China and Taiwan"), bare role nouns sharing a possessor ("South Sudan's
  government and opposition");
- title + person ("Iranian General Qassem Soleimani").

The units (``Unit``) are the matcher's candidate spans over a spaCy Doc; ``Composer`` is built once per
matcher from the dictionary's country codes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..lexicons import lexicon
from .entries import ActorEntry, split_code

if TYPE_CHECKING:
    from spacy.tokens import Doc

_COUNTRYISH = frozenset({"country", "demonym", "people", "capital", "org", "territory"})
_LINK_PREPS = lexicon("actors", "owner_preps")
_GAP_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
_GAP_DEPS = frozenset({"amod", "compound", "nmod", "nummod", "poss", "case", "npadvmod"})
_MAX_GAP = 3
_COORD = lexicon("actors", "coordinators")
# Head nouns of a role-noun compound that name a rank, not a sector: the modifier gives the sector
# ("rebel commander" -> REB, "opposition leader" -> OPP); other heads win ("opposition journalist" -> MED,
# "military police" -> COP).
_GENERIC_ROLE_CODES = frozenset({"GOV", "MIL", "UAF", "REB", "OPP", "CVL", "ELI"})
# Person nouns that, attached to a country, stand for the country itself (conventions: "Iraqis" -> IRQ):
# "Turkish citizens" -> TUR, "the people of Ukraine" -> UKR, "Greek voters" -> GRC.
_NATIONALS = lexicon("actors", "nationals")
# Role nouns that take "for" as their owner's preposition ("a spokesman for the interior ministry").
_FOR_NOUNS = lexicon("actors", "spokesman_nouns")
# Bare role nouns that never inherit a coordinated possessor's country ("Iraqi troops and gunmen").
_NO_SHARE_CODES = frozenset({"UAF", "REB", "CRM", "CVL", "REF"})


@dataclass(frozen=True, slots=True)
class Target:
    """What a surface form stands for."""

    kind: str            # country | demonym | people | capital | org | agent | organization | group | person
    code: str            # for persons: "" (resolved from roles)
    name: str
    origin: str
    proper: bool         # the form has a capital letter: require a non-lowercase token in the text
    person: ActorEntry | None = None   # persons, and groups/organisations with dated roles


@dataclass(frozen=True, slots=True)
class Unit:
    start: int
    end: int
    target: Target
    code: str
    title: str | None = None        # code given by a title before a person
    title_sector: str | None = None
    entry: str = ""
    role: str | None = None          # composite: the role code its role noun gives (for coordination)
    agent: tuple[int, int] | None = None   # composite: token span of its role noun
    owner: tuple[int, int] | None = None   # composite: token span of its country/organisation part
    word: str = ""                   # lower-case last word of the span (the head noun of a role noun)


class Composer:
    """Merges and relabels the matcher's units inside noun phrases; stateless apart from the country codes."""

    def __init__(self, countries: frozenset[str]) -> None:
        self._countries = countries

    def compose(self, doc: Doc, units: list[Unit]) -> list[Unit]:
        units = self._merge_pairs(units, lambda a, b: a.target.kind == "agent" and b.target.kind == "agent"
                                  and _np_gap(doc, a.end, b.start), self._join_agents)
        units = self._merge_pairs(units, lambda a, b: b.target.kind == "agent"
                                  and a.target.kind in (_COUNTRYISH | {"organization", "group"})
                                  and _np_gap(doc, a.end, b.start), self._prefix)
        units = self._merge_pairs(units, lambda a, b: a.target.kind == "agent" and _linked(doc, a, b),
                                  self._postfix)
        units = self._share_roles(doc, units)
        return self._merge_pairs(units, lambda a, b: b.target.kind == "person" and b.title is None
                                 and a.target.kind in (_COUNTRYISH | {"agent", "composite"})
                                 and _np_gap(doc, a.end, b.start), self._titled)

    @staticmethod
    def _merge_pairs(units, condition, merge):  # type: ignore[no-untyped-def]
        out: list[Unit] = []
        for unit in units:
            if out and condition(out[-1], unit):
                merged = merge(out[-1], unit)
                if merged is not None:
                    out[-1] = merged
                    continue
            out.append(unit)
        return out

    def _join_agents(self, a: Unit, b: Unit) -> Unit:
        """Two role nouns in a row: the head (``b``) gives the sector unless it only names a rank."""
        code = a.code if b.code in _GENERIC_ROLE_CODES and a.code not in ("GOV", "CVL") else b.code
        target = a.target if code == a.code else b.target
        return Unit(a.start, b.end, target, code, entry=f"{a.entry} + {b.entry}", word=b.word)

    def _prefix(self, owner: Unit, agent: Unit) -> Unit:
        kind = owner.target.kind
        if kind in ("organization", "group"):
            code = owner.code
        else:
            country, sector = self._dictionary_split(owner.code)
            if agent.code == "CVL" and not sector and _nationals(agent):
                code = country or owner.code[:3]
            else:
                code = (country or owner.code[:3]) + (_specific(sector, agent.code) if sector else agent.code)
        composite = Target("composite", code, owner.target.name, owner.target.origin, False,
                            person=owner.target.person if kind in ("organization", "group") else None)
        return Unit(owner.start, agent.end, composite, code, entry=f"{owner.entry} + {agent.entry}",
                     word=agent.word, role=agent.code, agent=(agent.start, agent.end), owner=(owner.start, owner.end))

    def _postfix(self, agent: Unit, owner: Unit) -> Unit | None:
        """Role noun + of/in/from + owner: "the president of Iran", "police in Kenya", "a member of Hamas",
        "the spokesman of Pakistan's foreign ministry", "the leader of the opposition"."""
        if owner.target.kind == "agent":
            if agent.code != "GOV" or owner.code == "GOV":
                return None
            joined = self._join_agents(agent, owner)
            return replace(joined, code=owner.code, target=owner.target)
        merged = self._prefix(owner, agent)
        return replace(merged, start=agent.start, end=owner.end, entry=f"{agent.entry} + {owner.entry}")

    def _share_roles(self, doc: Doc, units: list[Unit]) -> list[Unit]:
        """Coordination: each conjunct takes the role of the composite it is coordinated with."""
        out = list(units)
        for index, unit in enumerate(units):
            if unit.role is None or unit.agent is None or unit.owner is None:
                continue
            if unit.agent[0] >= unit.owner[1]:       # "Kenyan and Ugandan police": modifiers to the left
                self._share_left(doc, out, index)
            else:                                     # "the leaders of China and Taiwan": owners to the right
                self._share_right(doc, out, index)
        for index, unit in enumerate(out):            # "South Sudan's government and opposition"
            if unit.target.kind == "agent" and unit.code not in _NO_SHARE_CODES:
                shared = self._shared_possessor(doc, out, unit)
                if shared is not None:
                    out[index] = shared
        return out

    def _share_left(self, doc: Doc, units: list[Unit], index: int) -> None:
        composite = units[index]
        assert composite.agent is not None and composite.owner is not None and composite.role is not None
        agent_span = range(*composite.agent)
        linked = range(*composite.owner)
        i = index - 1
        while i >= 0:
            cand = units[i]
            between = doc[cand.end:linked.start]
            if cand.target.kind not in ("country", "demonym") or not 0 < len(between) <= 2 \
                    or any(t.lower_ not in _COORD for t in between):
                break
            if not _coordinated(doc, range(cand.start, cand.end), linked, agent_span) \
                    and not (cand.target.kind == "demonym" and _coordinated(doc, agent_span, range(cand.start,
                                                                                                   cand.end), None)):
                break  # a demonym is never a noun phrase of its own: "Kyrgyz and Tajik border guards"
            units[i] = self._with_role(cand, composite)
            linked = range(cand.start, cand.end)
            i -= 1

    def _share_right(self, doc: Doc, units: list[Unit], index: int) -> None:
        composite = units[index]
        assert composite.owner is not None and composite.role is not None
        if composite.owner[1] != composite.end:
            return
        linked = range(*composite.owner)
        i = index + 1
        while i < len(units):
            cand = units[i]
            between = doc[linked.stop:cand.start]
            if cand.target.kind != "country" or not 0 < len(between) <= 2 \
                    or any(t.lower_ not in _COORD for t in between):
                break
            if not _coordinated(doc, linked, range(cand.start, cand.end), None):
                break
            units[i] = self._with_role(cand, composite)
            linked = range(cand.start, cand.end)
            i += 1

    def _with_role(self, unit: Unit, composite: Unit) -> Unit:
        assert composite.role is not None and composite.agent is not None
        role = Unit(composite.agent[0], composite.agent[1], composite.target, composite.role,
                     word=composite.word)
        merged = self._prefix(unit, role)
        return replace(merged, start=unit.start, end=unit.end, entry=f"{unit.entry} + {composite.entry}",
                       role=None, agent=None, owner=None)

    def _shared_possessor(self, doc: Doc, units: list[Unit], unit: Unit) -> Unit | None:
        root = doc[unit.start:unit.end].root
        if root.dep_ != "conj" or any(c.i < root.i for c in root.children if c.dep_ != "cc"):
            return None
        head = root.head.i
        owner = next((u for u in units if u.start <= head < u.end), None)
        if owner is None or owner.owner is None or owner.agent is None or owner.agent[0] < owner.owner[1]:
            return None
        if owner.target.kind != "composite" or not _np_gap(doc, owner.owner[1], owner.agent[0]):
            return None
        country, _ = self._dictionary_split(owner.code)
        if country is None or len(country) != 3 or country in ("IGO", "NGO"):
            return None
        code = country + unit.code
        composite = Target("composite", code, owner.target.name, owner.target.origin, False)
        return replace(unit, target=composite, code=code, entry=f"{owner.entry} + {unit.entry}")

    def _titled(self, title: Unit, person: Unit) -> Unit:
        if title.target.kind == "agent":
            return replace(person, start=title.start, title=None, title_sector=title.code,
                           entry=f"{title.entry} + {person.entry}")
        return replace(person, start=title.start, title=title.code, entry=f"{title.entry} + {person.entry}")

    def _dictionary_split(self, code: str) -> tuple[str | None, str | None]:
        return split_code(code, self._countries)


def _specific(first: str, second: str) -> str:
    """Most specific of two role codes: the first that is not GOV, else GOV."""
    return first if first != "GOV" else second


def _np_gap(doc: Doc, end: int, start: int) -> bool:
    """True when tokens ``[end, start)`` may sit between a modifier and its noun in one noun phrase:
    nothing, a possessive "'s", or up to three adjectives/nouns that modify something to their right."""
    if start == end:
        return True
    if start - end > _MAX_GAP:
        return False
    for token in doc[end:start]:
        if token.tag_ == "POS" or token.text in ("'s", "'", "-"):
            continue
        if token.lower_ == "led" and token.i > end and doc[token.i - 1].text == "-":
            continue  # "US-led coalition aircraft": the leader's forces
        if token.pos_ not in _GAP_POS or token.dep_ not in _GAP_DEPS or token.head.i <= token.i:
            return False
    return True


def _linked(doc: Doc, agent: Unit, owner: Unit) -> bool:
    """``agent`` + of/in/from (+ the) + ``owner``, with the preposition attached to the agent noun
    ("the president of Iran", "police in Kenya"); "of" may also just be adjacent. Organisations, groups,
    composites and role nouns only follow of/from ("a member of Hamas", "officials from Iran's foreign
    ministry", "the leader of the opposition"), or "for" after a spokesman."""
    prep_i = agent.end
    if prep_i >= len(doc):
        return False
    prep = doc[prep_i]
    kind = owner.target.kind
    if kind in ("country", "people", "org", "territory"):
        allowed = _LINK_PREPS
    elif kind in ("organization", "group", "composite", "agent"):
        allowed = frozenset({"of", "from"})
    else:
        return False
    if prep.lower_ == "for" and doc[agent.end - 1].lower_ in _FOR_NOUNS and kind != "agent":
        allowed = allowed | {"for"}
    if prep.lower_ not in allowed:
        return False
    after = prep_i + 1
    if after < len(doc) and doc[after].lower_ == "the":
        after += 1
    if after != owner.start:
        return False
    return prep.head.i in range(agent.start, agent.end) or prep.lower_ == "of"


def _coordinated(doc: Doc, left: range, right: range, shared_head: range | None) -> bool:
    """Two spans joined by and/or/commas in one coordination: a conj arc between them, one modifying the
    other ("North and South Korea"), or both modifying the same role noun ("British, French and German
    troops")."""
    for tok in doc[left.start:left.stop]:
        if tok.dep_ == "conj" and tok.head.i in right:
            return True
        if tok.head.i in right and tok.dep_ in ("nmod", "compound", "amod"):
            return True
        if shared_head is not None and tok.head.i in shared_head and tok.dep_ in ("amod", "compound", "nmod"):
            return True
    return any(tok.dep_ == "conj" and tok.head.i in left for tok in doc[right.start:right.stop])


def _nationals(agent: Unit) -> bool:
    """A role noun for plain members of a nation ("citizens", "voters", "women")."""
    return agent.word in _NATIONALS
