"""Who: from syntactic arguments to actors.

An argument token (a subject, an object, the object of a preposition) stands for zero or more actors:
the dictionary match covering it, the actor modifying its noun phrase ("Iraqi bases" -> IRQ), the actors
it coordinates with ("US military and coalition forces"), or, for facilities, the actors the facility
houses ("bases housing US forces" -> the forces).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..lexicons import lexicon
from . import syntax

if TYPE_CHECKING:
    from ..actors import ActorMatch
    from .records import Actor

# Prepositions after which a capital or country is a place, not an actor: "in Tehran", "to Baghdad".
LOCATIVE_PREPS = lexicon("events", "place_preps")
PLACE_ONLY_PREPS = lexicon("events", "place_only_preps")
# Which actor kinds a pronoun can stand for ("he" is a person, "it" a state or an organisation).
_COLLECTIVE = ("country", "capital", "organization", "group", "composite", "agent", "demonym")
PRONOUN_KINDS = {
    "he": ("person", "composite"),
    "she": ("person", "composite"),
    "it": ("country", "capital", "organization", "group"),
    "they": (*_COLLECTIVE, "person"),
    "his": ("person", "composite"),
    "her": ("person", "composite", "country"),
    "its": ("country", "capital", "organization", "group", "composite"),
    "their": (*_COLLECTIVE, "person"),
}
NP_MODIFIER_DEPS = ("poss", "compound", "amod", "nmod", "npadvmod")
# How many earlier sentences of the paragraph a subject pronoun's antecedent is looked for in.
ANTECEDENT_SENTENCES = 3
PERSONAL_PRONOUNS = frozenset({"he", "she", "his", "her"})
# A role noun with a person's name ("lawmaker Ana Gomez", "Gomez" named again: actors/generic.py) is a
# person for "he"/"she".
NAMED_ROLE = "named role"


def _kind(m: ActorMatch) -> str:
    if m.kind == "agent" and ("+ a name" in m.entry or "(named again)" in m.entry):
        return NAMED_ROLE
    return m.kind


# How many pronoun subjects in a row ("He said ... he added ... He also said") an antecedent is passed along.
PRONOUN_CHAIN = 3


@dataclass(frozen=True, slots=True)
class ImplicitActor:
    """An actor the text implies but does not name ("five were arrested" -> police)."""

    code: str
    name: str
    country: str | None
    sector: str | None
    anchor: int  # token index of the word that implies it
    entry: str

    kind = "implicit"


class ActorIndex:
    """The actor matches of one document, looked up by token."""

    def __init__(self, matches: list[ActorMatch]) -> None:
        self.matches = matches
        self._by_token: dict[int, ActorMatch] = {}
        for m in matches:
            for i in range(m.start, m.end):
                self._by_token[i] = m

    def at(self, i: int) -> ActorMatch | None:
        return self._by_token.get(i)

    def in_span(self, span: Span) -> list[ActorMatch]:
        return [m for m in self.matches if span.start <= m.start < span.end]


class ArgumentResolver:
    """Resolves argument tokens of one sentence to actors."""

    def __init__(self, index: ActorIndex) -> None:
        self.index = index

    def actors(self, tok: Token | None, *, places: bool = False) -> list[Actor]:
        """All actors ``tok`` stands for, coordinated ones included, in text order. With ``places`` a
        country or capital after a locative preposition counts too (a pattern said that slot is a target)."""
        return [*self._matches(tok, depth=0, places=places)]

    def modifier_actors(self, tok: Token) -> list[Actor]:
        """The actor modifying a noun phrase: "Iraqi bases", "Iran's missiles", "the UN mission", "the
        Iraqi Prime Minister's office", "US-orchestrated". Two countries in one hyphenated modifier ("the
        US-Iran conflict") describe a dyad, not an actor."""
        return [*self._modifier_matches(tok)]

    def _matches(self, tok: Token | None, *, depth: int, places: bool = False) -> list[ActorMatch]:
        if tok is None or depth > 4 or syntax.in_dateline(tok):
            return []
        tok = syntax.resolve_relative(tok)
        found = self._single(tok, depth, places=places)
        # "X and Y": spaCy hangs Y (and Z) as conj children of X. A list "X, Y, Z and W" is often parsed
        # with Y as an apposition of X: an apposition naming another country is one more list member.
        members = [c for c in tok.conjuncts if c.i > tok.i]
        # "Israeli and Jordanian forces": the coordinated modifiers inside a match each carry their own match.
        for m in list(found):
            if hasattr(m, "start"):
                for inner in tok.doc[m.start : m.end]:
                    members.extend(c for c in inner.conjuncts if not (m.start <= c.i < m.end))
        for appos in syntax.children(tok, "appos"):
            members.append(appos)
            members.extend(c for c in appos.conjuncts if c.i > appos.i)
        for member in members:
            for m in self._single(member, depth) or ([at] if (at := self.index.at(member.i)) else []):
                if all(m is not f for f in found) and (member.dep_ != "appos" or all(m.country != f.country for f in found)):
                    found.append(m)
        return found

    def _single(self, tok: Token, depth: int, *, places: bool = False) -> list[ActorMatch]:
        if tok.pos_ == "PRON" and tok.lower_ in PRONOUN_KINDS:
            antecedent = self.antecedent(tok)
            return [self._through_pronoun(antecedent, tok)] if antecedent is not None else []
        # Facilities housing actors: the occupants are the argument, the facility is a place (even when a
        # role word made it look like an actor: "military bases in Iraq that host US troops").
        if tok.lower_ in syntax.FACILITY_NOUNS or tok.lemma_ in syntax.FACILITY_NOUNS:
            for clause in syntax.children(tok, "acl", "relcl"):
                if clause.lemma_ in syntax.HOUSING_VERBS or clause.lower_ in syntax.HOUSING_VERBS:
                    occupants = self._matches(syntax.first_child(clause, "dobj"), depth=depth + 1)
                    if occupants:
                        return occupants
        if tok.lower_ in syntax.PLACE_FACILITIES:
            return []
        m = self.index.at(tok.i)
        if m is not None and (places or self.usable(m, tok)):
            return [self._with_possessor_country(m, tok)]
        found = self._modifier_matches(tok)
        if found and tok.lower_ in syntax.MILITARY_POSITIONS:
            return [self._as_forces(m) for m in found]
        if found:
            return found
        # "dozens of soldiers", "members of Hamas", "a convoy of UN vehicles".
        if tok.lower_ in syntax.QUANTITY_NOUNS or tok.lemma_ in syntax.QUANTITY_NOUNS or tok.pos_ == "NUM":
            for pobj in syntax.prep_children(tok, "of"):
                inner = self._matches(pobj, depth=depth + 1)
                if inner:
                    return inner
        # Apposition: "the group, Hezbollah, ..."
        appos = syntax.first_child(tok, "appos")
        if appos is not None:
            inner = self._single(appos, depth + 1)
            if inner:
                return inner
        return []

    def antecedent(self, pron: Token, chain: int = 0) -> ActorMatch | None:
        """The actor a subject-like pronoun refers back to, in news prose: the nearest earlier actor of a
        fitting kind that is a subject in this sentence, else any earlier one in it, else the subject of the
        nearest earlier sentence of the paragraph that has one. "Russia denied it. It said ..." -> Russia; "Erdogan said he would ..." -> Erdogan."""
        kinds = PRONOUN_KINDS[pron.lower_]
        if pron.lower_ in PERSONAL_PRONOUNS:
            kinds = (*kinds, NAMED_ROLE)
        sent = pron.sent
        before = [m for m in self.index.matches if sent.start <= m.start and m.end <= pron.i and _kind(m) in kinds]
        subjects = [m for m in before if pron.doc[m.head].dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[-1]
        if before:
            return before[-1]
        # Earlier sentences of the same paragraph, nearest first: the first whose subject is an actor of a
        # fitting kind gives it; one whose subject is another person ("Local reporter John Smith said ...")
        # holds "he"/"she" and ends the search.
        doc = pron.doc
        for _ in range(ANTECEDENT_SENTENCES):
            if sent.start == 0 or "\n\n" in doc[sent.start - 1].whitespace_ + doc[sent.start].text:
                return None
            sent = doc[sent.start - 1].sent
            if "\n\n" in sent.text:
                return None
            earlier = [m for m in self.index.matches if sent.start <= m.start < sent.end and _kind(m) in kinds
                       and doc[m.head].dep_ in ("nsubj", "nsubjpass")]
            if earlier:
                return earlier[0]
            # "He said ... 'We are ready,' he added. ... He also said ...": the same pronoun as the subject of
            # an earlier sentence stands for the same one, so its antecedent is this one's.
            same = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ == pron.lower_
                         and t.pos_ == "PRON"), None)
            if same is not None and chain < PRONOUN_CHAIN:
                return self.antecedent(same, chain + 1)
            if pron.lower_ in PERSONAL_PRONOUNS and any(
                t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ == "PERSON" for t in sent
            ):
                return None
        return None

    @staticmethod
    def _through_pronoun(antecedent: ActorMatch, pron: Token) -> ActorMatch:
        """The antecedent's actor at the pronoun: the evidence is the pronoun, the entry names what it stands
        for ("he" -> Kenyan President William Ruto)."""
        if antecedent.start <= pron.i < antecedent.end:
            return antecedent
        said = pron.doc[antecedent.start:antecedent.end].text
        return replace(antecedent, start=pron.i, end=pron.i + 1, head=pron.i,
                       entry=f"{antecedent.entry} + pronoun '{pron.text}' -> '{said}'")

    @staticmethod
    def _as_forces(m: ActorMatch) -> ActorMatch:
        if m.sector is not None or m.country is None or m.country.startswith(("IGO", "NGO")):
            return m
        return replace(m, code=f"{m.country}MIL", sector="MIL", name=f"{m.name} forces", entry=f"{m.entry} + military position")

    def _with_possessor_country(self, m: ActorMatch, tok: Token) -> ActorMatch:
        """"his government", "its army": a role with no country takes the country of the nearest actor
        before it in the sentence (the one the pronoun refers back to, in news prose)."""
        if m.country is not None or m.sector is None:
            return m
        head = tok.doc[m.head] if m.start <= m.head < m.end else tok
        for c in head.children:
            owner = self.index.at(c.i) if c.dep_ == "poss" else None
            if owner is not None and owner is not m and owner.country and not owner.country.startswith(("IGO", "NGO")):
                # "Assad's government", "Putin's army": the owner's country
                return replace(m, code=f"{owner.country}{m.sector}", country=owner.country,
                               name=f"{owner.country} {m.name}", entry=f"{m.entry} + possessor {owner.code}")
        pron = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in PRONOUN_KINDS), None)
        other = self.antecedent(pron) if pron is not None else None
        if other is None or not other.country or other.country.startswith(("IGO", "NGO")):
            return m
        return replace(m, code=f"{other.country}{m.sector}", country=other.country,
                       name=f"{other.country} {m.name}", entry=f"{m.entry} + possessive pronoun -> {other.code}")

    def _modifier_matches(self, tok: Token) -> list[ActorMatch]:
        found: list[ActorMatch] = []
        for child in sorted(tok.children, key=lambda c: c.i):
            if child.i > tok.i or child.dep_ not in NP_MODIFIER_DEPS:
                continue
            for node in (child, *sorted(child.children, key=lambda g: g.i)):
                m = self.index.at(node.i)
                if m is not None and node.i < tok.i and (m.kind != "capital" or child.dep_ == "poss"):
                    if all(m is not f for f in found):
                        found.append(m)
        if len({m.code for m in found}) >= 2 and any(t.text == "-" for t in tok.doc[tok.left_edge.i : tok.i]):
            return []
        return found[:1]

    def usable(self, m: ActorMatch, tok: Token) -> bool:
        """A capital after a locative preposition is a place ("in Tehran"), and so is a country after
        "in"/"across"/... ("fighting in Syria"); "fired at Israel" keeps Israel as the target."""
        if tok.dep_ != "pobj":
            return True
        prep = tok.head.lower_
        if m.kind == "capital":
            return prep not in LOCATIVE_PREPS or prep == "between"
        if m.kind == "country":
            return prep not in PLACE_ONLY_PREPS
        return True
