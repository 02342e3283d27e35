"""What: event extraction from one parsed sentence.

The extractor walks the dependency parse. Every verb and event noun with an entry in the event
dictionary is a candidate predicate; its pattern (or default) gives the CAMEO code (``predicates.py``),
its arguments give the actors (``roles.py``, ``arguments.py``), and the clause around it gives the flags (negated, hypothetical,
attributed_to). Speech acts code what is said; light verbs ("launched strikes") and intent verbs
("agreed to hold talks") take their code from the event they carry.
"""

from __future__ import annotations

from dataclasses import is_dataclass, replace

from spacy.tokens import Span, Token

from . import syntax
from .arguments import PRONOUN_KINDS, ActorIndex, ArgumentResolver, ImplicitActor
from .context import ClauseContext
from .derived import DerivedCodes
from .dictionary import EventDictionary, VerbEntry
from .doers import is_thinking
from .nominal import NominalEvents
from .patterns import PatternMatcher
from .postprocess import dedupe, own_forces, specificity
from .predicates import PredicateCodes
from .records import (
    Actor,
    CodedEvent,
    Predicate,
    TraceStep,
    describe_pattern,
    trace_step,
    where,
)
from .roles import PredicateRoles
from .senses import Senses
from .speech import SpeechActs

__all__ = ["CodedEvent", "EventExtractor", "TraceStep"]


class EventExtractor:
    """Codes the events of a sentence. Stateless across calls; build once per process."""

    def __init__(self, dictionary: EventDictionary, derived: DerivedCodes) -> None:
        self.dictionary = dictionary
        self.derived = derived
        self.senses = Senses(dictionary)
        self._implicit = dictionary.implicit_lemmas()

    def implies_actor(self, sent: Span) -> bool:
        """Whether a sentence with no actor named may still code: "a man was arrested", "she was charged",
        "he died in custody" imply the police or the courts; "he said", "they attacked" name an actor of an
        earlier sentence through a subject pronoun."""
        return any(
            (t.pos_ == "VERB" and t.lemma_.lower() in self._implicit)
            or (t.pos_ == "PRON" and t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in PRONOUN_KINDS)
            for t in sent
        )

    def extract(
        self, sent: Span, index: ActorIndex, *, trace: list[TraceStep] | None = None
    ) -> list[CodedEvent]:
        run = _SentenceRun(self.senses, self.derived, sent, ArgumentResolver(index), trace)
        return run.extract()


