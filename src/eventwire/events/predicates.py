"""The code a predicate carries, whoever its actors are: verb patterns, light verbs, intents, event nouns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import syntax
from .dictionary import NO_EVENT
from .records import (
    CONFLICT_ROOTS,
    DEFAULT_TARGET_SLOTS,
    ROOT_FAMILY,
    Predicate,
    TraceStep,
    describe_noun_pattern,
    describe_pattern,
    modifiers,
    object_heads,
    where,
    words,
)

if TYPE_CHECKING:
    from .dictionary import NounEntry, VerbEntry

# How many predicates may be coded inside one another ("launched strikes" is 2: the light verb, the noun).
# The stack of predicates being coded is kept for the whole sentence, so a search that passes through a
# speech act's or an intent's content does not start counting again; a predicate already on the stack is
# a cycle in the parse ("the things promised by Russia": the promise's object is the noun its participle
# modifies) and codes as nothing there.
MAX_CODE_NESTING = 4
# Talk that an intent verb can carry and that is then the act itself: demands, disapproval, rejection.
STANCE_ROOTS = frozenset({"10", "11", "12"})


class PredicateCodes:
    """Mixin of the sentence run: codes of verbs and event nouns (memoised per sentence)."""

    def predicate(self, tok: Token, step: TraceStep | None = None) -> Predicate | None:
        """The code a verb or event noun carries, whoever the actors are."""
        if step is None and tok.i in self._code_cache:
            return self._code_cache[tok.i]
        if tok.i in self._coding or len(self._coding) >= MAX_CODE_NESTING:
            return None  # a cycle, or too deep: nothing is known about tok here, so nothing is cached
        result: Predicate | None = None
        entries = self.ex.verb_entries(tok)
        if entries:
            result = self._verb_code(tok, entries, step)
        else:
            nouns = self.ex.noun_entries(tok)
            if nouns:
                result = self._noun_code(tok, nouns, step)
        if step is None:
            self._code_cache[tok.i] = result
        return result

    def _verb_code(self, tok: Token, entries: tuple[VerbEntry, ...], step: TraceStep | None) -> Predicate | None:
        """The code of verb ``tok`` by ``entries``; ``tok`` is on the coding stack while it is worked out."""
        if tok.i in self._coding or len(self._coding) >= MAX_CODE_NESTING:
            return None
        self._coding.append(tok.i)
        try:
            return self._verb_entries_code(tok, entries, step)
        finally:
            self._coding.pop()

    def _verb_entries_code(
        self, tok: Token, entries: tuple[VerbEntry, ...], step: TraceStep | None
    ) -> Predicate | None:
        passive = syntax.is_passive(tok)
        nesting = len(self._coding) - 1  # predicates this one is coded inside
        for entry in entries:
            for pattern in entry.patterns:
                ok = self._pattern_matches(tok, pattern, passive)
                if step is not None:
                    step.tried.append(
                        f"{where(pattern)} {describe_pattern(pattern)} -> {pattern.code}: {'MATCH' if ok else 'no'}"
                    )
                if ok and pattern.code == NO_EVENT:
                    return None  # the pattern says: this use of the verb is no event
                if ok:
                    slots = tuple(pattern.target) if pattern.target else DEFAULT_TARGET_SLOTS
                    # The object the pattern keyed on ("halted talks", "imposed sanctions") is part of this event.
                    anchor = self._object(tok, passive) if pattern.obj is not None else None
                    if anchor is None and pattern.prep is not None and pattern.pobj is not None:
                        anchor = next(self._prep_objects(tok, pattern.prep, pattern.pobj), None)
                    return Predicate(
                        pattern.code,
                        f"{where(pattern)} {tok.lemma_} {describe_pattern(pattern)}",
                        entry.kind,
                        True,
                        slots,
                        anchor.i if anchor is not None else None,
                    )
            if entry.kind == "light":
                obj = self._object(tok, passive)
                inner = self.predicate(obj) if obj is not None else None
                if step is not None:
                    step.tried.append(
                        f"{where(entry)} light verb {tok.lemma_}: object {obj.text if obj is not None else '-'} -> {inner.code if inner else 'no event noun'}"
                    )
                if inner is not None:
                    return Predicate(
                        inner.code,
                        f"{where(entry)} light verb {tok.lemma_} + {inner.rule}",
                        "light",
                        True,
                        DEFAULT_TARGET_SLOTS,
                        obj.i if obj is not None else None,
                    )
            if entry.kind == "intent":
                # An intent verb with no default code carries only a clause ("committed to work toward"); its
                # object is no intended event ("committed the attack" is doing it).
                inner_tok = syntax.first_child(tok, "xcomp", "ccomp") or (
                    self._object(tok, passive) if entry.code else None
                )
                stance = self._stance(entry, inner_tok, step, tok)
                if stance is not None:
                    return stance
                inner = self._content_predicate([inner_tok]) if inner_tok is not None and nesting < 2 else None
                family = (
                    "threat"
                    if (
                        inner is not None
                        and inner.code[:2] in CONFLICT_ROOTS
                        and entry.code
                        and entry.code.startswith("13")
                    )
                    else "intent"
                )
                if entry.code and entry.code[:2] in ROOT_FAMILY and ROOT_FAMILY[entry.code[:2]] != "intent":
                    family = ROOT_FAMILY[entry.code[:2]]
                if inner is not None:
                    code = self.ex.derived.derive(family, inner.code)
                    if step is not None:
                        step.tried.append(
                            f"{where(entry)} {family} verb {tok.lemma_} + {inner_tok.text} [{inner.code}] -> {code}"
                        )
                    return Predicate(
                        code,
                        f"{where(entry)} {family}: {tok.lemma_} + {inner.rule}",
                        "intent",
                        True,
                        DEFAULT_TARGET_SLOTS,
                    )
                if entry.code is None and inner_tok is not None and inner_tok.dep_ in ("xcomp", "ccomp"):
                    # "committed to work toward ...": a clause is intended, though its event has no code
                    code = self.ex.derived.derive("intent", None)
                    return Predicate(code, f"{where(entry)} {tok.lemma_} + clause (intent)", "intent", False)
            if entry.code:
                if step is not None:
                    step.tried.append(
                        f"{where(entry)} default of {tok.lemma_} ({entry.kind}) -> {entry.code}"
                    )
                return Predicate(
                    entry.code,
                    f"{where(entry)} {tok.lemma_} (default)",
                    entry.kind,
                    False,
                    DEFAULT_TARGET_SLOTS,
                )
            if step is not None:
                step.tried.append(f"{where(entry)} {tok.lemma_}: no pattern matched and no default code")
        return None

    def _stance(
        self, entry: VerbEntry, inner_tok: Token | None, step: TraceStep | None, tok: Token
    ) -> Predicate | None:
        """ "vowed to resist annexation", "pledged to oppose the plan": an intent to reject, demand or accuse
        is that act (12x, 10x, 11x), not an intent to cooperate (03x). Threat verbs keep their own logic."""
        if inner_tok is None or inner_tok.dep_ != "xcomp" or (entry.code or "").startswith("13"):
            return None
        act = self.predicate(inner_tok)
        if act is None or act.kind != "speech" or act.code[:2] not in STANCE_ROOTS:
            return None
        if step is not None:
            step.tried.append(f"{where(entry)} {tok.lemma_} + {inner_tok.text} [{act.code}]: the act itself")
        return Predicate(act.code, f"{where(entry)} {tok.lemma_} + {act.rule}", "intent", True, DEFAULT_TARGET_SLOTS)

    def _noun_code(
        self, tok: Token, entries: tuple[NounEntry, ...], step: TraceStep | None
    ) -> Predicate | None:
        mods = modifiers(tok)
        for entry in entries:
            for pattern in entry.patterns:
                ok = (pattern.modifiers is None or bool(mods & pattern.modifiers)) and (
                    pattern.prep is None
                    or any(True for _ in self._prep_objects(tok, pattern.prep, pattern.pobj))
                )
                if step is not None:
                    step.tried.append(
                        f"{where(pattern)} noun {tok.lower_} {describe_noun_pattern(pattern)} -> {pattern.code}: {'MATCH' if ok else 'no'}"
                    )
                if ok:
                    return Predicate(
                        pattern.code,
                        f"{where(pattern)} noun {tok.lower_} {describe_noun_pattern(pattern)}",
                        "noun",
                        True,
                    )
            if entry.code:
                if step is not None:
                    step.tried.append(f"{where(entry)} noun {tok.lower_} (default) -> {entry.code}")
                return Predicate(entry.code, f"{where(entry)} noun {tok.lower_} (default)", "noun", False)
        return None

    def _pattern_matches(self, tok: Token, p: object, passive: bool) -> bool:
        key = (tok.i, id(p), passive)
        known = self._match_cache.get(key)
        if known is None:
            known = self._match_cache[key] = self._match(tok, p, passive)
        return known

    def _match(self, tok: Token, p: object, passive: bool) -> bool:
        if p.passive is not None and p.passive != passive:  # type: ignore[attr-defined]
            return False
        if p.particle is not None and syntax.particle(tok) != p.particle:  # type: ignore[attr-defined]
            return False
        if p.obj is not None:  # type: ignore[attr-defined]
            obj = self._object(tok, passive)
            if obj is None or not any(words(o) & p.obj for o in object_heads(obj)):  # type: ignore[attr-defined]
                return False
        if p.prep is not None and not self._has_prep(tok, p, passive):
            return False
        if p.xcomp is not None:  # type: ignore[attr-defined]
            x = syntax.first_child(tok, "xcomp")
            if x is None or not (words(x) & p.xcomp):  # type: ignore[attr-defined]
                return False
        return True

    def _has_prep(self, tok: Token, p: object, passive: bool) -> bool:
        """The pattern's preposition on the verb, or, when the pattern also names the object, on that object:
        the parser hangs "with Israel" on "relations" in "established relations with Israel"."""
        if any(True for _ in self._prep_objects(tok, p.prep, p.pobj)):  # type: ignore[attr-defined]
            return True
        obj = self._object(tok, passive) if p.obj is not None else None  # type: ignore[attr-defined]
        return obj is not None and any(True for _ in self._prep_objects(obj, p.prep, p.pobj))  # type: ignore[attr-defined]

    def _prep_objects(self, tok: Token, prep: str, pobj: frozenset[str] | None):
        for c in tok.children:
            if c.dep_ in ("prep", "agent", "dative", "prt") and c.lower_ == prep:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs and all(syntax.is_temporal(g) for g in objs):
                    continue  # "on Monday", "in 2019": when, not what or whom
                if pobj is None:
                    yield c
                    continue
                for g in objs:
                    if words(g) & pobj or any(words(cj) & pobj for cj in g.conjuncts):
                        yield g

