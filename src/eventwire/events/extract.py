"""What: event extraction from one parsed sentence.

The extractor walks the dependency parse. Every verb and event noun with an entry in the event
dictionary is a candidate predicate; its pattern (or default) gives the CAMEO code, its arguments give
the actors (see ``arguments.py``), and the clause around it gives the flags (negated, hypothetical,
attributed_to). Speech acts code what is said; light verbs ("launched strikes") and intent verbs
("agreed to hold talks") take their code from the event they carry.
"""

from __future__ import annotations

from dataclasses import is_dataclass, replace
from itertools import product
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from . import syntax
from .arguments import ActorIndex, ArgumentResolver, ImplicitActor
from .context import ClauseContext
from .derived import DerivedCodes
from .dictionary import NO_EVENT
from .nominal import NominalEvents
from .postprocess import dedupe, irregular_on_civilians, own_forces, specificity
from .records import (
    CONFLICT_ROOTS,
    DEFAULT_TARGET_SLOTS,
    ROOT_FAMILY,
    Actor,
    CodedEvent,
    Predicate,
    TraceStep,
    codes,
    describe_noun_pattern,
    describe_pattern,
    modifiers,
    object_heads,
    where,
    words,
)
from .speech import SpeechActs

if TYPE_CHECKING:
    from .dictionary import EventDictionary, NounEntry, VerbEntry

__all__ = ["CodedEvent", "EventExtractor", "TraceStep"]

# "Iran and Saudi Arabia agreed to restore ties", "Israeli and Jordanian forces held an exercise": done
# together, coded in both directions.
MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})
# Verbs whose object is the subject of the clause they govern: "urged Iran to release" -> Iran releases.
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "call",
        "tell",
        "order",
        "force",
        "press",
        "persuade",
        "invite",
        "encourage",
        "allow",
        "warn",
        "request",
        "instruct",
        "push",
        "pressure",
        "compel",
        "authorize",
        "help",
    }
)
OBJECT_TARGET_PREPS = ("to", "for", "on", "against", "with", "into")
# How many predicates may be coded inside one another ("launched strikes" is 2: the light verb, the noun).
# The stack of predicates being coded is kept for the whole sentence, so a search that passes through a
# speech act's or an intent's content does not start counting again; a predicate already on the stack is
# a cycle in the parse ("the things promised by Russia": the promise's object is the noun its participle
# modifies) and codes as nothing there.
MAX_CODE_NESTING = 4
# The same for the searches for who did something (subjects of verbs, doers of event nouns), which go up
# and down the tree through relative clauses and event nouns.
MAX_ARGUMENT_NESTING = 8


class EventExtractor:
    """Codes the events of a sentence. Stateless across calls; build once per process."""

    def __init__(self, dictionary: EventDictionary, derived: DerivedCodes) -> None:
        self.dictionary = dictionary
        self.derived = derived

    # ------------------------------------------------------------------ entry points
    def extract(
        self, sent: Span, index: ActorIndex, *, trace: list[TraceStep] | None = None
    ) -> list[CodedEvent]:
        resolver = ArgumentResolver(index, self._is_event_noun)
        run = _SentenceRun(self, sent, resolver, trace)
        return run.extract()

    # ------------------------------------------------------------------ dictionary lookups
    def verb_entries(self, tok: Token) -> tuple[VerbEntry, ...]:
        if tok.pos_ not in ("VERB", "AUX") and not (
            tok.pos_ == "NOUN" and tok.dep_ in ("ROOT", "ccomp", "conj") and tok.tag_.startswith("VB")
        ):
            return ()
        entries = self.dictionary.verbs_for(tok.lemma_.lower())
        if not entries and tok.lower_ != tok.lemma_.lower():
            entries = self.dictionary.verbs_for(tok.lower_)
        return entries

    def noun_entries(self, tok: Token) -> tuple[NounEntry, ...]:
        nominal = tok.pos_ in ("NOUN", "PROPN") or (
            tok.pos_ == "VERB"
            and tok.dep_ in syntax.NOMINAL_DEPS
            and tok.dep_ != "ROOT"
            and tok.tag_ in ("NNS", "NN", "VBZ")
            and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in tok.children if c.i > tok.i)
        )
        if not nominal:
            return ()
        entries = self.dictionary.nouns_for(tok.lower_)
        if not entries:
            entries = self.dictionary.nouns_for(tok.lemma_.lower())
        return entries

    def _is_event_noun(self, tok: Token) -> bool:
        return bool(self.noun_entries(tok))


