"""The clause around an event: negation, modality, attribution, and whether the event stands alone or is
only the content of an appeal, demand, promise or refusal."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicons import lexicon
from . import syntax
from .arguments import ArgumentResolver
from .postprocess import pair_events
from .predicates import PredicateCodes
from .records import ROOT_FAMILY, Actor, CodedEvent, Predicate, TraceStep, coded_outcome
from .roles import PredicateRoles
from .senses import Senses

# How a reported clause hangs under the speech act that reports it.
REPORTING_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "advcl", "parataxis"})
# A governing verb that makes what it governs not (yet) real: "plans to attack", "threatened strikes".
HYPOTHETICAL_GOVERNORS = lexicon("events", "hypothetical_governors")
NEGATING_GOVERNORS = lexicon("events", "negating_governors")
SPEECH_FAMILY = {**ROOT_FAMILY, "11": "accuse"}
# How content hangs under the act that talks about it ("urged X to withdraw", "demanded the release of").
EMBEDDING_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "conj", "attr", "oprd", "acomp"}
)
TOPIC_PREPS = lexicon("events", "topic_preps")


def flags(tok: Token) -> tuple[bool, bool]:
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
            if (
                node.dep_ in ("xcomp", "pcomp", "dobj", "pobj", "prep")
                and lemma in HYPOTHETICAL_GOVERNORS
            ):
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


class ClauseContext:
    """Per sentence: the speech act an event is attributed to, and whether it stands alone or is the content
    of another act. ``speech_codes`` (token -> code of the speech act it makes) is filled as speech acts are
    coded, in text order."""

    def __init__(
        self,
        senses: Senses,
        resolver: ArgumentResolver,
        codes: PredicateCodes,
        roles: PredicateRoles,
        speech_codes: dict[int, str],
        trace: list[TraceStep] | None,
    ) -> None:
        self.senses = senses
        self.resolver = resolver
        self.codes = codes
        self.roles = roles
        self.speech_codes = speech_codes
        self.trace = trace

    def paired(
        self,
        tok: Token,
        pred: Predicate,
        sources: list[Actor],
        targets: list[Actor],
        *,
        symmetric: bool,
        via: str,
        step: TraceStep | None,
    ) -> list[CodedEvent]:
        """The events of a verb or noun predicate ``tok`` between its actors (``pair_events``), flagged with
        the clause's negation, modality and attribution; ``step``, when traced, says what was coded."""
        negated, hypothetical = flags(tok)
        events = pair_events(
            self.codes.derived,
            tok,
            pred,
            sources,
            targets,
            negated=negated,
            hypothetical=hypothetical,
            attributed=self.attribution(tok),
            symmetric=symmetric,
            via=via,
        )
        if step is not None:
            step.outcome = coded_outcome(pred, sources, targets, events)
        return events

    def stands_alone(self, ev: CodedEvent, doc: Doc) -> bool:
        """An event talked about is coded only where the talk reports it as real or threatens it: what is
        appealed for, demanded, promised, rejected or negotiated over is the content of that act, not an
        event of its own; and a plain statement that something "would" happen is a statement of intent."""
        family = self._embedding_family(doc[ev.trigger])
        if family in ("appeal", "demand", "intent", "reject", "topic"):
            self._note(ev.trigger, f"dropped: it is the content of an {family} act")
            return False
        if family == "statement" and ev.hypothetical:
            self._note(
                ev.trigger, "dropped: a hypothetical event inside a plain statement is a statement of intent"
            )
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
            if head is node or not (node.dep_ in EMBEDDING_DEPS or syntax.is_infinitival(node)):
                return None
            if node.dep_ == "conj" and self.senses.verb_entries(node) and self.senses.verb_entries(head) and self.codes.is_speech_act(head):
                return None  # "X appealed for access and called on both sides ...": a second act, not content
            if node.dep_ == "prep" and node.lower_ in syntax.TEMPORAL_PREPS:
                return None  # "called for restraint after Iran's attacks": the attacks are not the appeal's content
            if (
                node.dep_ == "prep"
                and node.lower_ in TOPIC_PREPS
                and self.senses.noun_entries(head)
                and self.codes.predicate(head)
            ):
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
        if self.senses.verb_entries(tok) and self.codes.is_speech_act(tok):
            return "statement"
        pred = self.codes.predicate(tok)
        if pred is None:
            return None
        if pred.kind == "intent":
            return "threat" if pred.code.startswith("13") else "intent"
        return ROOT_FAMILY.get(pred.code[:2])

    def attribution(self, tok: Token) -> Actor | None:
        """The speaker a reported event comes from: the nearest governing speech verb whose clause reports it
        ("X said Y attacked Z", "X accused Y of attacking Z"), or "according to X". An event named by the
        speech act's noun object ("X condemned the US strike") is a fact the speaker reacts to, not a claim;
        but "X claimed / accepted responsibility for the bombing" is X's claim that X did it."""
        claim = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "for" else None
        if claim is not None and claim.lower_ in ("responsibility", "credit") and claim.dep_ == "dobj":
            claimants = self.roles.subjects(claim.head)
            if claimants:
                return claimants[0]
        node = tok
        through_clause = False
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
            if node.dep_ == "prep" and node.lower_ in syntax.TEMPORAL_PREPS:
                return None  # "called for restraint after Iran's attacks"
            # "accused X of an attack" reports the attack as much as "accused X of attacking" does
            blamed_for = node.dep_ == "prep" and node.lower_ in ("of", "for") and head.lemma_ in syntax.ACCUSING_VERBS
            through_clause = through_clause or node.dep_ in REPORTING_DEPS or blamed_for
            if through_clause and self.codes.is_speech_act(head) and node.dep_ in (*REPORTING_DEPS, "prep", "conj"):
                if node.dep_ == "conj" and self.senses.verb_entries(node):  # "X said A and B": B is X's own
                    node = head
                    continue
                speakers = self.roles.subjects(head)
                if speakers:
                    return speakers[0]
            node = head
        return None
