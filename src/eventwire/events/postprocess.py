"""Rules applied to an event once its actors are known, and the per-sentence de-duplication."""

from __future__ import annotations

from dataclasses import is_dataclass, replace
from itertools import product
from typing import TYPE_CHECKING

from ..lexicons import lexicon
from .doers import needs_counterpart, needs_doer
from .records import Actor, CodedEvent, Predicate

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .derived import DerivedCodes

# "Iran and Saudi Arabia agreed to restore ties", "Israeli and Jordanian forces held an exercise": done
# together, coded in both directions.
MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})

CIVILIAN_SECTORS = frozenset(
    {"CVL", "REL", "MED", "EDU", "BUS", "REF", "HLH", "LAB", "AGR", "OPP", "NGO", "ELI", "PTY"}
)


def own_forces(sources: list[Actor], targets: list[Actor]) -> tuple[list[Actor], list[Actor]]:
    """A show of force moves one's own forces: "Russia massed troops", "India deployed soldiers" is RUSMIL /
    INDMIL acting, not Russia acting on some troops."""
    if len(sources) == 1 and sources[0].country and not sources[0].country.startswith(("IGO", "NGO")):
        source = sources[0]
        own = [t for t in targets if t.country is None and t.sector in ("MIL", "COP")]
        sector = own[0].sector if own else source.sector or "MIL"
        if own or source.sector is None:
            source = (
                replace(source, code=f"{source.country}{sector}", sector=sector)
                if is_dataclass(source)
                else source
            )
            return [source], [t for t in targets if t not in own]
    return sources, targets


def irregular_on_civilians(source: Actor | None, target: Actor | None) -> bool:
    """An armed non-state actor (gunmen, militants, criminals) acting on civilians, or on no one named."""
    if source is None or source.sector not in ("UAF", "CRM", "REB", "INS"):
        return False
    return (
        target is None
        or target.sector in CIVILIAN_SECTORS
        or (target.sector is None and target.country is not None)
    )


# Verbs that say someone was killed, not only attacked ("shot dead", "beat to death" are checked apart).
KILLING_LEMMAS = lexicon("events", "killing_lemmas")
DEATH_WORDS = lexicon("events", "death_words")


def is_killing(trigger: Token) -> bool:
    """ "killed", "murdered", "shot dead", "beaten to death", "died in custody"."""
    if trigger.lemma_.lower() in KILLING_LEMMAS:
        return True
    return any(c.lower_ in DEATH_WORDS or any(g.lower_ in DEATH_WORDS for g in c.children) for c in trigger.children)


def remap_by_actors(
    derived: DerivedCodes, code: str, source: Actor | None, target: Actor | None, trigger: Token
) -> tuple[str, str] | None:
    """A code that who acts on whom changes (data/derived_codes.yaml), with the reason, or None:
    armed non-state actors on civilians (18x), protesters using force (145), police killing civilians
    (1823), leaving an organisation (160)."""
    if irregular_on_civilians(source, target):
        remapped = derived.remap("assault", code)
        if remapped:
            return remapped, "armed non-state actor on civilians"
    if source is not None and source.sector == "OPP":
        remapped = derived.remap("riot", code)
        if remapped:
            return remapped, "protesters using force riot"
    if (
        source is not None
        and source.sector == "COP"
        and (target is None or target.sector in CIVILIAN_SECTORS or target.sector is None)
        and is_killing(trigger)
    ):
        remapped = derived.remap("killing", code)
        if remapped:
            return remapped, "police killing a civilian"
    if target is not None and target.code.startswith(("IGO", "NGO")):
        remapped = derived.remap("membership", code)
        if remapped:
            return remapped, "leaving an organisation"
    return None


def pair_events(
    derived: DerivedCodes,
    tok: Token,
    pred: Predicate,
    sources: list[Actor],
    targets: list[Actor],
    *,
    negated: bool,
    hypothetical: bool,
    attributed: Actor | None,
    symmetric: bool,
    via: str,
) -> list[CodedEvent]:
    """The events of predicate ``tok``: one per (source, target) pair, or between every two sources of a
    symmetric or cooperative predicate with no target; the code remapped by who acts on whom. A verbal or
    cooperative act with no doer is not coded (``doers.needs_doer``), nor a consultation with nobody consulted
    (``doers.needs_counterpart``)."""
    pairs: list[tuple[Actor | None, Actor | None]] = []
    cooperative_pair = via != "speech" and pred.code[:2] in MUTUAL_ROOTS
    if (symmetric or cooperative_pair) and not targets and len(sources) >= 2:
        pairs = [(a, b) for a in sources for b in sources if a is not b]
    else:
        doers: list[Actor | None] = [*sources] if sources else [None]
        undergoers: list[Actor | None] = [*targets] if targets else [None]
        pairs = list(product(doers, undergoers))
    out = []
    for s, t in pairs:
        if s is None and t is None:
            continue
        if s is not None and t is not None and s.code == t.code:
            continue
        code, rule = pred.code, pred.rule
        remapped = remap_by_actors(derived, code, s, t, tok)
        if remapped:
            code, rule = remapped[0], f"{rule} ({remapped[1]} -> {remapped[0]})"
        if s is None and needs_doer(code):
            continue
        if t is None and needs_counterpart(code):
            continue
        conf = (
            0.35
            + (0.25 if s is not None else 0)
            + (0.2 if t is not None else 0)
            + (0.1 if pred.pattern_hit else 0)
        )
        if via == "noun":
            conf -= 0.05
        out.append(CodedEvent(tok.i, code, s, t, negated, hypothetical, attributed, rule, min(conf, 0.95), via))
    return out


def specificity(code: str) -> float:
    """Longer codes are more specific; CAMEO's x0 codes are "not specified below"."""
    return len(code) + (0.0 if code.endswith("0") else 0.5)


def dedupe(events: list[CodedEvent]) -> list[CodedEvent]:
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
        if (specificity(ev.code), -rank[ev.via], ev.confidence) > (
            specificity(cur.code),
            -rank[cur.via],
            cur.confidence,
        ):
            best[key] = ev
    # A one-sided event duplicated by a two-sided one with the same root and actor is dropped.
    out = []
    for key in order:
        s, t, root = key
        if (s is None or t is None) and any(
            k[2] == root
            and k[0] is not None
            and k[1] is not None
            and ((s is not None and k[0] == s) or (t is not None and k[1] == t))
            for k in order
        ):
            continue
        out.append(best[key])
    return out
