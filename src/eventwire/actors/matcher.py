"""Find actor mentions in a parsed spaCy Doc and resolve their CAMEO codes for a date.

Steps per doc (all linear in tokens or in matches):
1. two PhraseMatchers built once: LOWER for ordinary forms, ORTH for acronyms (ALL CAPS, <= 5 letters,
   so the pronoun "us" is not the USA);
2. filters: role nouns must end in a noun; a proper name of one word needs a capital letter (in lower-case
   text the truecaser, ``eventwire.textcase``, restores them first);
3. longest match wins, matches never overlap;
4. surname reuse: after a person's full name, the bare surname (a PROPN) is that person;
5. composition inside a noun phrase: role-noun sequences, country/seat/institution + role noun
   ("Iraqi Prime Minister", "Iran's foreign minister"), role noun + of/in/from + country ("police in
   Kenya"), role noun + of/from + actor ("the spokesman of Pakistan's foreign ministry", "a member of
   Hamas"), and title + person ("Iranian General Qassem Soleimani");
6. coordination: modifiers sharing one role noun each take the role ("Kenyan and Ugandan police" ->
   KENCOP, UGACOP), so do countries sharing an "of" phrase ("the leaders of China and Taiwan") and bare
   role nouns sharing a possessor ("South Sudan's government and opposition");
7. person codes and dated group codes resolved for the date (half-open role ranges).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ..model import ActorRef
from .entries import ActorDictionary, ActorEntry, split_code

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# Priority when one surface form names several things (higher wins).
_PRIORITY = {"person": 7, "group": 6, "organization": 6, "org": 5, "country": 4, "capital": 3, "territory": 3,
             "demonym": 2, "people": 2, "agent": 1}
_COUNTRYISH = frozenset({"country", "demonym", "people", "capital", "org", "territory"})
_ROLE_POS = frozenset({"NOUN", "PROPN"})
_LINK_PREPS = frozenset({"of", "in", "from"})
_GAP_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
_GAP_DEPS = frozenset({"amod", "compound", "nmod", "nummod", "poss", "case", "npadvmod"})
_MAX_GAP = 3
_COORD = frozenset({"and", "or", ",", "&"})
# Head nouns of a role-noun compound that name a rank, not a sector: the modifier gives the sector
# ("rebel commander" -> REB, "opposition leader" -> OPP); other heads win ("opposition journalist" -> MED,
# "military police" -> COP).
_GENERIC_ROLE_CODES = frozenset({"GOV", "MIL", "UAF", "REB", "OPP", "CVL", "ELI"})
# Person nouns that, attached to a country, stand for the country itself (conventions: "Iraqis" -> IRQ):
# "Turkish citizens" -> TUR, "the people of Ukraine" -> UKR, "Greek voters" -> GRC.
_NATIONALS = frozenset({
    "people", "peoples", "citizen", "citizens", "national", "nationals", "voter", "voters", "public",
    "population", "populace", "woman", "women", "man", "men", "hostage", "hostages", "scientist",
    "scientists", "engineer", "engineers", "person", "persons", "individual", "individuals", "christian",
    "christians", "muslim", "muslims", "tourist", "tourists", "worker", "workers", "taxpayers", "consumers",
})
# Role nouns that take "for" as their owner's preposition ("a spokesman for the interior ministry").
_FOR_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen",
                        "spokespeople", "spokespersons", "representative", "representatives"})
# Bare role nouns that never inherit a coordinated possessor's country ("Iraqi troops and gunmen").
_NO_SHARE_CODES = frozenset({"UAF", "REB", "CRM", "CVL", "REF"})


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor mention: token span ``[start, end)``, its head token and the code resolved for the date."""

    start: int
    end: int
    head: int
    code: str
    name: str
    country: str | None
    sector: str | None
    kind: str
    entry: str

    def to_ref(self, doc: Doc) -> ActorRef:
        span = doc[self.start:self.end]
        return ActorRef(code=self.code, name=self.name, country=self.country, sector=self.sector,
                        text=span.text, start=span.start_char, end=span.end_char, entry=self.entry)


@dataclass(frozen=True, slots=True)
class _Target:
    """What a surface form stands for."""

    kind: str            # country | demonym | people | capital | org | agent | organization | group | person
    code: str            # for persons: "" (resolved from roles)
    name: str
    origin: str
    proper: bool         # the form has a capital letter: require a non-lowercase token in the text
    person: ActorEntry | None = None   # persons, and groups/organisations with dated roles


