"""Nominal events: "the US airstrike that killed X", "talks between X and Y", "sanctions on X"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import syntax
from .context import ClauseContext
from .devices import is_device
from .predicates import PredicateCodes
from .records import CodedEvent, TraceStep, trace_step
from .roles import VIOLENT_ROOTS, PredicateRoles
from .senses import Senses

if TYPE_CHECKING:
    from .derived import DerivedCodes


class NominalEvents:
    """Per sentence: the events that event nouns name, with their doers and targets."""

    def __init__(
        self,
        senses: Senses,
        derived: DerivedCodes,
        codes: PredicateCodes,
        roles: PredicateRoles,
        context: ClauseContext,
        trace: list[TraceStep] | None,
    ) -> None:
        self.senses = senses
        self.derived = derived
        self.codes = codes
        self.roles = roles
        self.context = context
        self.trace = trace

    def events(self, tok: Token) -> list[CodedEvent]:
        step = trace_step(self.trace, tok, "noun")
        pred = self.codes.predicate(tok, step)
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
        if is_device(tok):
            if step is not None:
                step.outcome = f"{pred.code}: a bomb named as a device, with no attack predicate, not coded"
            return []
        if pred.code.startswith("04") and as_setting(tok):
            if step is not None:
                step.outcome = f"{pred.code}: a meeting named as the setting ('{tok.head.text} the {tok.text}'), not coded"
            return []
        entries = self.senses.noun_entries(tok)
        symmetric = any(getattr(e, "symmetric", False) for e in entries)
        pairs_between = self.roles.between(tok, symmetric)
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ in syntax.BACKGROUND_PREPS
            and len(pairs_between) < 2
            and not self.roles.noun_sources(tok)
            and not (symmetric and self.roles.side_in_clause(tok))
            and not (pred.code[:2] in VIOLENT_ROOTS and self.roles.victims(tok))
        ):
            # "an investigation into the killing of X", "outrage over the shooting": a past event named as
            # background, with no doer, is not a new event report.
            if step is not None:
                step.outcome = f"{pred.code}: background ('{tok.head.text} ...') with no doer, not coded"
            return []
        if len(pairs_between) >= 2:
            sources, targets = pairs_between, []
            symmetric = True
        else:
            sources = self.roles.noun_sources(tok)
            targets = self.roles.noun_targets(tok, pred.code)
            if symmetric and not sources and targets:
                # "the rebels withdrew after days of fighting with the army": the other side is the clause's
                sources = [a for a in self.roles.side_in_clause(tok) if all(a.code != t.code for t in targets)]
            if symmetric and not targets and len(sources) < 2:
                symmetric = False
        return self.context.paired(tok, pred, sources, targets, symmetric=symmetric, via="noun", step=step)


def as_setting(noun: Token) -> bool:
    """ "at the summit", "ahead of the BRICS summit", "on the sidelines of the meeting"."""
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    if prep.lower_ in syntax.TEMPORAL_PREPS or prep.lower_ == "at":
        return True
    return prep.lower_ == "of" and prep.head.lower_ in (
        "ahead",
        "sidelines",
        "margins",
        "eve",
        "end",
        "start",
        "outcome",
    )
