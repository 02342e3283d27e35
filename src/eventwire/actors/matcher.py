"""Find actor mentions in a parsed spaCy Doc and resolve their CAMEO codes for a date.

Steps per doc (all linear in tokens or in matches):
1. two PhraseMatchers built once: LOWER for ordinary forms, ORTH for acronyms (ALL CAPS, <= 5 letters,
   so the pronoun "us" is not the USA);
2. filters: role nouns must end in a noun; a proper name of one word needs a capital letter (in lower-case
   text the truecaser, ``eventwire.textcase``, restores them first);
3. longest match wins, matches never overlap;
4. surname reuse: after a person's full name, the bare surname (a PROPN) is that person;
5. composition inside a noun phrase (``compose.py``): role-noun sequences, country/seat/institution + role noun
   ("Iraqi Prime Minister", "Iran's foreign minister"), role noun + of/in/from + country ("police in
   Kenya"), role noun + of/from + actor ("the spokesman of Pakistan's foreign ministry", "a member of
   Hamas"), and title + person ("Iranian General Qassem Soleimani");
6. coordination: modifiers sharing one role noun each take the role ("Kenyan and Ugandan police" ->
   KENCOP, UGACOP), so do countries sharing an "of" phrase ("the leaders of China and Taiwan") and bare
   role nouns sharing a possessor ("South Sudan's government and opposition");
7. names no dictionary lists (``generic.py``): a role noun takes an unlisted name that follows it
   ("lawmaker Juan Perez");
8. person codes and dated group codes resolved for the date (half-open role ranges).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ..model import ActorRef
from .compose import Composer, Target, Unit
from .entries import ActorDictionary, ActorEntry, split_code
from .generic import named_roles, reuse_role_names

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# Priority when one surface form names several things (higher wins).
_PRIORITY = {"person": 7, "group": 6, "organization": 6, "org": 5, "country": 4, "capital": 3, "territory": 3,
             "demonym": 2, "people": 2, "agent": 1}
_ROLE_POS = frozenset({"NOUN", "PROPN"})


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
        self._composer = Composer(self._countries)
        tokenizer = English(vocab=vocab).tokenizer
        self._targets: dict[int, tuple[Target, ...]] = {}
        grouped: dict[tuple[bool, str], list[Target]] = {}
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
                    yield form, Target("country", code, entry.name, entry.origin, proper(form))
                for form in entry.adjectives:
                    yield form, Target("demonym", code, entry.name, entry.origin, proper(form))
                for form in entry.people:
                    yield form, Target("people", code, entry.name, entry.origin, proper(form))
                for form in entry.seats:
                    yield form, Target("capital", code + "GOV", entry.name, entry.origin, proper(form))
                for form in entry.territories:
                    yield form, Target("territory", code, entry.name, entry.origin, proper(form))
                for org in entry.orgs:
                    for form in org.names:
                        yield form, Target("org", org.code, org.names[0], org.origin, proper(form))
            elif entry.kind == "agent":
                for form in entry.agent_forms():
                    yield form, Target("agent", entry.code or "", entry.name, entry.origin, False)
            elif entry.kind == "person":
                for form in entry.names:
                    yield form, Target("person", "", entry.name, entry.origin, proper(form), person=entry)
            else:
                dated = entry if any(role.dated for role in entry.roles) else None
                for form in entry.names:
                    yield form, Target(entry.kind, entry.code or "", entry.name, entry.origin, proper(form),
                                        person=dated)
                for form in entry.seats:  # "Brussels" acting for the EU: a seat, so "in Brussels" is a place
                    yield form, Target("capital", entry.code or "", entry.name, entry.origin, proper(form),
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
        units = self._composer.compose(doc, units)
        units = named_roles(doc, units)
        units = reuse_role_names(doc, units)
        # A territory qualifies a role noun ("Gaza's health ministry", "police in the West Bank"); alone it
        # is a place, not an actor.
        return [self._finish(doc, unit, date) for unit in units if unit.target.kind != "territory"]

    def _select(self, doc: Doc) -> list[Unit]:
        candidates: list[Unit] = []
        for match_id, start, end in [*self._lower(doc), *self._exact(doc)]:
            target = self._pick(doc, self._targets[match_id], start, end)
            if target is not None:
                candidates.append(Unit(start, end, target, target.code, entry=target.origin,
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

    def _split_shared_names(self, doc: Doc, units: list[Unit]) -> list[Unit]:
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
                extra.append(Unit(word.i, word.i + 1, target, target.code, entry=target.origin))
        return sorted(units + extra, key=lambda u: u.start) if extra else units

    @staticmethod
    def _pick(doc: Doc, targets: tuple[Target, ...], start: int, end: int) -> Target | None:
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
    def _reuse_surnames(doc: Doc, units: list[Unit]) -> list[Unit]:
        first_seen: dict[str, tuple[int, Unit, frozenset[str]]] = {}
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

    def _dictionary_split(self, code: str) -> tuple[str | None, str | None]:
        return split_code(code, self._countries)

    def _finish(self, doc: Doc, unit: Unit, day: date | None) -> ActorMatch:
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

    def _person_code(self, unit: Unit, day: date | None) -> str:
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
