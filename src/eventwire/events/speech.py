"""Speech acts: the speaker is the source, and the code comes from what is said (appeal, demand, threat,
accusation, rejection, intent), else a plain statement (01x)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lexicons import lexicon
from . import syntax
from .arguments import ArgumentResolver
from .context import ClauseContext, flags
from .patterns import PatternMatcher
from .postprocess import pair_events
from .predicates import PredicateCodes
from .records import (
    CONFLICT_ROOTS,
    DEFAULT_TARGET_SLOTS,
    ROOT_FAMILY,
    Actor,
    CodedEvent,
    Predicate,
    TraceStep,
    codes,
    describe_pattern,
    where,
)
from .roles import PredicateRoles
from .senses import Senses

if TYPE_CHECKING:
    from .derived import DerivedCodes
    from .dictionary import VerbEntry

APPEAL_MODALS = lexicon("events", "appeal_modals")
FUTURE_AUX = lexicon("events", "future_aux")
READINESS_WORDS = lexicon("events", "readiness_words")
INTENT_ROOTS = frozenset({"03", "04", "05", "06", "07", "08", "09"})


# Verbs whose object is who is spoken to, never the act announced: "told a rally", "briefed a meeting of
# clerics", "addressed a news conference" report a statement to a gathering, not the gathering.
ADDRESSING_VERBS = frozenset({"tell", "address", "brief", "inform"})

class SpeechActs:
    """Per sentence: speech acts, the content they carry and whom they address. Each coded act's code is
    recorded in ``speech_codes`` (shared with the clause context, which reads what talk governs an event)."""

    def __init__(
        self,
        senses: Senses,
        derived: DerivedCodes,
        resolver: ArgumentResolver,
        patterns: PatternMatcher,
        codes: PredicateCodes,
        roles: PredicateRoles,
        context: ClauseContext,
        speech_codes: dict[int, str],
    ) -> None:
        self.senses = senses
        self.derived = derived
        self.resolver = resolver
        self.patterns = patterns
        self.codes = codes
        self.roles = roles
        self.context = context
        self.speech_codes = speech_codes

    def events(self, tok: Token, entry: VerbEntry, step: TraceStep | None) -> list[CodedEvent]:
        passive = syntax.is_passive(tok)
        speakers = self.roles.subjects(tok)
        content = self._content(tok, passive)
        inner = self.codes.content_predicate(content)
        code, rule, pattern_hit, slots = self._speech_code(tok, entry, content, inner, passive, step, speakers)
        self.speech_codes[tok.i] = code
        # A pattern that says where its target is ("called on X to ...": the object of "on") is followed first.
        addressees = self.roles.targets(tok, slots, passive) if slots else []
        if not addressees:
            addressees = self._addressees(tok, passive)
        about: list[Actor] = []
        if not addressees:
            for c in content:
                about = self._content_actors(c, speakers)
                if about:
                    break
        targets = addressees or about
        negated, _ = flags(tok)
        hypothetical = syntax.has_modal(tok) or syntax.in_if_clause(tok)
        attributed = self.context.attribution(tok)
        if attributed is not None and any(attributed.code == s.code for s in speakers):
            attributed = None  # "X said ..., adding that ...": X's second speech act is X's own
        pred = Predicate(code, rule, "speech", pattern_hit)
        events = pair_events(
            self.derived,
            tok,
            pred,
            speakers,
            targets[:2],
            negated=negated,
            hypothetical=hypothetical,
            attributed=attributed,
            symmetric=False,
            via="speech",
        )
        if step is not None:
            step.outcome = (
                f"speech act {code} via {rule}; speakers={codes(speakers)} targets={codes(targets)}"
                + ("" if events else " -> no actor, nothing coded")
            )
        return events

    def _addressees(self, tok: Token, passive: bool) -> list[Actor]:
        """Whom a speech act is addressed to: the object ("urged Iran"; in the passive, "Albania was praised
        by EU officials", the grammatical subject), the dative, or the object of "on"/"to"."""
        obj = self.patterns.object(tok, passive)
        if obj is not None:
            found = ([] if self.senses.noun_entries(obj) else self.resolver.actors(obj)) or self._agents_of(obj, tok, passive)
            if found:
                return found
        found = self.resolver.actors(syntax.first_child(tok, "dative"))
        if found:
            return found
        for prep in ("on", "to"):
            for pobj in syntax.prep_children(tok, prep):
                found = self.resolver.actors(pobj)
                if found:
                    return found
        return []

    def _agents_of(self, thing: Token, tok: Token, passive: bool) -> list[Actor]:
        """Who made the thing a speech act reacts to: "welcomed the ruling by the court", "rejected the
        ultimatum issued by Russia", and, as the parser often hangs it, "welcomed the ruling [by the court]"
        with "by" on the active speech verb."""
        holders = [thing, *(c for c in thing.children if c.dep_ in ("acl", "relcl") and syntax.is_passive(c))]
        if not passive:
            holders.append(tok)
        for holder in holders:
            for agent in syntax.prep_children(holder, "by"):
                found = self.resolver.actors(agent)
                if found:
                    return found
        return []

    def _content(self, tok: Token, passive: bool) -> list[Token]:
        """What a speech act says: the clause, the "for"/"of"/"against" object, or an event noun object."""
        out: list[Token] = []
        for c in tok.children:
            if c.dep_ in ("ccomp", "xcomp", "parataxis"):
                out.append(c)
        for prep in ("for", "of", "against", "about", "on"):
            out.extend(syntax.prep_children(tok, prep))
        obj = self.patterns.object(tok, passive)
        if obj is not None and (self.senses.noun_entries(obj) or obj.dep_ == "ccomp"):
            out.append(obj)
        return out

    def _content_actors(self, clause: Token, speakers: list[Actor]) -> list[Actor]:
        """Whom what is said is about: the doer of the reported event, else its target, else the first actor
        named in it (speakers excluded)."""
        spoken = {s.code for s in speakers}
        own = {s.country for s in speakers if s.country}

        def foreign(actors: list[Actor]) -> list[Actor]:
            return [a for a in actors if a.code not in spoken and a.country not in own]

        def others(actors: list[Actor]) -> list[Actor]:
            return [a for a in actors if a.code not in spoken]

        if self.senses.verb_entries(clause) or clause.pos_ in ("VERB", "AUX"):
            candidates = [self.roles.subjects(clause), self.roles.targets(clause, DEFAULT_TARGET_SLOTS, syntax.is_passive(clause))]
        else:
            candidates = [self.roles.noun_sources(clause), self.roles.noun_targets(clause), self.resolver.actors(clause)]
        # "Pakistan's military denied that Pakistani troops fired on Indian positions" is about India: actors
        # of another country first, then anyone but the speaker.
        found = next((f for f in map(foreign, candidates) if f), None) or next((f for f in map(others, candidates) if f), [])
        if found:
            return found
        for t in clause.subtree:
            m = self.resolver.index.at(t.i)
            if m is not None and self.resolver.usable(m, t):
                found = others(self.resolver.actors(t))
                if found:
                    return found[:1]
        return []

    def inner_targets(self, tok: Token, exclude: list[Actor]) -> list[Actor]:
        """Targets of the event an intent verb carries: "agreed to normalise relations with Israel",
        "offered to mediate between Russia and Ukraine", "ready to resume dialogue with India"."""
        inner = syntax.first_child(tok, "xcomp", "ccomp") or self.patterns.object(tok, syntax.is_passive(tok))
        if inner is None:
            return []
        between = [a for p in syntax.prep_children(inner, "between") for a in self.resolver.actors(p)]
        if between:
            return between
        found = self._content_actors(inner, exclude)
        return found

    def _speech_code(
        self,
        tok: Token,
        entry: VerbEntry,
        content: list[Token],
        inner: Predicate | None,
        passive: bool,
        step: TraceStep | None,
        speakers: list[Actor],
    ) -> tuple[str, str, bool, tuple[str, ...] | None]:
        """(code, rule, whether a pattern or the content decided it, the matched pattern's target slots)."""
        for pattern in entry.patterns:
            ok = self.patterns.matches(tok, pattern, passive)
            if step is not None:
                step.tried.append(
                    f"{where(pattern)} {describe_pattern(pattern)} -> {pattern.code}: {'MATCH' if ok else 'no'}"
                )
            if ok:
                rule = f"{where(pattern)} {tok.lemma_} {describe_pattern(pattern)}"
                return pattern.code, rule, True, pattern.target
        default = entry.code or "010"
        obj = self.patterns.object(tok, passive)
        if (
            default.startswith("01")
            and obj is not None
            and obj in content
            and inner is not None
            and not inner.code.startswith("01")
            and tok.lemma_.lower() not in ADDRESSING_VERBS
        ):
            # "announced a ceasefire / new sanctions / a partnership": announcing the act is doing it.
            if step is not None:
                step.tried.append(f"statement of an event noun '{obj.text}' -> {inner.code}")
            return inner.code, f"{where(entry)} {tok.lemma_} + {inner.rule}", True, None
        family = ROOT_FAMILY.get(default[:2])
        if family is None and default.startswith("01") and content:
            family = self._family_from_content(content, inner, speakers)
        if family is not None and (inner is not None or default[:2] != ROOT_FAMILY.get(default[:2], "")):
            code = (
                self.derived.derive(family, inner.code if inner else None)
                if inner is not None
                else (
                    default
                    if ROOT_FAMILY.get(default[:2]) == family
                    else self.derived.derive(family, None)
                )
            )
            rule = f"{where(entry)} {family} by {tok.lemma_}" + (
                f" about [{inner.code}] {inner.rule}" if inner else ""
            )
            if step is not None:
                step.tried.append(
                    f"content -> {family}" + (f" of [{inner.code}]" if inner else "") + f" -> {code}"
                )
            return code, rule, inner is not None, None
        if step is not None:
            step.tried.append(f"{where(entry)} default of speech verb {tok.lemma_} -> {default}")
        return default, f"{where(entry)} {tok.lemma_} (speech default)", False, None

    def _family_from_content(
        self, content: list[Token], inner: Predicate | None, speakers: list[Actor]
    ) -> str | None:
        """A plain statement whose content is an appeal ("should", "must", "needs to"), or the speaker's own
        intent or threat ("it would provide aid", "we are ready to resume talks", "we will retaliate")."""
        for clause in content:
            if clause.pos_ not in ("VERB", "AUX", "ADJ"):
                continue
            auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
            if auxes & APPEAL_MODALS or clause.lemma_ == "need":
                return "appeal"
            if inner is None or not self._about_speaker(clause, speakers):
                continue
            future = bool(auxes & FUTURE_AUX)
            ready = clause.lemma_ in READINESS_WORDS or any(
                c.dep_ in ("acomp", "attr") and c.lemma_ in READINESS_WORDS for c in clause.children
            )
            if (future or ready) and inner.code[:2] in CONFLICT_ROOTS:
                return "threat"
            if (future or ready) and inner.code[:2] in INTENT_ROOTS:
                # "said it would not hold talks with X" refuses them (125), it does not intend them
                return "reject" if syntax.is_negated(clause) else "intent"
        return None

    def _about_speaker(self, clause: Token, speakers: list[Actor]) -> bool:
        """Whether the clause's subject is the speaker: a pronoun, or an actor of the speaker's country."""
        subj = syntax.first_child(clause, "nsubj", "nsubjpass")
        if subj is None:
            return False
        if subj.pos_ == "PRON":
            return True
        countries = {s.country for s in speakers if s.country}
        return any(a.country in countries for a in self.resolver.actors(subj))
