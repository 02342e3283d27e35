"""Regression: the speech-act content search and the predicate coder called each other without end.

A speech act's code comes from what it says, found by searching its content for an event; an intent verb
("promised", "committed") does the same with its object. A participle modifying a noun ("the aid promised
by X", "abuses committed by militias") has that noun as its object, and the search from the noun reaches
the participle again: the extractor recursed until Python gave up, and the RecursionError took the whole
batch with it. The search is now bounded and cycle-free by construction (a predicate being coded is never
coded again inside itself, and the nesting is counted across the whole search). These sentences are ours,
one per shape of the cycle.
"""

from __future__ import annotations

import sys
from datetime import date

import pytest

from eventwire import code_text

pytestmark = pytest.mark.slow

D = date(2021, 3, 4)


def coded(text: str) -> list[tuple[str | None, str, str | None]]:
    mentions = code_text(text, date=D)
    for m in mentions:  # whatever was found is evidence from the text
        assert text[m.trigger.start : m.trigger.end] == m.trigger.text
    return [(m.source.code if m.source else None, m.cameo, m.target.code if m.target else None) for m in mentions]


@pytest.mark.parametrize(
    "text",
    [
        # reported speech whose content is an investigation into acts by others
        "The army has opened an inquiry into abuses committed by militias, the agency reported Monday.",
        "Police launched an investigation into killings carried out by gunmen, the ministry said on Tuesday.",
        "Kenyan police have opened a probe into attacks committed by bandits, a spokesman told reporters.",
        "The UN began an inquiry into crimes committed by soldiers, officials said.",
        "Human Rights Watch documented crimes committed by Russian forces, the report said.",
        "The court examined abuses committed by police, a lawyer told reporters.",
        # participles pointing back at the intent verb that searches them
        "Iran got the things promised by Russia.",
        "Turkey received the weapons pledged by Germany last year.",
        "Jordan welcomed the troops offered by Egypt.",
        "Sudan rejected the guarantees offered by Ethiopia, which had been promised by its leaders.",
        # nested reporting verbs
        "The agency reported that the minister said that officials announced that Russia attacked Ukraine.",
        "Iraq said Iran reported that the United States claimed that Syria had promised the aid offered by Turkey.",
        # relative clauses pointing back at the speech verb
        "The statement that the ministry issued, which said the army had opened an inquiry, was welcomed.",
        "Israel denied the report that said it had promised the weapons offered by the United States.",
    ],
)
def test_cyclic_content_finishes(text):
    coded(text)


def test_recursion_limit_is_never_approached():
    """The searches stay shallow: the sentences code with a recursion limit far below Python's default."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(400)
    try:
        coded("The army has opened an inquiry into abuses committed by militias, the agency reported Monday.")
        coded("Iran got the things promised by Russia.")
    finally:
        sys.setrecursionlimit(old)


def test_inquiry_sentence_keeps_its_event():
    """The sentence that crashed codes its investigation, by the army."""
    found = coded("The army has opened an inquiry into abuses committed by militias, the agency reported Monday.")
    assert any(c.startswith("09") and s == "MIL" for s, c, _ in found)


def test_promise_participle_is_the_promisers():
    """ "the weapons pledged by Germany": Germany pledged; the cycle does not lose the pledge."""
    found = coded("Turkey received the weapons pledged by Germany last year.")
    assert any(s == "DEU" and c.startswith("03") for s, c, _ in found)


def test_nested_report_codes_the_innermost_event():
    found = coded("The agency reported that the minister said that officials announced that Russia attacked Ukraine.")
    assert ("RUS", "190", "UKR") in found or any(s == "RUS" and c.startswith("19") and t == "UKR" for s, c, t in found)


def test_five_hundred_nested_reports_finish():
    """ "X said that Y said that ... ": 500 clauses deep, generated, coded in one pass."""
    speakers = ["Iran", "Iraq", "Syria", "Turkey", "Egypt"]
    clauses = [f"{speakers[i % len(speakers)]} said that" for i in range(500)]
    text = " ".join(clauses) + " Russia attacked Ukraine."
    mentions = code_text(text, date=D)
    assert len(mentions) >= 1
    for m in mentions:
        assert 0 <= m.trigger.start < m.trigger.end <= len(text)
        assert text[m.trigger.start : m.trigger.end] == m.trigger.text
