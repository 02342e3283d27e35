"""Who must be there for an event to be coded.

Verbal and cooperative acts (statements, appeals, intentions, consultations, cooperation, aid, demands,
rejections) are things someone does: without a doer named in the text (an actor; an unresolved pronoun or a
bare document, "the report said", is none) there is no event to record, only a sentence that says something. Acts
of force keep being coded with no doer named ("a bomb killed three"), with the target alone.

Consultations (04: meetings, visits, talks, calls) are between two parties: with nobody met, visited or called
named ("a group of students met near the school", "she went to the hospital", "police talked to him" with the
pronoun unresolved) there is no dyad to record.

Verbs of thinking ("believes", "thinks", "hopes", "fears") report what someone has in mind, not an act
towards anyone: they are not events by themselves (what they carry is judged as reported content).
"""

from __future__ import annotations

from ..lexicons import lexicon

#: CAMEO roots coded only with a doer: 01 statements, 02 appeals, 03 intentions, 04 consultations,
#: 05 diplomatic cooperation, 07 aid, 10 demands, 12 rejections.
DOER_ROOTS = frozenset({"01", "02", "03", "04", "05", "07", "10", "12"})

#: Lemmas of verbs of thinking, believing, hoping and fearing.
THINKING = lexicon("events", "thinking_verbs")

#: CAMEO roots coded only with a counterpart (a target): 04 consultations.
COUNTERPART_ROOTS = frozenset({"04"})


def needs_counterpart(code: str) -> bool:
    """Whether an event of CAMEO ``code`` is coded only when someone is met, visited or consulted."""
    return code[:2] in COUNTERPART_ROOTS


def needs_doer(code: str) -> bool:
    """Whether an event of CAMEO ``code`` is coded only when its source is a real doer."""
    return code[:2] in DOER_ROOTS


def is_thinking(lemma: str) -> bool:
    return lemma.casefold() in THINKING

