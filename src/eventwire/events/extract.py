"""What: event extraction from one parsed sentence.

The extractor walks the dependency parse. Every verb and event noun with an entry in the event
dictionary is a candidate predicate; its pattern (or default) gives the CAMEO code (``predicates.py``),
its arguments give the actors (``roles.py``, ``arguments.py``), and the clause around it gives the flags (negated, hypothetical,
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
from .postprocess import dedupe, own_forces, remap_by_actors, specificity
from .predicates import PredicateCodes
from .records import (
    Actor,
    CodedEvent,
    Predicate,
    TraceStep,
    codes,
    describe_pattern,
    where,
)
from .roles import PredicateRoles
from .speech import SpeechActs

if TYPE_CHECKING:
    from .dictionary import EventDictionary, NounEntry, VerbEntry

__all__ = ["CodedEvent", "EventExtractor", "TraceStep"]

# "Iran and Saudi Arabia agreed to restore ties", "Israeli and Jordanian forces held an exercise": done
# together, coded in both directions.
MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})


class EventExtractor:
    """Codes the events of a sentence. Stateless across calls; build once per process."""

    def __init__(self, dictionary: EventDictionary, derived: DerivedCodes) -> None:
        self.dictionary = dictionary
        self.derived = derived
        self._implicit = dictionary.implicit_lemmas()

    def implies_actor(self, sent: Span) -> bool:
        """Whether a sentence with no actor named may still code: "a man was arrested", "she was charged",
        "he died in custody" imply the police or the courts."""
        return any(t.pos_ == "VERB" and t.lemma_.lower() in self._implicit for t in sent)

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


class _SentenceRun(PredicateCodes, PredicateRoles, ClauseContext, SpeechActs, NominalEvents):
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
        if self._outcome_of_mutual_event(tok, pred, passive):
            if step is not None:
                step.outcome = f"{pred.code}: what the clashes between its subject's parties did; the noun is coded"
            return []
        pred = self._absorb_event_subject(tok, pred, passive)
        undergoer = "subj" in pred.target_slots  # "died in custody": the subject is the target
        sources = [] if undergoer else self.subjects(tok)
        targets = self.targets(tok, pred.target_slots, passive)
        if pred.kind == "light" and pred.consumed is not None and not targets:
            targets = self.noun_targets(tok.doc[pred.consumed], pred.code)
        if pred.kind == "intent" and not targets:
            targets = self.inner_targets(tok, sources)
        targets = self._counterparts(tok, passive, sources, targets)
        if pred.code.startswith("15"):
            sources, targets = own_forces(sources, targets)
        if not sources and (passive or undergoer) and entry.implicit_source:
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

    def _outcome_of_mutual_event(self, tok: Token, pred: Predicate, passive: bool) -> bool:
        """ "Clashes between X and Y killed 12 soldiers": the killing is what the clashes did, and the clashes
        name both sides; the noun is coded (X<->Y), the verb, with no doer of its own, is not."""
        subj = None if passive else syntax.first_child(tok, "nsubj")
        if subj is None:
            return False
        subj = syntax.resolve_relative(subj)
        entries = self.ex.noun_entries(subj)
        if not any(e.symmetric for e in entries):
            return False
        noun = self.predicate(subj)
        return noun is not None and noun.code[:2] == pred.code[:2] and len(self._between(subj, True)) >= 2

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
            remapped = remap_by_actors(self.ex.derived, code, s, t, tok)
            if remapped:
                code, rule = remapped[0], f"{rule} ({remapped[1]} -> {remapped[0]})"
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
