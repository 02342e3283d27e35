"""What a verb pattern keys on (the verb's object, its preposition objects, particle, clause) and whether a
pattern matches a verb, memoised for one sentence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import syntax
from .devices import civil_purpose
from .dictionary import NO_EVENT
from .records import object_heads, words

if TYPE_CHECKING:
    from .dictionary import VerbEntry, VerbPattern


def prep_objects(tok: Token, prep: str, pobj: frozenset[str] | None) -> Iterator[Token]:
    """The preposition ``prep`` on ``tok`` (when ``pobj`` is None), else its objects among ``pobj``'s words;
    a preposition whose objects are all times ("on Monday", "in 2019") is when, not what or whom."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative", "prt") and c.lower_ == prep:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs and all(syntax.is_temporal(g) for g in objs):
                continue
            if pobj is None:
                yield c
                continue
            for g in objs:
                if words(g) & pobj or any(words(cj) & pobj for cj in g.conjuncts) or _named(g, pobj):
                    yield g


def _named(noun: Token, wanted: frozenset[str]) -> bool:
    """A name whose own words say what it is: "from Boston Medical Center" is from a hospital."""
    return noun.pos_ == "PROPN" and any(words(c) & wanted for c in noun.children if c.dep_ == "compound")


def find_object(tok: Token, passive: bool) -> Token | None:
    """The direct object of a verb; in the passive, the patient (its subject, or the noun a participle
    modifies: "people killed by the army")."""
    if passive:
        patient = syntax.passive_subject(tok)
        if patient is None and tok.dep_ == "acl" and tok.head is not tok:
            return tok.head
        return patient
    return syntax.first_child(tok, "dobj", "obj")


class PatternMatcher:
    """Per sentence: verbs' objects and which patterns match which verb (the same tokens are asked about by
    several events, so both are memoised)."""

    def __init__(self) -> None:
        self._objects: dict[tuple[int, bool], Token | None] = {}
        self._matches: dict[tuple[int, int, bool], bool] = {}

    def object(self, tok: Token, passive: bool) -> Token | None:
        key = (tok.i, passive)
        if key not in self._objects:
            self._objects[key] = find_object(tok, passive)
        return self._objects[key]

    def matches(self, tok: Token, pattern: VerbPattern, passive: bool) -> bool:
        key = (tok.i, id(pattern), passive)
        known = self._matches.get(key)
        if known is None:
            known = self._matches[key] = self._match(tok, pattern, passive)
        return known

    def blocked(self, tok: Token, entry: VerbEntry, passive: bool) -> VerbPattern | None:
        """The first matching pattern of ``entry`` if it is a "---" (no event) pattern."""
        for pattern in entry.patterns:
            if self.matches(tok, pattern, passive):
                return pattern if pattern.code == NO_EVENT else None
        return None

    def _match(self, tok: Token, p: VerbPattern, passive: bool) -> bool:
        if p.passive is not None and p.passive != passive:
            return False
        if p.descriptor is not None and p.descriptor != syntax.is_descriptor(tok):
            return False
        if p.particle is not None and syntax.particle(tok) != p.particle:
            return False
        if p.obj is not None:
            obj = self.object(tok, passive)
            if obj is None or not any(words(o) & p.obj for o in object_heads(obj)):
                return False
        if p.prep is not None and not self._has_prep(tok, p, p.prep, passive):
            return False
        if p.xcomp is not None or p.xcomp_obj is not None:
            x = syntax.first_child(tok, "xcomp")
            if x is None or (p.xcomp is not None and not (words(x) & p.xcomp)):
                return False
            if p.xcomp_obj is not None:
                obj = find_object(x, syntax.is_passive(x))
                if obj is None or not any(words(o) & p.xcomp_obj for o in object_heads(obj)):
                    return False
        # "criminals use drones to carry drugs": a weapon-like thing used for a civil purpose is no attack
        return not (p.code[:2] in ("18", "19", "20") and civil_purpose(tok))

    def _has_prep(self, tok: Token, p: VerbPattern, prep: str, passive: bool) -> bool:
        """The pattern's preposition on the verb, or, when the pattern also names the object, on that object:
        the parser hangs "with Israel" on "relations" in "established relations with Israel"."""
        if any(True for _ in prep_objects(tok, prep, p.pobj)):
            return True
        obj = self.object(tok, passive) if p.obj is not None else None
        return obj is not None and any(True for _ in prep_objects(obj, prep, p.pobj))