class _SentenceRun:
    """The work on one sentence: the per-sentence helpers (each memoising what it works out) composed in
    the order they depend on one another: patterns < codes < roles < clause context < speech acts, nouns."""

    def __init__(
        self,
        senses: Senses,
        derived: DerivedCodes,
        sent: Span,
        resolver: ArgumentResolver,
        trace: list[TraceStep] | None,
    ) -> None:
        self.senses = senses
        self.derived = derived
        self.sent = sent
        self.resolver = resolver
        self.trace = trace
        self.consumed: set[int] = set()  # event nouns a verb's code absorbed ("launched strikes")
        speech_codes: dict[int, str] = {}  # token -> code of the speech act it makes
        self.patterns = PatternMatcher()
        self.codes = PredicateCodes(senses, derived, self.patterns)
        self.roles = PredicateRoles(senses, resolver, self.patterns, self.codes)
        self.context = ClauseContext(senses, resolver, self.codes, self.roles, speech_codes, trace)
        self.speech = SpeechActs(
            senses, derived, resolver, self.patterns, self.codes, self.roles, self.context, speech_codes
        )
        self.nouns = NominalEvents(senses, derived, self.codes, self.roles, self.context, trace)

    # ------------------------------------------------------------------ main loop
    def extract(self) -> list[CodedEvent]:
        events: list[CodedEvent] = []
        verbs = [t for t in self.sent if self.senses.verb_entries(t)]
        for tok in verbs:
            events.extend(self._verb_events(tok))
        for tok in self.sent:
            if tok.i in self.consumed or self.senses.verb_entries(tok):
                continue
            if self.senses.noun_entries(tok) and self.resolver.index.at(tok.i) is None:
                events.extend(self.nouns.events(tok))
        return dedupe([ev for ev in events if self.context.stands_alone(ev, self.sent.doc)])

    def _verb_events(self, tok: Token) -> list[CodedEvent]:
        """Entries are tried in order (their patterns, then their default); the first that codes wins.
        A speech entry without a default that no pattern matches gives way to the next entry ("attack"
        criticises only in "lashed out at"; otherwise it is the force sense)."""
        step = trace_step(self.trace, tok, "verb")
        passive = syntax.is_passive(tok)
        if self.codes.is_raising(tok):
            # "X is expected/said/believed to visit Y": a raising verb, not a speech act by anyone.
            if step is not None:
                step.outcome = "raising verb ('is expected to ...'): the clause it carries is the event"
            return []
        for entry in self.senses.verb_entries(tok):
            blocker = self.patterns.blocked(tok, entry, passive)
            if blocker is not None:
                if step is not None:
                    step.tried.append(f"{where(blocker)} {describe_pattern(blocker)} -> no event")
                    step.outcome = "no event: the dictionary says this use of the verb is none"
                return []
            if entry.kind == "speech":
                if entry.code is not None or any(
                    self.patterns.matches(tok, p, passive) for p in entry.patterns
                ):
                    events = self.speech.events(tok, entry, step)
                    if is_thinking(tok.lemma_):
                        # "believes", "hopes", "fears": a state of mind, not an act; what it carries is
                        # still judged as reported content (its code stays in speech_codes)
                        if step is not None:
                            step.outcome += " -> not coded: a verb of thinking is not an event by itself"
                        return []
                    return events
                if step is not None:
                    step.tried.append(
                        f"{where(entry)} speech sense of {tok.lemma_}: no pattern matched, no default"
                    )
                continue
            pred = self.codes.verb_code(tok, (entry,), step)
            if pred is not None:
                return self._action_events(tok, entry, pred, passive, step)
        if step is not None:
            step.outcome = "no code"
        return []

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
        sources = [] if undergoer else self.roles.subjects(tok)
        targets = self.roles.targets(tok, pred.target_slots, passive)
        if pred.kind == "light" and pred.consumed is not None and not targets:
            targets = self.roles.noun_targets(tok.doc[pred.consumed], pred.code)
        if pred.kind == "intent" and not targets:
            targets = self.speech.inner_targets(tok, sources)
        targets = self._counterparts(tok, passive, sources, targets)
        if pred.code.startswith("15"):
            sources, targets = own_forces(sources, targets)
        if not sources and (passive or undergoer) and entry.implicit_source:
            sources = [self._implicit_actor(entry.implicit_source, targets, tok, where(entry))]
        doer = self._doer(tok, passive)
        if not sources and doer is not None and self._done_by_a_thing(doer):
            if step is not None:
                step.outcome = f"{pred.code}: the doer is not an actor ('{doer.text}'), not coded"
            return []
        via = pred.kind if pred.kind in ("light", "intent") else "verb"
        return self.context.paired(tok, pred, sources, targets, symmetric=entry.symmetric, via=via, step=step)

    def _outcome_of_mutual_event(self, tok: Token, pred: Predicate, passive: bool) -> bool:
        """ "Clashes between X and Y killed 12 soldiers": the killing is what the clashes did, and the clashes
        name both sides; the noun is coded (X<->Y), the verb, with no doer of its own, is not."""
        subj = None if passive else syntax.first_child(tok, "nsubj")
        if subj is None:
            return False
        subj = syntax.resolve_relative(subj)
        entries = self.senses.noun_entries(subj)
        if not any(e.symmetric for e in entries):
            return False
        noun = self.codes.predicate(subj)
        return noun is not None and noun.code[:2] == pred.code[:2] and len(self.roles.between(subj, True)) >= 2

    def _absorb_event_subject(self, tok: Token, pred: Predicate, passive: bool) -> Predicate:
        """ "A US air raid killed X": the raid (195) is what the killing (190) was; keep the more specific
        code on the verb, which has the target, and do not code the noun again."""
        if passive:
            return pred
        subj = syntax.first_child(tok, "nsubj")
        if subj is None:
            return pred
        subj = syntax.resolve_relative(subj)
        noun = self.codes.predicate(subj) if self.senses.noun_entries(subj) else None
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
        obj = self.patterns.object(tok, passive)
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
        return syntax.subject(tok, "nsubj")

    def _done_by_a_thing(self, doer: Token) -> bool:
        """ "Floods killed 150 people", "an earthquake struck Turkey", "the pandemic has killed millions":
        a named doer that is neither an actor, a pronoun nor an event is a thing; nobody acted."""
        doer = syntax.resolve_relative(doer)
        if doer.pos_ == "PRON" or doer.lower_ in syntax.RELATIVE_PRONOUNS:
            return False
        return not self.senses.noun_entries(doer) or self.codes.predicate(doer) is None

    def _implicit_actor(self, agent: str, targets: list[Actor], tok: Token, where: str) -> ImplicitActor:
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
