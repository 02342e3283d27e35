"""Records and small helpers shared by the extraction modules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

from spacy.tokens import Token

from . import syntax
from .arguments import ImplicitActor

if TYPE_CHECKING:
    from ..actors import ActorMatch
    from .dictionary import NounPattern, VerbPattern

Actor = Union["ActorMatch", ImplicitActor]

# The families of codes that talk about other events, by CAMEO root.
ROOT_FAMILY = {"02": "appeal", "03": "intent", "10": "demand", "12": "reject", "13": "threat"}
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})

# Where a verb's target is looked for when its pattern does not say: the direct object, then the
# preposition objects that carry a target in news English ("fired at", "cracked down on", "met with").
DEFAULT_TARGET_SLOTS = (
    "obj",
    "dative",
    "prep:against",
    "prep:on",
    "prep:at",
    "prep:upon",
    "prep:into",
    "prep:with",
    "prep:to",
    "prep:toward",
    "prep:towards",
    "prep:onto",
    "prep:from",
    "prep:over",
)


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
class Predicate:
    """The code of a predicate and the rule that gave it (independent of actors)."""

    code: str
    rule: str
    kind: str  # VerbEntry.kind or "noun"
    pattern_hit: bool
    target_slots: tuple[str, ...] = DEFAULT_TARGET_SLOTS
    consumed: int | None = None  # token of an event noun this predicate absorbed ("launched strikes")


def trace_step(trace: list[TraceStep] | None, tok: Token, kind: str) -> TraceStep | None:
    """A new step for predicate ``tok`` in the trace being kept for ``explain`` (None when none is kept)."""
    if trace is None:
        return None
    step = TraceStep(tok.i, tok.text, kind)
    trace.append(step)
    return step


def coded_outcome(pred: Predicate, sources: list[Actor], targets: list[Actor], events: list[CodedEvent]) -> str:
    """What a trace step says of a predicate that was coded: its code, rule and actors."""
    return f"{pred.code} via {pred.rule}; sources={codes(sources)} targets={codes(targets)}" + (
        "" if events else " -> no actor, nothing coded"
    )


def object_heads(obj: Token) -> list[Token]:
    """The nouns an object stands for: itself, its conjuncts ("rescue teams and supplies") and, for a
    quantity, what it counts ("thousands of refugees")."""
    heads = [obj, *obj.conjuncts]
    if obj.lower_ in syntax.QUANTITY_NOUNS or obj.pos_ == "NUM":
        heads.extend(syntax.prep_children(obj, "of"))
    return heads


def words(tok: Token) -> frozenset[str]:
    return frozenset({tok.lower_, tok.lemma_.lower()})


def modifiers(tok: Token) -> frozenset[str]:
    """Words that modify an event noun: its compound/amod children and the words just before it."""
    words = {
        w
        for c in tok.children
        if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "nsubj", "npadvmod")
        for w in (c.lower_, c.lemma_.lower())
    }
    for i in range(max(tok.i - 2, tok.sent.start), tok.i):
        t = tok.doc[i]
        if t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB"):
            words.update((t.lower_, t.lemma_.lower()))
    return frozenset(words)


def codes(actors: list[Actor]) -> list[str]:
    return [a.code for a in actors]


def where(item: object) -> str:
    """``verbs.yaml:120``: the dictionary entry or pattern a code came from."""
    name = getattr(item, "file", "") or "dictionary"
    return f"{name.rsplit('/', 1)[-1]}:{getattr(item, 'line', 0)}"


def describe_pattern(p: VerbPattern | NounPattern) -> str:
    bits = []
    for name in ("obj", "prep", "pobj", "particle", "xcomp", "xcomp_obj", "passive", "descriptor", "target"):
        value = getattr(p, name, None)
        if value is None:
            continue
        if isinstance(value, tuple):
            value = ",".join(value)
        elif isinstance(value, frozenset):
            shown = ",".join(sorted(value)[:4]) + ("..." if len(value) > 4 else "")
            value = "{" + shown + "}"
        bits.append(f"{name}={value}")
    return "[" + " ".join(bits) + "]"


def describe_noun_pattern(p: NounPattern) -> str:
    shown = f" modifiers={{{','.join(sorted(p.modifiers)[:4])}}}]" if p.modifiers else "]"
    return describe_pattern(p).replace("]", "") + shown
