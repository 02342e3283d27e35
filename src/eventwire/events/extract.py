"""What: event extraction from one parsed sentence.

The extractor walks the dependency parse. Every verb and event noun with an entry in the event
dictionary is a candidate predicate; its pattern (or default) gives the CAMEO code, its arguments give
the actors (see ``arguments.py``), and the clause around it gives the flags (negated, hypothetical,
attributed_to). Speech acts code what is said; light verbs ("launched strikes") and intent verbs
("agreed to hold talks") take their code from the event they carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field, is_dataclass, replace
from itertools import product
from typing import TYPE_CHECKING, Union

from spacy.tokens import Span, Token

from . import syntax
from .arguments import ActorIndex, ArgumentResolver, ImplicitActor
from .derived import DerivedCodes
from .dictionary import NO_EVENT

if TYPE_CHECKING:
    from ..actors import ActorMatch
    from .dictionary import EventDictionary, NounEntry, VerbEntry

Actor = Union["ActorMatch", ImplicitActor]

# Where a verb's target is looked for when its pattern does not say: the direct object, then the
# preposition objects that carry a target in news English ("fired at", "cracked down on", "met with").
DEFAULT_TARGET_SLOTS = (
    "obj", "dative", "prep:against", "prep:on", "prep:at", "prep:upon", "prep:into", "prep:with",
    "prep:to", "prep:toward", "prep:towards", "prep:onto", "prep:from", "prep:over",
)
NOUN_TARGET_PREPS = ("on", "against", "at", "upon", "targeting", "into", "toward", "towards", "with", "of", "to", "for")
# "retaliation for X", "a response to X": for conflict nouns, for/to name a cause, not a target.
CONFLICT_NOUN_PREPS = ("on", "against", "at", "upon", "targeting", "into", "toward", "towards", "with", "of")
# "Iran and Saudi Arabia agreed to restore ties", "Israeli and Jordanian forces held an exercise": done
# together, coded in both directions.
MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})
COOPERATIVE_ROOTS = frozenset({"01", "02", "03", "04", "05", "06", "07", "08"})
# A governing verb that makes what it governs not (yet) real: "plans to attack", "threatened strikes".
HYPOTHETICAL_GOVERNORS = frozenset(
    {
        "plan", "intend", "threaten", "vow", "pledge", "promise", "want", "seek", "aim", "hope", "try",
        "attempt", "prepare", "propose", "consider", "offer", "expect", "agree", "urge", "call", "demand",
        "warn", "ask", "appeal", "press", "push", "need", "wish", "mull", "weigh", "contemplate", "discuss",
        "decide", "would", "could", "fear", "risk", "avert", "prevent", "avoid", "oppose", "reject", "refuse",
        "deny", "fail", "plot", "scheme", "ready", "poised", "set", "likely", "able", "willing",
    }
)
NEGATING_GOVERNORS = frozenset({"deny", "refuse", "fail", "decline", "avoid"})
# Verbs whose object is the subject of the clause they govern: "urged Iran to release" -> Iran releases.
OBJECT_CONTROL = frozenset(
    {"urge", "ask", "call", "tell", "order", "force", "press", "persuade", "invite", "encourage", "allow", "warn",
     "request", "instruct", "push", "pressure", "compel", "authorize", "help"}
)
OBJECT_TARGET_PREPS = ("to", "for", "on", "against", "with", "into")
CONTENT_DEPS = ("ccomp", "xcomp", "advcl", "pcomp", "prep", "dobj", "conj", "pobj")
ROOT_FAMILY = {"02": "appeal", "03": "intent", "10": "demand", "12": "reject", "13": "threat"}
SPEECH_FAMILY = {**ROOT_FAMILY, "11": "accuse"}
# How content hangs under the act that talks about it ("urged X to withdraw", "demanded the release of").
EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "conj", "attr", "oprd", "acomp"})
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning", "for"})
APPEAL_MODALS = frozenset({"should", "must", "ought"})
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall"})
READINESS_WORDS = frozenset({"ready", "willing", "prepared", "determined", "committed", "open", "eager", "keen", "poised"})
INTENT_ROOTS = frozenset({"03", "04", "05", "06", "07", "08", "09"})
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """An event found in one sentence, before it becomes an ``EventMention``.

    ``trigger`` is a token index; actors are dictionary matches (token spans) or implicit actors.
    """

    trigger: int
    code: str
    source: Actor | None
    target: Actor | None
    negated: bool
    hypothetical: bool
    attributed_to: Actor | None
    rule: str
    confidence: float
    via: str  # "verb" | "noun" | "speech" | "light" | "intent"


@dataclass(slots=True)
class TraceStep:
    """One predicate the extractor looked at, for ``eventwire explain``."""

    token: int
    text: str
    kind: str
    tried: list[str] = field(default_factory=list)
    outcome: str = ""


@dataclass(frozen=True, slots=True)
class _Predicate:
    """The code of a predicate and the rule that gave it (independent of actors)."""

    code: str
    rule: str
    kind: str  # VerbEntry.kind or "noun"
    pattern_hit: bool
    target_slots: tuple[str, ...] = DEFAULT_TARGET_SLOTS
    consumed: int | None = None  # token of an event noun this predicate absorbed ("launched strikes")


class EventExtractor:
    """Codes the events of a sentence. Stateless across calls; build once per process."""

    def __init__(self, dictionary: EventDictionary, derived: DerivedCodes) -> None:
        self.dictionary = dictionary
        self.derived = derived

    # ------------------------------------------------------------------ entry points
    def extract(self, sent: Span, index: ActorIndex, *, trace: list[TraceStep] | None = None) -> list[CodedEvent]:
        resolver = ArgumentResolver(index, self._is_event_noun)
        run = _SentenceRun(self, sent, resolver, trace)
        return run.extract()

    # ------------------------------------------------------------------ dictionary lookups
    def verb_entries(self, tok: Token) -> tuple[VerbEntry, ...]:
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ in ("ROOT", "ccomp", "conj") and tok.tag_.startswith("VB")):
            return ()
        entries = self.dictionary.verbs_for(tok.lemma_.lower())
        if not entries and tok.lower_ != tok.lemma_.lower():
            entries = self.dictionary.verbs_for(tok.lower_)
        return entries

    def noun_entries(self, tok: Token) -> tuple[NounEntry, ...]:
        nominal = tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "VERB" and tok.dep_ in syntax.NOMINAL_DEPS and tok.dep_ != "ROOT" and tok.tag_ in ("NNS", "NN", "VBZ") and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in tok.children if c.i > tok.i))
        if not nominal:
            return ()
        entries = self.dictionary.nouns_for(tok.lower_)
        if not entries:
            entries = self.dictionary.nouns_for(tok.lemma_.lower())
        return entries

    def _is_event_noun(self, tok: Token) -> bool:
        return bool(self.noun_entries(tok))


class _SentenceRun:
    """The work on one sentence: a short-lived object so helpers can share the sentence's state."""

    def __init__(self, ex: EventExtractor, sent: Span, resolver: ArgumentResolver, trace: list[TraceStep] | None) -> None:
        self.ex = ex
        self.sent = sent
        self.resolver = resolver
        self.trace = trace
        self.consumed: set[int] = set()
        self.speech_codes: dict[int, str] = {}  # token -> code of the speech act it makes
        self._code_cache: dict[int, _Predicate | None] = {}

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
        return _dedupe([ev for ev in events if self._stands_alone(ev)])

    def _stands_alone(self, ev: CodedEvent) -> bool:
        """An event talked about is coded only where the talk reports it as real or threatens it: what is
        appealed for, demanded, promised, rejected or negotiated over is the content of that act, not an
        event of its own; and a plain statement that something "would" happen is a statement of intent."""
        family = self._embedding_family(self.sent.doc[ev.trigger])
        if family in ("appeal", "demand", "intent", "reject", "topic"):
            self._note(ev.trigger, f"dropped: it is the content of an {family} act")
            return False
        if family == "statement" and ev.hypothetical:
            self._note(ev.trigger, "dropped: a hypothetical event inside a plain statement is a statement of intent")
            return False
        return True

    def _note(self, token: int, message: str) -> None:
        if self.trace is not None:
            for step in self.trace:
                if step.token == token:
                    step.outcome += f" ({message})"

    def _embedding_family(self, tok: Token) -> str | None:
        node = tok
        for _ in range(6):
            head = node.head
            if head is node or node.dep_ not in EMBEDDING_DEPS:
                return None
            if node.dep_ == "prep" and node.lower_ in syntax.TEMPORAL_PREPS:
                return None  # "called for restraint after Iran's attacks": the attacks are not the appeal's content
            if node.dep_ == "prep" and node.lower_ in TOPIC_PREPS and self.ex.noun_entries(head) and self.predicate(head):
                return "topic"
            family = self._family_of(head)
            if family is not None:
                return family
            node = head
        return None

    def _family_of(self, tok: Token) -> str | None:
        """What kind of talk ``tok`` is, if it governs content: appeal, demand, reject, intent, threat,
        accuse, deny or statement."""
        if tok.i in self.speech_codes:
            code = self.speech_codes[tok.i]
            if code == "016":
                return "deny"
            return SPEECH_FAMILY.get(code[:2], "statement")
        if self.ex.verb_entries(tok) and self.is_speech_act(tok):
            return "statement"
        pred = self.predicate(tok)
        if pred is None:
            return None
        if pred.kind == "intent":
            return "threat" if pred.code.startswith("13") else "intent"
        return ROOT_FAMILY.get(pred.code[:2])

    def _step(self, tok: Token, kind: str) -> TraceStep | None:
        if self.trace is None:
            return None
        step = TraceStep(tok.i, tok.text, kind)
        self.trace.append(step)
        return step

    # ------------------------------------------------------------------ codes (actor-independent)
    def predicate(self, tok: Token, step: TraceStep | None = None, depth: int = 0) -> _Predicate | None:
        """The code a verb or event noun carries, whoever the actors are."""
        if step is None and tok.i in self._code_cache:
            return self._code_cache[tok.i]
        result: _Predicate | None = None
        if depth <= 3:
            entries = self.ex.verb_entries(tok)
            if entries:
                result = self._verb_code(tok, entries, step, depth)
            else:
                nouns = self.ex.noun_entries(tok)
                if nouns:
                    result = self._noun_code(tok, nouns, step)
        if step is None:
            self._code_cache[tok.i] = result
        return result

    def _verb_code(self, tok: Token, entries: tuple[VerbEntry, ...], step: TraceStep | None, depth: int) -> _Predicate | None:
        passive = syntax.is_passive(tok)
        for entry in entries:
            for pattern in entry.patterns:
                ok = self._pattern_matches(tok, pattern, passive)
                if step is not None:
                    step.tried.append(f"{_where(pattern)} {_describe_pattern(pattern)} -> {pattern.code}: {'MATCH' if ok else 'no'}")
                if ok and pattern.code == NO_EVENT:
                    return None  # the pattern says: this use of the verb is no event
                if ok:
                    slots = tuple(pattern.target) if pattern.target else DEFAULT_TARGET_SLOTS
                    # The object the pattern keyed on ("halted talks", "imposed sanctions") is part of this event.
                    anchor = self._object(tok, passive) if pattern.obj is not None else None
                    if anchor is None and pattern.prep is not None and pattern.pobj is not None:
                        anchor = next(self._prep_objects(tok, pattern.prep, pattern.pobj), None)
                    return _Predicate(pattern.code, f"{_where(pattern)} {tok.lemma_} {_describe_pattern(pattern)}", entry.kind,
                                      True, slots, anchor.i if anchor is not None else None)
            if entry.kind == "light":
                obj = self._object(tok, passive)
                inner = self.predicate(obj, None, depth + 1) if obj is not None else None
                if step is not None:
                    step.tried.append(f"{_where(entry)} light verb {tok.lemma_}: object {obj.text if obj is not None else '-'} -> {inner.code if inner else 'no event noun'}")
                if inner is not None:
                    return _Predicate(inner.code, f"{_where(entry)} light verb {tok.lemma_} + {inner.rule}", "light", True, DEFAULT_TARGET_SLOTS, obj.i if obj is not None else None)
            if entry.kind == "intent":
                inner_tok = syntax.first_child(tok, "xcomp", "ccomp") or self._object(tok, passive)
                inner = self._content_predicate([inner_tok]) if inner_tok is not None and depth < 2 else None
                family = "threat" if (inner is not None and inner.code[:2] in CONFLICT_ROOTS and entry.code and entry.code.startswith("13")) else "intent"
                if entry.code and entry.code[:2] in ROOT_FAMILY and ROOT_FAMILY[entry.code[:2]] != "intent":
                    family = ROOT_FAMILY[entry.code[:2]]
                if inner is not None:
                    code = self.ex.derived.derive(family, inner.code)
                    if step is not None:
                        step.tried.append(f"{_where(entry)} {family} verb {tok.lemma_} + {inner_tok.text} [{inner.code}] -> {code}")
                    return _Predicate(code, f"{_where(entry)} {family}: {tok.lemma_} + {inner.rule}", "intent", True, DEFAULT_TARGET_SLOTS)
            if entry.code:
                if step is not None:
                    step.tried.append(f"{_where(entry)} default of {tok.lemma_} ({entry.kind}) -> {entry.code}")
                return _Predicate(entry.code, f"{_where(entry)} {tok.lemma_} (default)", entry.kind, False, DEFAULT_TARGET_SLOTS)
            if step is not None:
                step.tried.append(f"{_where(entry)} {tok.lemma_}: no pattern matched and no default code")
        return None

    def _noun_code(self, tok: Token, entries: tuple[NounEntry, ...], step: TraceStep | None) -> _Predicate | None:
        mods = _modifiers(tok)
        for entry in entries:
            for pattern in entry.patterns:
                ok = (pattern.modifiers is None or bool(mods & pattern.modifiers)) and (
                    pattern.prep is None or any(True for _ in self._prep_objects(tok, pattern.prep, pattern.pobj))
                )
                if step is not None:
                    step.tried.append(f"{_where(pattern)} noun {tok.lower_} {_describe_noun_pattern(pattern)} -> {pattern.code}: {'MATCH' if ok else 'no'}")
                if ok:
                    return _Predicate(pattern.code, f"{_where(pattern)} noun {tok.lower_} {_describe_noun_pattern(pattern)}", "noun", True)
            if entry.code:
                if step is not None:
                    step.tried.append(f"{_where(entry)} noun {tok.lower_} (default) -> {entry.code}")
                return _Predicate(entry.code, f"{_where(entry)} noun {tok.lower_} (default)", "noun", False)
        return None

    def _pattern_matches(self, tok: Token, p: object, passive: bool) -> bool:
        if p.passive is not None and p.passive != passive:  # type: ignore[attr-defined]
            return False
        if p.particle is not None and syntax.particle(tok) != p.particle:  # type: ignore[attr-defined]
            return False
        if p.obj is not None:  # type: ignore[attr-defined]
            obj = self._object(tok, passive)
            if obj is None or not any(_words(o) & p.obj for o in _object_heads(obj)):  # type: ignore[attr-defined]
                return False
        if p.prep is not None:  # type: ignore[attr-defined]
            if not any(True for _ in self._prep_objects(tok, p.prep, p.pobj)):  # type: ignore[attr-defined]
                return False
        if p.xcomp is not None:  # type: ignore[attr-defined]
            x = syntax.first_child(tok, "xcomp")
            if x is None or not (_words(x) & p.xcomp):  # type: ignore[attr-defined]
                return False
        return True

    def _prep_objects(self, tok: Token, prep: str, pobj: frozenset[str] | None):
        for c in tok.children:
            if c.dep_ in ("prep", "agent", "dative", "prt") and c.lower_ == prep:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if pobj is None:
                    yield c
                    continue
                for g in objs:
                    if _words(g) & pobj or any(_words(cj) & pobj for cj in g.conjuncts):
                        yield g

    # ------------------------------------------------------------------ arguments
    def _object(self, tok: Token, passive: bool) -> Token | None:
        if passive:
            return syntax.first_child(tok, "nsubjpass")
        return syntax.first_child(tok, "dobj", "obj")

    def subjects(self, verb: Token, depth: int = 0) -> list[Actor]:
        """The actors doing ``verb``: its subject, the passive agent, or one inherited from the clause."""
        if depth > 4:
            return []
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
        if verb.dep_ == "xcomp":
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
            if governor.lemma_ in ("accuse", "blame", "charge", "condemn", "criticize", "criticise", "suspect", "convict"):
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
                for pobj in syntax.prep_children(tok, slot[5:]):
                    found = self.resolver.actors(pobj)
                    if found:
                        break
            elif slot == "xcomp_obj":
                x = syntax.first_child(tok, "xcomp")
                found = self.resolver.actors(syntax.first_child(x, "dobj")) if x is not None else []
            if found:
                return found
        return []

    def noun_sources(self, noun: Token) -> list[Actor]:
        """Who did what an event noun names: "Iran's strikes", "the US airstrike", "strikes by Iran",
        "Iran launched strikes"."""
        found = self.resolver.modifier_actors(noun)
        if found:
            return found
        for agent in syntax.prep_children(noun, "by"):
            found = self.resolver.actors(agent)
            if found:
                return found
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and head is not noun and self._perpetrates(head):
            return self.subjects(head)
        if noun.dep_ == "conj" and head is not noun and head.pos_ in ("NOUN", "PROPN"):
            return self.noun_sources(head)
        if noun.dep_ == "conj" and head is not noun and head.pos_ == "VERB":
            return self.subjects(head)  # "... withdrew from the deal and reimposed sanctions" (mis-parsed)
        return []

    def _as_setting(self, noun: Token) -> bool:
        """"at the summit", "ahead of the BRICS summit", "on the sidelines of the meeting"."""
        if noun.dep_ != "pobj":
            return False
        prep = noun.head
        if prep.lower_ in syntax.TEMPORAL_PREPS or prep.lower_ == "at":
            return True
        return prep.lower_ == "of" and prep.head.lower_ in ("ahead", "sidelines", "margins", "eve", "end", "start", "outcome")

    def _perpetrates(self, verb: Token) -> bool:
        """Whether the subject of ``verb`` is the doer of the event its object names: "Iran launched/carried
        out/orchestrated strikes" yes; "Trump survived an assassination attempt", "X condemned the attack"
        no."""
        lemma = verb.lemma_.lower()
        if lemma in syntax.PERPETRATION_VERBS:
            return True
        return any(e.kind == "light" for e in self.ex.verb_entries(verb))

    def noun_targets(self, noun: Token, code: str | None = None) -> list[Actor]:
        preps = NOUN_TARGET_PREPS if code is None or code[:2] in COOPERATIVE_ROOTS else CONFLICT_NOUN_PREPS
        # "an aid package for Ukraine": the event noun modifies the noun that carries the preposition.
        holders = [noun, noun.head] if noun.dep_ == "compound" and noun.head is not noun else [noun]
        for holder in holders:
            for prep in preps:
                for pobj in syntax.prep_children(holder, prep):
                    found = self.resolver.actors(pobj)
                    if found:
                        return found
        # "the airstrike that killed X", "a raid targeting Y"
        for clause in syntax.children(noun, "relcl", "acl"):
            found = self.resolver.actors(syntax.first_child(clause, "dobj"))
            if found:
                return found
            for prep in ("on", "against", "at"):
                for pobj in syntax.prep_children(clause, prep):
                    found = self.resolver.actors(pobj)
                    if found:
                        return found
        return []

    # ------------------------------------------------------------------ flags
    def flags(self, tok: Token) -> tuple[bool, bool]:
        """(negated, hypothetical) for the predicate ``tok``, looking up its chain of governors."""
        negated = syntax.is_negated(tok)
        hypothetical = syntax.has_modal(tok) or syntax.in_if_clause(tok)
        node = tok
        for _ in range(4):
            head = node.head
            if head is node:
                break
            if node.dep_ in ("xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "advcl", "nsubj", "attr") or (
                node.dep_ == "conj" and tok is node
            ):
                lemma = head.lemma_.lower()
                if node.dep_ in ("xcomp", "pcomp", "dobj", "pobj", "prep") and lemma in NEGATING_GOVERNORS:
                    negated = True
                if node.dep_ in ("xcomp", "pcomp", "dobj", "pobj", "prep") and lemma in HYPOTHETICAL_GOVERNORS:
                    hypothetical = True
                if node.dep_ in ("xcomp", "dobj", "conj") and syntax.is_negated(head) and node.dep_ != "conj":
                    negated = True
                if node.dep_ in ("xcomp", "dobj") and syntax.has_modal(head):
                    hypothetical = True
                if node.dep_ == "ccomp":
                    break  # a reported clause keeps its own modality
            else:
                break
            node = head
        return negated, hypothetical

    def attribution(self, tok: Token) -> Actor | None:
        """The speaker a reported event comes from: the nearest governing speech verb, or "according to"."""
        node = tok
        for _ in range(8):
            acc = next((c for c in node.children if c.dep_ == "prep" and c.lemma_ == "accord"), None)
            if acc is not None:
                for to in syntax.prep_children(acc, "to"):
                    found = self.resolver.actors(to)
                    if found:
                        return found[0]
            head = node.head
            if head is node:
                return None
            if self.is_speech_act(head) and node.dep_ in ("ccomp", "xcomp", "pcomp", "prep", "dobj", "advcl", "conj", "parataxis"):
                if node.dep_ == "conj" and self.ex.verb_entries(node):  # "X said A and B": B is X's own
                    node = head
                    continue
                speakers = self.subjects(head)
                if speakers:
                    return speakers[0]
            node = head
        return None

    # ------------------------------------------------------------------ verbs
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
            if entry.kind == "speech":
                if entry.code is not None or any(self._pattern_matches(tok, p, passive) for p in entry.patterns):
                    return self._speech_events(tok, entry, step)
                if step is not None:
                    step.tried.append(f"{_where(entry)} speech sense of {tok.lemma_}: no pattern matched, no default")
                continue
            pred = self._verb_code(tok, (entry,), step, 0)
            if pred is not None:
                return self._action_events(tok, entry, pred, passive, step)
        if step is not None:
            step.outcome = "no code"
        return []

    def _is_raising(self, tok: Token) -> bool:
        """"X is expected / said / believed to ...": a passive speech verb carrying a clause."""
        return (
            syntax.is_passive(tok)
            and syntax.first_child(tok, "xcomp") is not None
            and any(e.kind == "speech" for e in self.ex.verb_entries(tok))
        )

    def is_speech_act(self, tok: Token) -> bool:
        """Whether the first entry of ``tok`` that codes is a speech entry (see ``_verb_events``)."""
        if self._is_raising(tok):
            return False
        passive = syntax.is_passive(tok)
        for entry in self.ex.verb_entries(tok):
            if entry.kind == "speech":
                if entry.code is not None or any(self._pattern_matches(tok, p, passive) for p in entry.patterns):
                    return True
                continue
            if self._verb_code(tok, (entry,), None, 0) is not None:
                return False
        return False

    def _action_events(self, tok: Token, entry: VerbEntry, pred: _Predicate, passive: bool,
                       step: TraceStep | None) -> list[CodedEvent]:
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
            sources, targets = _own_forces(sources, targets)
        if not sources and passive and entry.implicit_source:
            sources = [self._implicit(entry.implicit_source, targets, tok, _where(entry))]
        if not sources and self._done_by_a_thing(tok, passive):
            if step is not None:
                step.outcome = f"{pred.code}: the doer is not an actor ('{self._doer(tok, passive).text}'), not coded"
            return []
        negated, hypothetical = self.flags(tok)
        attributed = self.attribution(tok)
        events = self._pairs(tok, pred, sources, targets, negated, hypothetical, attributed, entry.symmetric,
                             via=pred.kind if pred.kind in ("light", "intent") else "verb")
        if step is not None:
            step.outcome = f"{pred.code} via {pred.rule}; sources={_codes(sources)} targets={_codes(targets)}" + (
                "" if events else " -> no actor, nothing coded"
            )
        return events

    def _absorb_event_subject(self, tok: Token, pred: _Predicate, passive: bool) -> _Predicate:
        """"A US air raid killed X": the raid (195) is what the killing (190) was; keep the more specific
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
        if _specificity(noun.code) <= _specificity(pred.code):
            return pred
        return _Predicate(noun.code, f"{noun.rule} (the subject of {tok.lemma_})", pred.kind, True, pred.target_slots, pred.consumed)

    def _counterparts(self, tok: Token, passive: bool, sources: list[Actor], targets: list[Actor]) -> list[Actor]:
        """"met his Iraqi counterpart": the counterpart holds the source's role in the other country."""
        obj = self._object(tok, passive)
        pobjs = [p for prep in ("with", "to") for p in syntax.prep_children(tok, prep)]
        if not sources or sources[0].sector is None or not any(
            t is not None and t.lemma_.lower() in ("counterpart", "counterparts") for t in (obj, *pobjs)
        ):
            return targets
        sector = sources[0].sector
        return [
            replace(t, code=f"{t.country}{sector}", sector=sector) if is_dataclass(t) and t.sector is None and t.country and not t.country.startswith(("IGO", "NGO")) else t
            for t in targets
        ]

    def _doer(self, tok: Token, passive: bool) -> Token | None:
        if passive:
            return next(syntax.prep_children(tok, "by"), None)
        return syntax.first_child(tok, "nsubj")

    def _done_by_a_thing(self, tok: Token, passive: bool) -> bool:
        """"Floods killed 150 people", "an earthquake struck Turkey", "the pandemic has killed millions":
        a named doer that is neither an actor, a pronoun nor an event is a thing; nobody acted."""
        doer = self._doer(tok, passive)
        if doer is None:
            return False
        doer = syntax.resolve_relative(doer)
        if doer.pos_ == "PRON" or doer.lower_ in syntax.RELATIVE_PRONOUNS:
            return False
        return not self.ex.noun_entries(doer) or self.predicate(doer) is None

    def _implicit(self, agent: str, targets: list[Actor], tok: Token, where: str) -> ImplicitActor:
        country = next((t.country for t in targets if t.country and not t.country.startswith(("IGO", "NGO"))), None)
        code = f"{country}{agent}" if country else agent
        return ImplicitActor(code, f"{country + ' ' if country else ''}{agent} (implied)", country, agent, tok.i, f"implicit agent of '{tok.lemma_}' ({where})")

    def _pairs(self, tok: Token, pred: _Predicate, sources: list[Actor], targets: list[Actor], negated: bool,
               hypothetical: bool, attributed: Actor | None, symmetric: bool, *, via: str) -> list[CodedEvent]:
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
            remapped = self.ex.derived.remap("assault", code) if _irregular_on_civilians(s, t) else None
            if remapped:
                code, rule = remapped, f"{rule} (armed non-state actor on civilians -> {remapped})"
            conf = 0.35 + (0.25 if s is not None else 0) + (0.2 if t is not None else 0) + (0.1 if pred.pattern_hit else 0)
            if via == "noun":
                conf -= 0.05
            out.append(CodedEvent(tok.i, code, s, t, negated, hypothetical, attributed, rule, min(conf, 0.95), via))
        return out

    # ------------------------------------------------------------------ speech acts
    def _speech_events(self, tok: Token, entry: VerbEntry, step: TraceStep | None) -> list[CodedEvent]:
        passive = syntax.is_passive(tok)
        speakers = self.subjects(tok)
        addressees: list[Actor] = []
        # "Albania was praised by EU officials": in the passive the grammatical subject is the addressee.
        obj = self._object(tok, passive)
        if obj is not None and not self.ex.noun_entries(obj):
            addressees = self.resolver.actors(obj)
        if not addressees:
            addressees = self.resolver.actors(syntax.first_child(tok, "dative"))
        if not addressees:
            for prep in ("on", "to"):
                for pobj in syntax.prep_children(tok, prep):
                    addressees = self.resolver.actors(pobj)
                    if addressees:
                        break
                if addressees:
                    break
        content = self._content(tok, passive)
        inner = self._content_predicate(content)
        code, rule, pattern_hit = self._speech_code(tok, entry, content, inner, passive, step, speakers)
        self.speech_codes[tok.i] = code
        about: list[Actor] = []
        if not addressees:
            for c in content:
                about = self._content_actors(c, speakers)
                if about:
                    break
        targets = addressees or about
        negated, _ = self.flags(tok)
        hypothetical = syntax.has_modal(tok) or syntax.in_if_clause(tok)
        attributed = self.attribution(tok)
        if attributed is not None and any(attributed.code == s.code for s in speakers):
            attributed = None  # "X said ..., adding that ...": X's second speech act is X's own
        pred = _Predicate(code, rule, "speech", pattern_hit)
        events = self._pairs(tok, pred, speakers, targets[:2], negated, hypothetical, attributed, False, via="speech")
        if step is not None:
            step.outcome = f"speech act {code} via {rule}; speakers={_codes(speakers)} targets={_codes(targets)}" + (
                "" if events else " -> no actor, nothing coded"
            )
        return events

    def _content(self, tok: Token, passive: bool) -> list[Token]:
        """What a speech act says: the clause, the "for"/"of"/"against" object, or an event noun object."""
        out: list[Token] = []
        for c in tok.children:
            if c.dep_ in ("ccomp", "xcomp", "parataxis"):
                out.append(c)
        for prep in ("for", "of", "against", "about", "on"):
            out.extend(syntax.prep_children(tok, prep))
        obj = self._object(tok, passive)
        if obj is not None and (self.ex.noun_entries(obj) or obj.dep_ == "ccomp"):
            out.append(obj)
        return out

    def _content_predicate(self, content: list[Token]) -> _Predicate | None:
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
                queue.extend(c for c in node.children if c.dep_ not in ("ccomp", "parataxis", "punct", "mark", "det"))
        return None

    def _content_actors(self, clause: Token, speakers: list[Actor]) -> list[Actor]:
        """Whom what is said is about: the doer of the reported event, else its target, else the first actor
        named in it (speakers excluded)."""
        spoken = {s.code for s in speakers}

        def others(actors: list[Actor]) -> list[Actor]:
            return [a for a in actors if a.code not in spoken]

        if self.ex.verb_entries(clause) or clause.pos_ in ("VERB", "AUX"):
            found = others(self.subjects(clause)) or others(self.targets(clause, DEFAULT_TARGET_SLOTS, syntax.is_passive(clause)))
        else:
            found = others(self.noun_sources(clause)) or others(self.noun_targets(clause)) or others(self.resolver.actors(clause))
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
        inner = syntax.first_child(tok, "xcomp", "ccomp") or self._object(tok, syntax.is_passive(tok))
        if inner is None:
            return []
        between = [a for p in syntax.prep_children(inner, "between") for a in self.resolver.actors(p)]
        if between:
            return between
        found = self._content_actors(inner, exclude)
        return found

    def _speech_code(self, tok: Token, entry: VerbEntry, content: list[Token], inner: _Predicate | None,
                     passive: bool, step: TraceStep | None, speakers: list[Actor]) -> tuple[str, str, bool]:
        for pattern in entry.patterns:
            ok = self._pattern_matches(tok, pattern, passive)
            if step is not None:
                step.tried.append(f"{_where(pattern)} {_describe_pattern(pattern)} -> {pattern.code}: {'MATCH' if ok else 'no'}")
            if ok:
                return pattern.code, f"{_where(pattern)} {tok.lemma_} {_describe_pattern(pattern)}", True
        default = entry.code or "010"
        obj = self._object(tok, passive)
        if default.startswith("01") and obj is not None and obj in content and inner is not None and not inner.code.startswith("01"):
            # "announced a ceasefire / new sanctions / a partnership": announcing the act is doing it.
            if step is not None:
                step.tried.append(f"statement of an event noun '{obj.text}' -> {inner.code}")
            return inner.code, f"{_where(entry)} {tok.lemma_} + {inner.rule}", True
        family = ROOT_FAMILY.get(default[:2])
        if family is None and default.startswith("01") and content:
            family = self._family_from_content(content, inner, speakers)
        if family is not None and (inner is not None or default[:2] != ROOT_FAMILY.get(default[:2], "")):
            code = self.ex.derived.derive(family, inner.code if inner else None) if inner is not None else (
                default if ROOT_FAMILY.get(default[:2]) == family else self.ex.derived.derive(family, None)
            )
            rule = f"{_where(entry)} {family} by {tok.lemma_}" + (f" about [{inner.code}] {inner.rule}" if inner else "")
            if step is not None:
                step.tried.append(f"content -> {family}" + (f" of [{inner.code}]" if inner else "") + f" -> {code}")
            return code, rule, inner is not None
        if step is not None:
            step.tried.append(f"{_where(entry)} default of speech verb {tok.lemma_} -> {default}")
        return default, f"{_where(entry)} {tok.lemma_} (speech default)", False

    def _family_from_content(self, content: list[Token], inner: _Predicate | None, speakers: list[Actor]) -> str | None:
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

    # ------------------------------------------------------------------ nouns
    def _noun_events(self, tok: Token) -> list[CodedEvent]:
        step = self._step(tok, "noun")
        pred = self.predicate(tok, step)
        if pred is None:
            if step is not None:
                step.outcome = "no code"
            return []
        if pred.code.startswith("01"):
            # "Mahdi's statement comes after ...": a statement named as a noun refers to a speech act that is
            # coded where it is made (or through a light verb: "issued a statement").
            if step is not None:
                step.outcome = f"{pred.code} is a statement noun: coded only with a light verb"
            return []
        if pred.code.startswith("04") and self._as_setting(tok):
            if step is not None:
                step.outcome = f"{pred.code}: a meeting named as the setting ('{tok.head.text} the {tok.text}'), not coded"
            return []
        if tok.dep_ == "pobj" and tok.head.lower_ in syntax.BACKGROUND_PREPS and not self.noun_sources(tok):
            # "an investigation into the killing of X", "outrage over the shooting": a past event named as
            # background, with no doer, is not a new event report.
            if step is not None:
                step.outcome = f"{pred.code}: background ('{tok.head.text} ...') with no doer, not coded"
            return []
        symmetric = False
        pairs_between: list[Actor] = []
        for pobj in syntax.prep_children(tok, "between"):
            pairs_between = self.resolver.actors(pobj)
        entries = self.ex.noun_entries(tok)
        symmetric = any(getattr(e, "symmetric", False) for e in entries)
        if len(pairs_between) >= 2:
            sources, targets = pairs_between, []
            symmetric = True
        else:
            sources = self.noun_sources(tok)
            targets = self.noun_targets(tok, pred.code)
            if symmetric and not targets and len(sources) < 2:
                symmetric = False
        negated, hypothetical = self.flags(tok)
        attributed = self.attribution(tok)
        events = self._pairs(tok, pred, sources, targets, negated, hypothetical, attributed, symmetric, via="noun")
        if step is not None:
            step.outcome = f"{pred.code} via {pred.rule}; sources={_codes(sources)} targets={_codes(targets)}" + (
                "" if events else " -> no actor, nothing coded"
            )
        return events


