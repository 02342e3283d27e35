"""Gold sets and scorers: how well a coder's event mentions agree with hand-coded events.

::

    from eventwire.evaluate import load_gold, score, evaluate_file
    gold = load_gold("tests/gold/events.jsonl")
    report = score(gold, [code_text(s.text, date=s.date) for s in gold])
    print(report.format_text())

The gold format and the matching rules are documented in docs/gold-format.md.
"""

from __future__ import annotations

from eventwire.evaluate.coverage import GoldCoverage, gold_coverage
from eventwire.evaluate.gold import GoldEvent, GoldFormatError, GoldSentence, load_gold, parse_gold_line
from eventwire.evaluate.report import NONE_ROOT, DetectionCounts, EvalError, EvalReport, PredictedEvent, Ratio
from eventwire.evaluate.scoring import (
    DEFAULT_MATCHING,
    MATCHING_POLICIES,
    Coder,
    actor_level,
    evaluate_file,
    match_sentence,
    predicted_event,
    score,
)

__all__ = [
    "DEFAULT_MATCHING",
    "MATCHING_POLICIES",
    "NONE_ROOT",
    "Coder",
    "DetectionCounts",
    "EvalError",
    "EvalReport",
    "GoldCoverage",
    "GoldEvent",
    "GoldFormatError",
    "GoldSentence",
    "PredictedEvent",
    "Ratio",
    "actor_level",
    "evaluate_file",
    "gold_coverage",
    "load_gold",
    "match_sentence",
    "parse_gold_line",
    "predicted_event",
    "score",
]