@dataclass(frozen=True, slots=True)
class _Unit:
    start: int
    end: int
    target: _Target
    code: str
    title: str | None = None        # code given by a title before a person
    title_sector: str | None = None
    entry: str = ""
    role: str | None = None          # composite: the role code its role noun gives (for coordination)
    agent: tuple[int, int] | None = None   # composite: token span of its role noun
    owner: tuple[int, int] | None = None   # composite: token span of its country/organisation part
    word: str = ""                   # lower-case last word of the span (the head noun of a role noun)


def is_acronym(form: str) -> bool:
    """ALL CAPS with at most 5 letters ("US", "U.S.", "MI6"): matched with case."""
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters) and " " not in form


class ActorMatcher:
    """Built once per process from a dictionary and the pipeline's vocab; ``match`` is per doc."""

    def __init__(self, dictionary: ActorDictionary, vocab: Vocab) -> None:
        from spacy.lang.en import English
        from spacy.matcher import PhraseMatcher

        self._dictionary = dictionary
        self._strings = vocab.strings
        self._countries = frozenset(dictionary.countries)
        tokenizer = English(vocab=vocab).tokenizer
        self._targets: dict[int, tuple[_Target, ...]] = {}
        grouped: dict[tuple[bool, str], list[_Target]] = {}
        texts: dict[tuple[bool, str], str] = {}
        for form, target in self._forms(dictionary):
            key = (True, form) if is_acronym(form) else (False, form.lower())
            grouped.setdefault(key, []).append(target)
            texts.setdefault(key, form)
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        keys = list(grouped)
        for key, pattern in zip(keys, tokenizer.pipe(texts[k] for k in keys), strict=True):
            label = ("C|" if key[0] else "L|") + key[1]
            (self._exact if key[0] else self._lower).add(label, [pattern])
            targets = tuple(sorted(dict.fromkeys(grouped[key]), key=lambda t: -_PRIORITY[t.kind]))
            self._targets[vocab.strings[label]] = targets

    @staticmethod
    def _forms(dictionary: ActorDictionary):  # type: ignore[no-untyped-def]
        def proper(form: str) -> bool:
            return any(c.isupper() for c in form)

        for entry in dictionary.entries:
            if entry.kind == "country":
                code = entry.code or ""
                for form in entry.names:
                    yield form, _Target("country", code, entry.name, entry.origin, proper(form))
                for form in entry.adjectives:
                    yield form, _Target("demonym", code, entry.name, entry.origin, proper(form))
                for form in entry.people:
                    yield form, _Target("people", code, entry.name, entry.origin, proper(form))
                for form in entry.seats:
                    yield form, _Target("capital", code + "GOV", entry.name, entry.origin, proper(form))
                for form in entry.territories:
                    yield form, _Target("territory", code, entry.name, entry.origin, proper(form))
                for org in entry.orgs:
                    for form in org.names:
                        yield form, _Target("org", org.code, org.names[0], org.origin, proper(form))
            elif entry.kind == "agent":
                for form in entry.agent_forms():
                    yield form, _Target("agent", entry.code or "", entry.name, entry.origin, False)
            elif entry.kind == "person":
                for form in entry.names:
                    yield form, _Target("person", "", entry.name, entry.origin, proper(form), person=entry)
            else:
                dated = entry if any(role.dated for role in entry.roles) else None
                for form in entry.names:
                    yield form, _Target(entry.kind, entry.code or "", entry.name, entry.origin, proper(form),
                                        person=dated)
                for form in entry.seats:  # "Brussels" acting for the EU: a seat, so "in Brussels" is a place
                    yield form, _Target("capital", entry.code or "", entry.name, entry.origin, proper(form),
                                        person=dated)

    def name_forms(self) -> list[tuple[str, str]]:
        """(surface form, kind) of every name in the dictionary (forms with a capital letter), for the
        truecaser; kinds as in matches (country, demonym, people, capital, org, organization, group, person)."""
        return [(form, target.kind) for form, target in self._forms(self._dictionary)
                if target.kind != "agent" and any(c.isupper() for c in form)]

    def role_forms(self) -> list[str]:
        """Every role-noun form ("police", "security forces", "prime minister")."""
        return [form for form, target in self._forms(self._dictionary) if target.kind == "agent"]

    # --- per document ----------------------------------------------------------------------------------

    def match(self, doc: Doc, *, date: date | None = None) -> list[ActorMatch]:
        units = self._select(doc)
        units = self._split_shared_names(doc, units)
        units = self._reuse_surnames(doc, units)
        units = self._compose(doc, units)
        # A territory qualifies a role noun ("Gaza's health ministry", "police in the West Bank"); alone it
        # is a place, not an actor.
        return [self._finish(doc, unit, date) for unit in units if unit.target.kind != "territory"]

    def _select(self, doc: Doc) -> list[_Unit]:
        candidates: list[_Unit] = []
        for match_id, start, end in [*self._lower(doc), *self._exact(doc)]:
            target = self._pick(doc, self._targets[match_id], start, end)
            if target is not None:
                candidates.append(_Unit(start, end, target, target.code, entry=target.origin,
                                        word=doc[end - 1].lower_))
        candidates.sort(key=lambda u: (u.start - u.end, -_PRIORITY[u.target.kind], u.start))
        taken = bytearray(len(doc))
        chosen = []
        for unit in candidates:
            if not any(taken[unit.start:unit.end]):
                taken[unit.start:unit.end] = b"\x01" * (unit.end - unit.start)
                chosen.append(unit)
        chosen.sort(key=lambda u: u.start)
        return chosen

    def _split_shared_names(self, doc: Doc, units: list[_Unit]) -> list[_Unit]:
        """"North and South Korea": the word before "and" completes the second name ("North Korea"),
        so it is a match of its own."""
        extra = []
        for unit in units:
            if unit.end - unit.start < 2 or unit.start < 2 or doc[unit.start - 1].lower_ not in ("and", "or"):
                continue
            word = doc[unit.start - 2]
            if not word.is_alpha or word.is_lower:
                continue
            label = "L|" + " ".join([word.lower_, *(t.lower_ for t in doc[unit.start + 1:unit.end])])
            if label not in self._strings:
                continue
            targets = self._targets.get(self._strings[label], ())
            target = next((t for t in targets if t.kind == unit.target.kind), None)
            if target is not None and not any(u.start <= word.i < u.end for u in units):
                extra.append(_Unit(word.i, word.i + 1, target, target.code, entry=target.origin))
        return sorted(units + extra, key=lambda u: u.start) if extra else units

    @staticmethod
    def _pick(doc: Doc, targets: tuple[_Target, ...], start: int, end: int) -> _Target | None:
        # A name written in lower case matches only when it has two words or more ("qassem soleimani",
        # "islamic state"): one word alone may be an ordinary word ("turkey", "china", "chad").
        lowercase = end - start < 2 and not any(c.isupper() for c in doc[start:end].text)
        for target in targets:
            if target.kind == "agent":
                if doc[end - 1].pos_ not in _ROLE_POS:
                    continue
            elif target.proper and lowercase:
                continue
            return target
        return None

    @staticmethod
    def _reuse_surnames(doc: Doc, units: list[_Unit]) -> list[_Unit]:
        first_seen: dict[str, tuple[int, _Unit, frozenset[str]]] = {}
        for unit in units:
            if unit.target.kind == "person" and unit.end - unit.start > 1:
                surname = doc[unit.end - 1].text
                if surname not in first_seen:
                    parts = frozenset(t.text for t in doc[unit.start:unit.end - 1])
                    first_seen[surname] = (unit.end, unit, parts)
        if not first_seen:
            return units
        taken = bytearray(len(doc))
        for unit in units:
            taken[unit.start:unit.end] = b"\x01" * (unit.end - unit.start)
        extra = []
        for token in doc:
            found = first_seen.get(token.text)
            if found is None or taken[token.i] or token.i < found[0] or token.pos_ != "PROPN":
                continue
            start = token.i
            while start > 0 and not taken[start - 1] and doc[start - 1].text in found[2]:
                start -= 1
            extra.append(replace(found[1], start=start, end=token.i + 1))
            taken[start:token.i + 1] = b"\x01" * (token.i + 1 - start)
        return sorted(units + extra, key=lambda u: u.start)

    def _compose(self, doc: Doc, units: list[_Unit]) -> list[_Unit]:
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
        out: list[_Unit] = []
        for unit in units:
            if out and condition(out[-1], unit):
                merged = merge(out[-1], unit)
                if merged is not None:
                    out[-1] = merged
                    continue
            out.append(unit)
        return out

    def _join_agents(self, a: _Unit, b: _Unit) -> _Unit:
        """Two role nouns in a row: the head (``b``) gives the sector unless it only names a rank."""
        code = a.code if b.code in _GENERIC_ROLE_CODES and a.code not in ("GOV", "CVL") else b.code
        target = a.target if code == a.code else b.target
        return _Unit(a.start, b.end, target, code, entry=f"{a.entry} + {b.entry}", word=b.word)

    def _prefix(self, owner: _Unit, agent: _Unit) -> _Unit:
        kind = owner.target.kind
        if kind in ("organization", "group"):
            code = owner.code
        else:
            country, sector = self._dictionary_split(owner.code)
            if agent.code == "CVL" and not sector and _nationals(agent):
                code = country or owner.code[:3]
            else:
                code = (country or owner.code[:3]) + (_specific(sector, agent.code) if sector else agent.code)
        composite = _Target("composite", code, owner.target.name, owner.target.origin, False,
                            person=owner.target.person if kind in ("organization", "group") else None)
        return _Unit(owner.start, agent.end, composite, code, entry=f"{owner.entry} + {agent.entry}",
                     word=agent.word, role=agent.code, agent=(agent.start, agent.end), owner=(owner.start, owner.end))

    def _postfix(self, agent: _Unit, owner: _Unit) -> _Unit | None:
        """Role noun + of/in/from + owner: "the president of Iran", "police in Kenya", "a member of Hamas",
        "the spokesman of Pakistan's foreign ministry", "the leader of the opposition"."""
        if owner.target.kind == "agent":
            if agent.code != "GOV" or owner.code == "GOV":
                return None
            joined = self._join_agents(agent, owner)
            return replace(joined, code=owner.code, target=owner.target)
        merged = self._prefix(owner, agent)
        return replace(merged, start=agent.start, end=owner.end, entry=f"{agent.entry} + {owner.entry}")

    def _share_roles(self, doc: Doc, units: list[_Unit]) -> list[_Unit]:
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

    def _share_left(self, doc: Doc, units: list[_Unit], index: int) -> None:
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

    def _share_right(self, doc: Doc, units: list[_Unit], index: int) -> None:
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

    def _with_role(self, unit: _Unit, composite: _Unit) -> _Unit:
        assert composite.role is not None and composite.agent is not None
        role = _Unit(composite.agent[0], composite.agent[1], composite.target, composite.role,
                     word=composite.word)
        merged = self._prefix(unit, role)
        return replace(merged, start=unit.start, end=unit.end, entry=f"{unit.entry} + {composite.entry}",
                       role=None, agent=None, owner=None)

    def _shared_possessor(self, doc: Doc, units: list[_Unit], unit: _Unit) -> _Unit | None:
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
        composite = _Target("composite", code, owner.target.name, owner.target.origin, False)
        return replace(unit, target=composite, code=code, entry=f"{owner.entry} + {unit.entry}")

    def _titled(self, title: _Unit, person: _Unit) -> _Unit:
        if title.target.kind == "agent":
            return replace(person, start=title.start, title=None, title_sector=title.code,
                           entry=f"{title.entry} + {person.entry}")
        return replace(person, start=title.start, title=title.code, entry=f"{title.entry} + {person.entry}")

    def _dictionary_split(self, code: str) -> tuple[str | None, str | None]:
        return split_code(code, self._countries)

    def _finish(self, doc: Doc, unit: _Unit, day: date | None) -> ActorMatch:
        target = unit.target
        if target.kind == "person":
            code = self._person_code(unit, day)
        elif target.person is not None:
            code = _dated_code(target.person, unit.code, day)
        else:
            code = unit.code
        kind = {"people": "country", "org": "organization"}.get(target.kind, target.kind)
        country, sector = self._dictionary_split(code)
        return ActorMatch(start=unit.start, end=unit.end, head=doc[unit.start:unit.end].root.i, code=code,
                          name=target.name, country=country, sector=sector, kind=kind, entry=unit.entry)

    def _person_code(self, unit: _Unit, day: date | None) -> str:
        person = unit.target.person
        assert person is not None
        if day is not None:
            current = [r for r in person.roles if r.dated and r.covers(day)]
            if current:
                return max(current, key=lambda r: r.start or date.min).code
        if unit.title:
            return unit.title
        undated = [r for r in person.roles if not r.dated]
        last = max(person.roles, key=lambda r: (r.start or date.min, r.end or date.max))
        country, _ = self._dictionary_split(last.code)
        if unit.title_sector and country and len(country) == 3:
            # "Former President X": an elite title out of office leaves the country
            return country if unit.title_sector == "ELI" else country + unit.title_sector
        if undated:
            return undated[0].code
        return country or last.code


def _dated_code(entry: ActorEntry, code: str, day: date | None) -> str:
    """A group's code on ``day``: a dated role that covers it replaces the entry's own code, also inside
    a composite ("a Taliban spokesman" after 2021-08-15 -> AFGGOV)."""
    if day is None or entry.code is None:
        return code
    current = [r for r in entry.roles if r.dated and r.covers(day)]
    if not current:
        return code
    new = max(current, key=lambda r: r.start or date.min).code
    return new + code[len(entry.code):] if code.startswith(entry.code) else new


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


def _linked(doc: Doc, agent: _Unit, owner: _Unit) -> bool:
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


def _nationals(agent: _Unit) -> bool:
    """A role noun for plain members of a nation ("citizens", "voters", "women")."""
    return agent.word in _NATIONALS