# ---------------------------------------------------------------------- helpers
def _object_heads(obj: Token) -> list[Token]:
    """The nouns an object stands for: itself, its conjuncts ("rescue teams and supplies") and, for a
    quantity, what it counts ("thousands of refugees")."""
    heads = [obj, *obj.conjuncts]
    if obj.lower_ in syntax.QUANTITY_NOUNS or obj.pos_ == "NUM":
        heads.extend(syntax.prep_children(obj, "of"))
    return heads


def _words(tok: Token) -> frozenset[str]:
    return frozenset({tok.lower_, tok.lemma_.lower()})


def _modifiers(tok: Token) -> frozenset[str]:
    """Words that modify an event noun: its compound/amod children and the words just before it."""
    words = {w for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "nsubj", "npadvmod") for w in (c.lower_, c.lemma_.lower())}
    for i in range(max(tok.i - 2, tok.sent.start), tok.i):
        t = tok.doc[i]
        if t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB"):
            words.update((t.lower_, t.lemma_.lower()))
    return frozenset(words)


def _codes(actors: list[Actor]) -> list[str]:
    return [a.code for a in actors]


def _where(item: object) -> str:
    """``verbs.yaml:120``: the dictionary entry or pattern a code came from."""
    name = getattr(item, "file", "") or "dictionary"
    return f"{name.rsplit('/', 1)[-1]}:{getattr(item, 'line', 0)}"