class _SentenceRun(ClauseContext, SpeechActs, NominalEvents):
    """The work on one sentence: a short-lived object so helpers can share the sentence's state."""

    def __init__(
        self, ex: EventExtractor, sent: Span, resolver: ArgumentResolver, trace: list[TraceStep] | None
    ) -> None:
        self.ex = ex
        self.sent = sent
        self.resolver = resolver
        self.trace = trace
        self.consumed: set[int] = set()
        self.speech_codes: dict[int, str] = {}  # token -> code of the speech act it makes
        self._code_cache: dict[int, Predicate | None] = {}
        # Tokens whose code is being worked out, outermost first (see MAX_CODE_NESTING), and the argument
        # searches under way (see MAX_ARGUMENT_NESTING): what makes every search bounded and cycle-free.
        self._coding: list[int] = []
        self._arguments: set[tuple[str, int]] = set()
        # Per-sentence memos: the same tokens are asked about by several events.
        self._speech_cache: dict[int, bool] = {}
        self._object_cache: dict[tuple[int, bool], Token | None] = {}
        self._match_cache: dict[tuple[int, int, bool], bool] = {}

    # ------------------------------------------------------------------ main loop
    def extract(self) -> list[CodedEvent]:
        events: list[CodedEvent] = []
        verbs = [t for t in self.sent if self.ex.verb_entries(t)]
        for tok in verbs:
            events.extend(self._verb_events(tok))
        for tok in self.sent:
            if tok.i in self.consumed or self.ex.verb_entries(tok):
                continue
            if self.ex.noun_entries(tok) and self.resolver.index.at(tok.i) is None:
                events.extend(self._noun_events(tok))
        return dedupe([ev for ev in events if self._stands_alone(ev)])

    def _step(self, tok: Token, kind: str) -> TraceStep | None:
        if self.trace is None:
            return None
        step = TraceStep(tok.i, tok.text, kind)
        self.trace.append(step)
        return step

    # ------------------------------------------------------------------ codes (actor-independent)
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
                inner_tok = syntax.first_child(tok, "xcomp", "ccomp") or self._object(tok, passive)
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
                if pobj is None:
                    yield c
                    continue
                for g in objs:
                    if words(g) & pobj or any(words(cj) & pobj for cj in g.conjuncts):
                        yield g

    # ------------------------------------------------------------------ arguments
    def _object(self, tok: Token, passive: bool) -> Token | None:
        key = (tok.i, passive)
        if key not in self._object_cache:
            self._object_cache[key] = self._find_object(tok, passive)
        return self._object_cache[key]

    def _find_object(self, tok: Token, passive: bool) -> Token | None:
        if passive:
            patient = syntax.first_child(tok, "nsubjpass")
            if patient is None and tok.dep_ == "acl" and tok.head is not tok:
                return tok.head  # "people killed by the army": the noun the participle modifies
            return patient
        return syntax.first_child(tok, "dobj", "obj")

    def argument_search(self, kind: str, tok: Token) -> bool:
        """Start the search ``kind`` ("subjects", "sources") for ``tok`` unless it is already under way
        (a cycle through relative clauses and event nouns) or too many are nested; end it with
        ``argument_done``."""
        key = (kind, tok.i)
        if key in self._arguments or len(self._arguments) >= MAX_ARGUMENT_NESTING:
            return False
        self._arguments.add(key)
        return True

    def argument_done(self, kind: str, tok: Token) -> None:
        self._arguments.discard((kind, tok.i))

    def subjects(self, verb: Token, depth: int = 0) -> list[Actor]:
        """The actors doing ``verb``: its subject, the passive agent, or one inherited from the clause."""
        if depth > 4 or not self.argument_search("subjects", verb):
            return []
        try:
            return self._subjects(verb, depth)
        finally:
            self.argument_done("subjects", verb)

    def _subjects(self, verb: Token, depth: int) -> list[Actor]:
        if syntax.is_passive(verb):
            for agent in syntax.prep_children(verb, "by"):
                return self._actors_or_event_source(agent)
            return []
        subj = syntax.first_child(verb, "nsubj", "csubj")
        if subj is not None:
            return self._actors_or_event_source(subj)
        head = verb.head
        if head is verb:
            return []
        if verb.dep_ == "xcomp" or (syntax.is_infinitival(verb) and head.lemma_ in OBJECT_CONTROL):
            if syntax.is_passive(head) and not any(True for _ in syntax.prep_children(head, "by")):
                # "Kuleba is expected to visit Beijing": the raised subject does the visiting.
                return self.resolver.actors(syntax.first_child(head, "nsubjpass"))
            if head.lemma_ in OBJECT_CONTROL:
                controller = syntax.first_child(head, "dobj") or next(syntax.prep_children(head, "on"), None)
                if controller is not None:
                    return self.resolver.actors(controller)
            return self.subjects(head, depth + 1)
        if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
            return self.subjects(head, depth + 1)
        if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            found = self.resolver.actors(head)
            return found or self.noun_sources(head)
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            governor = head.head
            # "accused X of killing" -> X did the killing.
            if governor.lemma_ in (
                "accuse",
                "blame",
                "charge",
                "condemn",
                "criticize",
                "criticise",
                "suspect",
                "convict",
            ):
                obj = syntax.first_child(governor, "dobj")
                if obj is not None:
                    return self.resolver.actors(obj)
            if governor.pos_ in ("VERB", "AUX"):
                return self.subjects(governor, depth + 1)
        return []

    def _actors_or_event_source(self, tok: Token) -> list[Actor]:
        found = self.resolver.actors(tok)
        if found:
            return found
        head = syntax.resolve_relative(tok)
        if self.ex.noun_entries(head) and self.predicate(head) is not None:
            return self.noun_sources(head)
        return []

    def targets(self, tok: Token, slots: tuple[str, ...], passive: bool) -> list[Actor]:
        for slot in slots:
            found: list[Actor] = []
            if slot == "obj":
                obj = self._object(tok, passive)
                found = self.resolver.actors(obj)
                if not found and obj is not None:
                    # "pledged $50 million in aid to Ukraine", "an aid package for Kyiv"
                    for prep in OBJECT_TARGET_PREPS:
                        for pobj in syntax.prep_children(obj, prep):
                            found = found or self.resolver.actors(pobj)
            elif slot == "dative":
                found = self.resolver.actors(syntax.first_child(tok, "dative"))
            elif slot.startswith("prep:"):
                found = self._prep_target(tok, slot[5:], passive, explicit=slots is not DEFAULT_TARGET_SLOTS)
            elif slot == "xcomp_obj":
                x = syntax.first_child(tok, "xcomp")
                found = self.resolver.actors(syntax.first_child(x, "dobj")) if x is not None else []
            if found:
                return found
        return []

    def _prep_target(self, tok: Token, prep: str, passive: bool, *, explicit: bool) -> list[Actor]:
        """Actors in the object of ``prep`` on the verb. Where a pattern names the slot ("arrived in",
        "recalled its ambassador from"), the preposition may hang on the verb's object, and a country after
        "in" is the target (the host of a visit), not only a place."""
        holders = [tok]
        obj = self._object(tok, passive) if explicit else None
        if obj is not None:
            holders.append(obj)
        for holder in holders:
            for pobj in syntax.prep_children(holder, prep):
                found = self.resolver.actors(pobj, places=explicit)
                if found:
                    return found
        return []

    def _verb_events(self, tok: Token) -> list[CodedEvent]:
        """Entries are tried in order (their patterns, then their default); the first that codes wins.
        A speech entry without a default that no pattern matches gives way to the next entry ("attack"
        criticises only in "lashed out at"; otherwise it is the force sense)."""
        step = self._step(tok, "verb")
        passive = syntax.is_passive(tok)
        if self._is_raising(tok):
            # "X is expected/said/believed to visit Y": a raising verb, not a speech act by anyone.
            if step is not None:
                step.outcome = "raising verb ('is expected to ...'): the clause it carries is the event"
            return []
        for entry in self.ex.verb_entries(tok):
            blocker = self._blocked(tok, entry, passive)
            if blocker is not None:
                if step is not None:
                    step.tried.append(f"{where(blocker)} {describe_pattern(blocker)} -> no event")
                    step.outcome = "no event: the dictionary says this use of the verb is none"
                return []
            if entry.kind == "speech":
                if entry.code is not None or any(
                    self._pattern_matches(tok, p, passive) for p in entry.patterns
                ):
                    return self._speech_events(tok, entry, step)
                if step is not None:
                    step.tried.append(
                        f"{where(entry)} speech sense of {tok.lemma_}: no pattern matched, no default"
                    )
                continue
            pred = self._verb_code(tok, (entry,), step)
            if pred is not None:
                return self._action_events(tok, entry, pred, passive, step)
        if step is not None:
            step.outcome = "no code"
        return []

    def _blocked(self, tok: Token, entry: VerbEntry, passive: bool) -> object | None:
        """The first matching pattern of ``entry`` if it is a "---" (no event) pattern."""
        for pattern in entry.patterns:
            if self._pattern_matches(tok, pattern, passive):
                return pattern if pattern.code == NO_EVENT else None
        return None

    def _action_events(
        self, tok: Token, entry: VerbEntry, pred: Predicate, passive: bool, step: TraceStep | None
    ) -> list[CodedEvent]:
        if pred.consumed is not None:
            self.consumed.add(pred.consumed)
        pred = self._absorb_event_subject(tok, pred, passive)
        sources = self.subjects(tok)
        targets = self.targets(tok, pred.target_slots, passive)
        if pred.kind == "light" and pred.consumed is not None and not targets:
            targets = self.noun_targets(tok.doc[pred.consumed], pred.code)
        if pred.kind == "intent" and not targets:
            targets = self.inner_targets(tok, sources)
        targets = self._counterparts(tok, passive, sources, targets)
        if pred.code.startswith("15"):
            sources, targets = own_forces(sources, targets)
        if not sources and passive and entry.implicit_source:
            sources = [self._implicit(entry.implicit_source, targets, tok, where(entry))]
        if not sources and self._done_by_a_thing(tok, passive):
            if step is not None:
                step.outcome = (
                    f"{pred.code}: the doer is not an actor ('{self._doer(tok, passive).text}'), not coded"
                )
            return []
        negated, hypothetical = self.flags(tok)
        attributed = self.attribution(tok)
        events = self._pairs(
            tok,
            pred,
            sources,
            targets,
            negated,
            hypothetical,
            attributed,
            entry.symmetric,
            via=pred.kind if pred.kind in ("light", "intent") else "verb",
        )
        if step is not None:
            step.outcome = (
                f"{pred.code} via {pred.rule}; sources={codes(sources)} targets={codes(targets)}"
                + ("" if events else " -> no actor, nothing coded")
            )
        return events

    def _absorb_event_subject(self, tok: Token, pred: Predicate, passive: bool) -> Predicate:
        """ "A US air raid killed X": the raid (195) is what the killing (190) was; keep the more specific
        code on the verb, which has the target, and do not code the noun again."""
        if passive:
            return pred
        subj = syntax.first_child(tok, "nsubj")
        if subj is None:
            return pred
        subj = syntax.resolve_relative(subj)
        noun = self.predicate(subj) if self.ex.noun_entries(subj) else None
        if noun is None or noun.code[:2] != pred.code[:2]:
            return pred
        self.consumed.add(subj.i)
        if specificity(noun.code) <= specificity(pred.code):
            return pred
        return Predicate(
            noun.code,
            f"{noun.rule} (the subject of {tok.lemma_})",
            pred.kind,
            True,
            pred.target_slots,
            pred.consumed,
        )

    def _counterparts(
        self, tok: Token, passive: bool, sources: list[Actor], targets: list[Actor]
    ) -> list[Actor]:
        """ "met his Iraqi counterpart": the counterpart holds the source's role in the other country."""
        obj = self._object(tok, passive)
        pobjs = [p for prep in ("with", "to") for p in syntax.prep_children(tok, prep)]
        if (
            not sources
            or sources[0].sector is None
            or not any(
                t is not None and t.lemma_.lower() in ("counterpart", "counterparts") for t in (obj, *pobjs)
            )
        ):
            return targets
        sector = sources[0].sector
        return [
            replace(t, code=f"{t.country}{sector}", sector=sector)
            if is_dataclass(t) and t.sector is None and t.country and not t.country.startswith(("IGO", "NGO"))
            else t
            for t in targets
        ]

    def _doer(self, tok: Token, passive: bool) -> Token | None:
        if passive:
            return next(syntax.prep_children(tok, "by"), None)
        return syntax.first_child(tok, "nsubj")

    def _done_by_a_thing(self, tok: Token, passive: bool) -> bool:
        """ "Floods killed 150 people", "an earthquake struck Turkey", "the pandemic has killed millions":
        a named doer that is neither an actor, a pronoun nor an event is a thing; nobody acted."""
        doer = self._doer(tok, passive)
        if doer is None:
            return False
        doer = syntax.resolve_relative(doer)
        if doer.pos_ == "PRON" or doer.lower_ in syntax.RELATIVE_PRONOUNS:
            return False
        return not self.ex.noun_entries(doer) or self.predicate(doer) is None

    def _implicit(self, agent: str, targets: list[Actor], tok: Token, where: str) -> ImplicitActor:
        country = next(
            (t.country for t in targets if t.country and not t.country.startswith(("IGO", "NGO"))), None
        )
        code = f"{country}{agent}" if country else agent
        return ImplicitActor(
            code,
            f"{country + ' ' if country else ''}{agent} (implied)",
            country,
            agent,
            tok.i,
            f"implicit agent of '{tok.lemma_}' ({where})",
        )

    def _pairs(
        self,
        tok: Token,
        pred: Predicate,
        sources: list[Actor],
        targets: list[Actor],
        negated: bool,
        hypothetical: bool,
        attributed: Actor | None,
        symmetric: bool,
        *,
        via: str,
    ) -> list[CodedEvent]:
        pairs: list[tuple[Actor | None, Actor | None]] = []
        cooperative_pair = via != "speech" and pred.code[:2] in MUTUAL_ROOTS
        if (symmetric or cooperative_pair) and not targets and len(sources) >= 2:
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        else:
            pairs = list(product(sources or [None], targets or [None]))
        out = []
        for s, t in pairs:
            if s is None and t is None:
                continue
            if s is not None and t is not None and s.code == t.code:
                continue
            code, rule = pred.code, pred.rule
            remapped = self.ex.derived.remap("assault", code) if irregular_on_civilians(s, t) else None
            if remapped:
                code, rule = remapped, f"{rule} (armed non-state actor on civilians -> {remapped})"
            conf = (
                0.35
                + (0.25 if s is not None else 0)
                + (0.2 if t is not None else 0)
                + (0.1 if pred.pattern_hit else 0)
            )
            if via == "noun":
                conf -= 0.05
            out.append(
                CodedEvent(tok.i, code, s, t, negated, hypothetical, attributed, rule, min(conf, 0.95), via)
            )
        return out

    # ------------------------------------------------------------------ speech acts
