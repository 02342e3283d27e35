"""What the parse says about a temporal expression: the predicate it modifies and that predicate's tense."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicons import lexicon
from .lexicon import EVENT_NOUNS, FUTURE_AUX, FUTURE_GOVERNORS, INCIDENT_WORDS

if TYPE_CHECKING:
    from collections.abc import Collection

    from spacy.tokens import Span, Token

_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_MAX_STEPS = 12
_MODALS = lexicon("timex", "modals")


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb (or predicate adjective's verb) above ``tok``, or None."""
    current = tok
    for _ in range(_MAX_STEPS):
        head = current.head
        if head is current:
            return current if current.pos_ in _VERBAL else None
        if head.pos_ in _VERBAL:
            return head
        current = head
    return None


def attachment(span: Span, *, event_tokens: Collection[int] = ()) -> Token:
    """The predicate a temporal expression modifies: a verb, or a noun that denotes an event.

    The walk goes up from the expression's head through prepositions and through nouns that are not events
    ("the mission in Iraq on December 8 said" dates "said": the parser hung the date on the subject).
    ``event_tokens`` are indices of event triggers the caller knows of (nouns among them stop the walk).
    """
    current = span.root
    for _ in range(_MAX_STEPS):
        head = current.head
        if head is current:
            return current
        if head.pos_ in _VERBAL:
            # "fired missiles at bases housing US troops on Wednesday": the parser hangs the date on a
            # participle that only describes a noun; when that participle is no event, the date belongs to
            # the verb the noun depends on.
            if head.dep_ == "acl" and head.i not in event_tokens and head.tag_ in ("VBG", "VBN"):
                current = head
                continue
            return head
        if head.pos_ in _NOMINAL and head.i not in span and _is_event_noun(head, event_tokens):
            return head
        if head.pos_ == "ADP" and head.head.pos_ in _NOMINAL and _is_event_noun(head.head, event_tokens):
            return head.head
        current = head
    return current


def _is_event_noun(tok: Token, event_tokens: Collection[int]) -> bool:
    return tok.i in event_tokens or tok.lemma_.lower() in EVENT_NOUNS


def tense(tok: Token | None) -> str | None:
    """"past", "present", "future" or None for a verb token (None when ``tok`` is not a verb).

    Future: a will/shall/would auxiliary, "going to", a progressive present ("are meeting on Friday"), or an
    infinitive under a verb of planning ("plans to meet", "is due to visit", "expected to arrive").
    Past: a past form or a perfect ("has attacked").
    """
    if tok is None or tok.pos_ not in _VERBAL:
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX or a.lemma_.lower() in FUTURE_AUX for a in auxes):
        return "future"
    if _under_future_governor(tok):
        return "future"
    if any(a.lower_ in _MODALS for a in auxes) and not any(a.lemma_ == "have" for a in auxes):
        return "future"  # "a deal could be reached by Monday"
    if tok.lemma_ in FUTURE_GOVERNORS and tok.tag_ == "VBN" and any(a.lemma_ == "be" for a in auxes) \
            and not any(a.tag_ == "VBD" for a in auxes):
        return "future"  # "talks are scheduled for Friday"; but "bond was set Friday", "had been set"
    if tok.tag_ in ("VBD",) or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if tok.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if tok.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"
    if tok.tag_ in ("VBZ", "VBP"):
        return "present"
    if tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl"):
        return "past"
    return None


def expression_tense(span: Span) -> str | None:
    """The tense in which a temporal expression is to be read: "past" when it dates a noun of a violent
    incident ("Saturday's shooting", "a Monday night shooting", "is dead after a shooting Monday night": news
    reports such an incident after it happened, whatever the tense of the sentence's verb), else the tense
    of the verb that governs it (``tense``)."""
    root = span.root
    head = attachment(span)
    if head.pos_ == "NOUN" and head.lemma_.lower() in INCIDENT_WORDS:
        return "past"
    noun = root.head
    if root.dep_ in ("poss", "compound", "nmod", "npadvmod", "amod") and noun.pos_ == "NOUN" \
            and noun.lemma_.lower() in INCIDENT_WORDS:
        return "past"
    doc = span.doc
    after = span.end + (span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"))
    for near in (doc[span.start - 1] if span.start else None, doc[after] if after < len(doc) else None):
        if near is not None and near.tag_ in ("NN", "NNS", "VBG") and _incident_word(near):
            return "past"  # next to the noun, where the parser hung it on the verb: "faces charges in the
            # shooting early Friday morning", "are investigating a Sunday night shooting"
    verb = governing_verb(root)
    when = tense(verb)
    if when == "present" and verb is not None and verb.lemma_.lower() in REPORTING_VERBS:
        # "Around 4 p.m. Monday, officials say they were called to a shooting": a report in the present
        # tells what happened in its past-tense complement
        told = [tense(c) for c in verb.children if c.dep_ == "ccomp"]
        if "past" in told:
            return "past"
    return when


# Verbs of reporting whose present tense ("police say") tells of a past given in their complement.
REPORTING_VERBS = lexicon("timex", "reporting_verbs")


def _under_future_governor(tok: Token) -> bool:
    if tok.dep_ not in ("xcomp", "ccomp", "advcl") or tok.tag_ != "VB":
        return False
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    governor = tok.head
    if not has_to:
        return False
    return governor.lemma_.lower() in FUTURE_GOVERNORS or governor.lower_ in FUTURE_GOVERNORS


def _incident_word(tok: Token) -> bool:
    return tok.lemma_.lower() in INCIDENT_WORDS or tok.lower_ in INCIDENT_WORDS