def _describe_pattern(p: object) -> str:
    bits = []
    for name in ("obj", "prep", "pobj", "particle", "xcomp", "passive"):
        value = getattr(p, name, None)
        if value is None:
            continue
        if isinstance(value, frozenset):
            shown = ",".join(sorted(value)[:4]) + ("..." if len(value) > 4 else "")
            value = "{" + shown + "}"
        bits.append(f"{name}={value}")
    return "[" + " ".join(bits) + "]"


def _describe_noun_pattern(p: object) -> str:
    return _describe_pattern(p).replace("]", "") + (f" modifiers={{{','.join(sorted(p.modifiers)[:4])}}}]" if getattr(p, "modifiers", None) else "]")  # type: ignore[attr-defined]


STATE_FORCES = frozenset({"MIL", "COP", "GOV", "SPY", "JUD", "LEG"})
CIVILIAN_SECTORS = frozenset({"CVL", "REL", "MED", "EDU", "BUS", "REF", "HLH", "LAB", "AGR", "OPP", "NGO", "ELI", "PTY"})


def _own_forces(sources: list[Actor], targets: list[Actor]) -> tuple[list[Actor], list[Actor]]:
    """A show of force moves one's own forces: "Russia massed troops", "India deployed soldiers" is RUSMIL /
    INDMIL acting, not Russia acting on some troops."""
    if len(sources) == 1 and sources[0].country and not sources[0].country.startswith(("IGO", "NGO")):
        source = sources[0]
        own = [t for t in targets if t.country is None and t.sector in ("MIL", "COP")]
        sector = own[0].sector if own else source.sector or "MIL"
        if own or source.sector is None:
            source = replace(source, code=f"{source.country}{sector}", sector=sector) if is_dataclass(source) else source
            return [source], [t for t in targets if t not in own]
    return sources, targets


