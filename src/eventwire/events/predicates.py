"""The code a predicate carries, whoever its actors are: verb patterns, light verbs, intents, event nouns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import syntax
from .dictionary import NO_EVENT
from .patterns import PatternMatcher, prep_objects
from .records import (
    CONFLICT_ROOTS,
    DEFAULT_TARGET_SLOTS,
    ROOT_FAMILY,
    Predicate,
    TraceStep,
    describe_noun_pattern,
    describe_pattern,
    modifiers,
    where,
)
from .senses import Senses

if TYPE_CHECKING:
    from .derived import DerivedCodes
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
    """Per sentence: the codes of verbs and event nouns (memoised), and which sense of a verb codes."""

    def __init__(self, senses: Senses, derived: DerivedCodes, patterns: PatternMatcher) -> None:
        self.senses = senses
        self.derived = derived
        self.patterns = patterns
        self._code_cache: dict[int, Predicate | None] = {}
        # Tokens whose code is being worked out, outermost first (see MAX_CODE_NESTING): what makes every
        # search bounded and cycle-free.
        self._coding: list[int] = []
        self._speech_cache: dict[int, bool] = {}

    def predicate(self, tok: Token, step: TraceStep | None = None) -> Predicate | None:
        """The code a verb or event noun carries, whoever the actors are."""
        if step is None and tok.i in self._code_cache:
            return self._code_cache[tok.i]
        if tok.i in self._coding or len(self._coding) >= MAX_CODE_NESTING:
            return None  # a cycle, or too deep: nothing is known about tok here, so nothing is cached
        result: Predicate | None = None
        entries = self.senses.verb_entries(tok)
        if entries:
            result = self.verb_code(tok, entries, step)
        else:
            nouns = self.senses.noun_entries(tok)
            if nouns:
                result = self._noun_code(tok, nouns, step)
        if step is None:
            self._code_cache[tok.i] = result
        return result

    def verb_code(self, tok: Token, entries: tuple[VerbEntry, ...], step: TraceStep | None) -> Predicate | None:
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
                ok = self.patterns.matches(tok, pattern, passive)
                if step is not None:
                    step.tried.append(
                        f"{where(pattern)} {describe_pattern(pattern)} -> {pattern.code}: {'MATCH' if ok else 'no'}"
                    )
                if ok and pattern.code == NO_EVENT:
                    return None  # the pattern says: this use of the verb is no event
                if ok:
                    slots = tuple(pattern.target) if pattern.target else DEFAULT_TARGET_SLOTS
                    # The object the pattern keyed on ("halted talks", "imposed sanctions") is part of this event.
                    anchor = self.patterns.object(tok, passive) if pattern.obj is not None else None
                    if anchor is None and pattern.prep is not None and pattern.pobj is not None:
                        anchor = next(prep_objects(tok, pattern.prep, pattern.pobj), None)
                    return Predicate(
                        pattern.code,
                        f"{where(pattern)} {tok.lemma_} {describe_pattern(pattern)}",
                        entry.kind,
                        True,
                        slots,
                        anchor.i if anchor is not None else None,
                    )
            if entry.kind == "light":
                obj = self.patterns.object(tok, passive)
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
                    self.patterns.object(tok, passive) if entry.code else None
                )
                stance = self._stance(entry, inner_tok, step, tok)
                if stance is not None:
                    return stance
                inner = self.content_predicate([inner_tok]) if inner_tok is not None and nesting < 2 else None
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
                if inner is not None and inner_tok is not None:
                    code = self.derived.derive(family, inner.code)
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
                    code = self.derived.derive("intent", None)
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
                    or any(True for _ in prep_objects(tok, pattern.prep, pattern.pobj))
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

    def content_predicate(self, content: list[Token]) -> Predicate | None:
        """The first event in what is said, breadth first: "there needs to be restraint" -> restraint."""
        for clause in content:
            queue = [clause]
            seen = 0
            while queue and seen < 24:
                node = queue.pop(0)
                seen += 1
                pred = self.predicate(node)
                if pred is not None and pred.kind != "speech":
                    return pred
                queue.extend(
                    c for c in node.children if c.dep_ not in ("ccomp", "parataxis", "punct", "mark", "det")
                )
        return None

    # ------------------------------------------------------------------ which sense of a verb codes
    def is_raising(self, tok: Token) -> bool:
        """ "X is expected / said / believed to ...": a passive speech verb carrying a clause."""
        return (
            syntax.is_passive(tok)
            and syntax.first_child(tok, "xcomp") is not None
            and any(e.kind == "speech" for e in self.senses.verb_entries(tok))
        )

    def is_speech_act(self, tok: Token) -> bool:
        """Whether the first entry of ``tok`` that codes is a speech entry (see ``_verb_events``)."""
        known = self._speech_cache.get(tok.i)
        if known is None:
            known = self._speech_cache[tok.i] = self._is_speech_act(tok)
        return known

    def _is_speech_act(self, tok: Token) -> bool:
        if self.is_raising(tok):
            return False
        passive = syntax.is_passive(tok)
        for entry in self.senses.verb_entries(tok):
            if self.patterns.blocked(tok, entry, passive) is not None:
                return False
            if entry.kind == "speech":
                if entry.code is not None or any(
                    self.patterns.matches(tok, p, passive) for p in entry.patterns
                ):
                    return True
                continue
            if self.verb_code(tok, (entry,), None) is not None:
                return False
        return False
