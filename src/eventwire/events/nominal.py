"""Nominal events: "the US airstrike that killed X", "talks between X and Y", "sanctions on X"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import syntax
from .records import (
    Actor,
    CodedEvent,
    codes,
)

if TYPE_CHECKING:
    pass

NOUN_TARGET_PREPS = (
    "on",
    "against",
    "at",
    "upon",
    "targeting",
    "into",
    "toward",
    "towards",
    "with",
    "of",
    "to",
    "for",
)
# "retaliation for X", "a response to X": for conflict nouns, for/to name a cause, not a target.
CONFLICT_NOUN_PREPS = ("on", "against", "at", "upon", "targeting", "into", "toward", "towards", "with", "of")
COOPERATIVE_ROOTS = frozenset({"01", "02", "03", "04", "05", "06", "07", "08"})


class NominalEvents:
    """Mixin of the sentence run: event nouns, their doers and targets."""

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
        entries = self.ex.noun_entries(tok)
        symmetric = any(getattr(e, "symmetric", False) for e in entries)
        pairs_between = self._between(tok, symmetric)
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ in syntax.BACKGROUND_PREPS
            and len(pairs_between) < 2
            and not self.noun_sources(tok)
            and not (symmetric and self._side_in_clause(tok))
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
            sources = self.noun_sources(tok)
            targets = self.noun_targets(tok, pred.code)
            if symmetric and not sources and targets:
                # "the rebels withdrew after days of fighting with the army": the other side is the clause's
                sources = [a for a in self._side_in_clause(tok) if all(a.code != t.code for t in targets)]
            if symmetric and not targets and len(sources) < 2:
                symmetric = False
        negated, hypothetical = self.flags(tok)
        attributed = self.attribution(tok)
        events = self._pairs(
            tok, pred, sources, targets, negated, hypothetical, attributed, symmetric, via="noun"
        )
        if step is not None:
            step.outcome = (
                f"{pred.code} via {pred.rule}; sources={codes(sources)} targets={codes(targets)}"
                + ("" if events else " -> no actor, nothing coded")
            )
        return events

    # ---------------------------------------------------------------------- helpers

    def _between(self, noun: Token, symmetric: bool) -> list[Actor]:
        """The parties of "clashes between X and Y"; for a mutual event noun also "fighting broke out /
        erupted between X and Y", where the parser hangs "between" on the verb the noun is subject of, or on
        a verb that modifies it."""
        holders = [noun]
        if symmetric and noun.dep_ == "nsubj" and noun.head is not noun and noun.head.pos_ in ("VERB", "AUX"):
            holders.append(noun.head)
        if symmetric:  # "fighting that broke out between X and Y" (and the parse "clashes [flared between]")
            holders.extend(c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB")
        for holder in holders:
            for pobj in syntax.prep_children(holder, "between"):
                found = self.resolver.actors(pobj)
                if len(found) >= 2:
                    return found
        return []

    def _side_in_clause(self, noun: Token) -> list[Actor]:
        """For a mutual event noun with one side named ("fighting with the army"), the other side when the
        noun sets the time of a clause: the subject of "the rebels withdrew after (days of) fighting with
        the army". A speech act's subject is not a side ("X condemned the fighting with Y" stays one-sided)."""
        if not any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children):
            return []
        node = noun
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in syntax.SPAN_NOUNS:
            node = node.head.head  # "days of fighting"
        prep = node.head
        if node.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in syntax.TEMPORAL_PREPS:
            return []
        verb = prep.head
        if verb.pos_ not in ("VERB", "AUX") or (self.ex.verb_entries(verb) and self.is_speech_act(verb)):
            return []
        return self.subjects(verb)

    def noun_sources(self, noun: Token) -> list[Actor]:
        """Who did what an event noun names: "Iran's strikes", "the US airstrike", "strikes by Iran",
        "Iran launched strikes"."""
        if not self.argument_search("sources", noun):
            return []
        try:
            return self._noun_sources(noun)
        finally:
            self.argument_done("sources", noun)

    def _noun_sources(self, noun: Token) -> list[Actor]:
        found = self.resolver.modifier_actors(noun)
        if found:
            return found
        for agent in syntax.prep_children(noun, "by"):
            found = self.resolver.actors(agent)
            if found:
                return found
        head = noun.head
        claimed = head.head if noun.dep_ == "pobj" and head.lower_ == "for" else None
        if claimed is not None and claimed.lower_ in ("responsibility", "credit") and claimed.dep_ == "dobj":
            # "the group claimed / accepted responsibility for the bombing": the bombing is the group's
            found = self.subjects(claimed.head)
            if found:
                return found
        if noun.dep_ == "pobj" and head.lower_ in ("for", "of") and head.head.lemma_ in syntax.ACCUSING_VERBS:
            # "Iran blamed Israel for a strike on its consulate": the one blamed did it.
            found = self.resolver.actors(syntax.first_child(head.head, "dobj"))
            if found:
                return found
        if (
            noun.dep_ in ("dobj", "nsubjpass")
            and head.pos_ in ("VERB", "AUX")
            and head is not noun
            and self._perpetrates(head)
        ):
            return self.subjects(head)
        if noun.dep_ == "conj" and head is not noun and head.pos_ in ("NOUN", "PROPN"):
            return self.noun_sources(head)
        if noun.dep_ == "conj" and head is not noun and head.pos_ == "VERB":
            return self.subjects(head)  # "... withdrew from the deal and reimposed sanctions" (mis-parsed)
        return []

    def _as_setting(self, noun: Token) -> bool:
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
        own = code or (pred.code if (pred := self.predicate(noun)) is not None else "")
        if own[:2] == "08":
            preps = (*preps, "from")  # "its withdrawal from ECOWAS": what is left is the target
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
            if not self.ex.verb_entries(clause):
                continue  # "video of the explosion circulated on social media": no act on anyone
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