def _irregular_on_civilians(source: Actor | None, target: Actor | None) -> bool:
    """An armed non-state actor (gunmen, militants, criminals) acting on civilians, or on no one named."""
    if source is None or source.sector not in ("UAF", "CRM", "REB", "INS"):
        return False
    return target is None or target.sector in CIVILIAN_SECTORS or (target.sector is None and target.country is not None)


def _specificity(code: str) -> float:
    """Longer codes are more specific; CAMEO's x0 codes are "not specified below"."""
    return len(code) + (0.0 if code.endswith("0") else 0.5)


def _dedupe(events: list[CodedEvent]) -> list[CodedEvent]:
    """One mention per (source, target, root) in a sentence: the most specific code, then verbs before nouns."""
    best: dict[tuple[str | None, str | None, str], CodedEvent] = {}
    order: list[tuple[str | None, str | None, str]] = []
    rank = {"speech": 0, "verb": 0, "light": 0, "intent": 0, "noun": 1}
    for ev in events:
        key = (ev.source.code if ev.source else None, ev.target.code if ev.target else None, ev.code[:2])
        if key not in best:
            best[key] = ev
            order.append(key)
            continue
        cur = best[key]
        if (_specificity(ev.code), -rank[ev.via], ev.confidence) > (_specificity(cur.code), -rank[cur.via], cur.confidence):
            best[key] = ev
    # A one-sided event duplicated by a two-sided one with the same root and actor is dropped.
    out = []
    for key in order:
        s, t, root = key
        if (s is None or t is None) and any(
            k[2] == root and k[0] is not None and k[1] is not None and ((s is not None and k[0] == s) or (t is not None and k[1] == t))
            for k in order
        ):
            continue
        out.append(best[key])
    return out
