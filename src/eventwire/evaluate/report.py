"""The records a scoring run produces: counts, ratios, errors and the report with its text rendering."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventwire.evaluate.gold import GoldEvent

__all__ = ["NONE_ROOT", "DetectionCounts", "EvalError", "EvalReport", "PredictedEvent", "Ratio"]

#: Row/column label of the confusion table for "no event" (a miss or a false alarm).
NONE_ROOT = "none"


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    """The parts of an ``EventMention`` that scoring compares: codes and flags as plain strings."""

    source: str | None
    target: str | None
    cameo: str
    negated: bool = False
    hypothetical: bool = False
    attributed_to: str | None = None
    sentence_index: int = 0

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "cameo": self.cameo,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "attributed_to": self.attributed_to,
            "sentence_index": self.sentence_index,
        }


@dataclass(frozen=True, slots=True)
class Ratio:
    """``correct`` out of ``total``; ``value`` is None when there is nothing to count."""

    correct: int
    total: int

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "value": _round(self.value)}


@dataclass(frozen=True, slots=True)
class DetectionCounts:
    """Event detection counts: TP = matched pairs, FP = unmatched predictions, FN = unmatched gold events.

    Precision/recall/F1 are None when their denominator is zero (e.g. precision with no prediction).
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        if self.tp + self.fp + self.fn == 0:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def __add__(self, other: DetectionCounts) -> DetectionCounts:
        return DetectionCounts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


@dataclass(frozen=True, slots=True)
class EvalError:
    """One disagreement in one gold sentence.

    ``kind``: ``missing`` (gold event not found), ``spurious`` (prediction with no gold event),
    ``wrong_code`` / ``wrong_actor`` / ``wrong_flag`` (a matched pair that differs in CAMEO code, in exact
    source/target codes, or in negated/hypothetical).
    """

    sentence_id: str
    line: int
    text: str
    kind: str
    gold: GoldEvent | None
    predicted: PredictedEvent | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence_id": self.sentence_id,
            "line": self.line,
            "text": self.text,
            "kind": self.kind,
            "gold": _gold_dict(self.gold),
            "predicted": self.predicted.to_dict() if self.predicted else None,
        }

    def format_text(self) -> str:
        """One line: ``g0012:14 wrong_code gold IRNMIL->USAMIL 195 | predicted IRNMIL->USAMIL 190``."""
        parts = [f"{self.sentence_id}:{self.line} {self.kind}"]
        if self.gold is not None:
            parts.append(
                f"gold {_describe(self.gold.source, self.gold.target, self.gold.cameo)}"
                f"{_flags(self.gold.negated, self.gold.hypothetical)}"
            )
        if self.predicted is not None:
            p = self.predicted
            parts.append(
                f"predicted {_describe(p.source, p.target, p.cameo)}{_flags(p.negated, p.hypothetical)}"
            )
        return " | ".join(parts) + f"\n    {self.text}"


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Scores of a coder against a gold set (see docs/gold-format.md for the matching rules).

    Accuracies (``root`` .. ``attribution``) are over matched pairs. ``source_country``/``target_country``
    compare the first three letters of the codes (both null counts as agreeing). ``confusion`` holds
    ``(gold_root, predicted_root, count)`` with ``"none"`` for misses (predicted) and false alarms (gold).
    ``per_tag`` holds detection counts over the sentences carrying each tag.
    """

    matching: str
    sentences: int
    gold_events: int
    predicted_events: int
    detection: DetectionCounts
    root: Ratio
    code: Ratio
    source_exact: Ratio
    source_country: Ratio
    target_exact: Ratio
    target_country: Ratio
    negated: Ratio
    hypothetical: Ratio
    attribution: Ratio
    no_event_sentences: int
    no_event_sentences_with_predictions: int
    no_event_false_positives: int
    confusion: tuple[tuple[str, str, int], ...]
    per_tag: tuple[tuple[str, DetectionCounts], ...]
    errors: tuple[EvalError, ...]
    #: Detection under every matching policy, ``matching`` (the headline) included: (policy, counts).
    detection_by_policy: tuple[tuple[str, DetectionCounts], ...] = ()

    def confusion_count(self, gold_root: str, predicted_root: str) -> int:
        """How many pairs had this gold root and this predicted root (``"none"`` for no event)."""
        for gold, predicted, count in self.confusion:
            if gold == gold_root and predicted == predicted_root:
                return count
        return 0

    def tag(self, name: str) -> DetectionCounts:
        """Detection counts over the sentences tagged ``name`` (zeros for an unknown tag)."""
        return dict(self.per_tag).get(name, DetectionCounts())

    def to_dict(self) -> dict[str, Any]:
        return {
            "matching": self.matching,
            "sentences": self.sentences,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "detection": self.detection.to_dict(),
            "detection_by_policy": {policy: counts.to_dict() for policy, counts in self.detection_by_policy},
            "accuracy": {name: getattr(self, name).to_dict() for name in _ACCURACIES},
            "no_event": {
                "sentences": self.no_event_sentences,
                "sentences_with_predictions": self.no_event_sentences_with_predictions,
                "false_positives": self.no_event_false_positives,
            },
            "confusion": [{"gold": g, "predicted": p, "count": n} for g, p, n in self.confusion],
            "per_tag": {tag: counts.to_dict() for tag, counts in self.per_tag},
            "errors": [error.to_dict() for error in self.errors],
        }

    def format_text(self) -> str:
        """Plain-text tables (no colour, no markup) for the terminal."""
        others = [(policy, c) for policy, c in self.detection_by_policy if policy != self.matching]
        detection = [(self.matching, self.detection), *others]
        lines = [
            f"Gold sentences: {self.sentences}   gold events: {self.gold_events}   "
            f"predicted events: {self.predicted_events}   matching: {self.matching}",
            "",
            f"Detection ({self.matching} first; the other policies below it)",
            _table(
                ["matching", "tp", "fp", "fn", "precision", "recall", "f1"],
                [[policy, str(d.tp), str(d.fp), str(d.fn), _pct(d.precision), _pct(d.recall), _pct(d.f1)]
                 for policy, d in detection],
            ),
            "",
            f"Accuracy on matched pairs ({self.matching})",
            _table(
                ["measure", "correct", "total", "accuracy"],
                [
                    [name.replace("_", " "), str(r.correct), str(r.total), _pct(r.value)]
                    for name, r in ((n, getattr(self, n)) for n in _ACCURACIES)
                ],
            ),
            "",
            f"No-event sentences: {self.no_event_sentences}   with a prediction: "
            f"{self.no_event_sentences_with_predictions}   false positives: {self.no_event_false_positives}",
            "",
            "Detection by tag",
            _table(
                ["tag", "tp", "fp", "fn", "precision", "recall", "f1"],
                [
                    [tag, str(c.tp), str(c.fp), str(c.fn), _pct(c.precision), _pct(c.recall), _pct(c.f1)]
                    for tag, c in self.per_tag
                ],
            ),
            "",
            "Confusion by root (rows: gold, columns: predicted)",
            self._confusion_table(),
        ]
        return "\n".join(lines) + "\n"

    def format_errors(self) -> str:
        """The error list, one entry per disagreement, in gold-file order."""
        return "\n".join(error.format_text() for error in self.errors) + ("\n" if self.errors else "")

    def _confusion_table(self) -> str:
        if not self.confusion:
            return "(empty)"
        golds = sorted({g for g, _, _ in self.confusion}, key=_root_order)
        predicted = sorted({p for _, p, _ in self.confusion}, key=_root_order)
        cells = {(g, p): n for g, p, n in self.confusion}
        rows = [[g, *(str(cells.get((g, p), "")) or "." for p in predicted)] for g in golds]
        return _table(["gold\\pred", *predicted], rows)


_ACCURACIES = (
    "root",
    "code",
    "source_exact",
    "source_country",
    "target_exact",
    "target_country",
    "negated",
    "hypothetical",
    "attribution",
)


def _root_order(root: str) -> tuple[int, str]:
    return (1, root) if root == NONE_ROOT else (0, root)


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def render(row: list[str]) -> str:
        first, *rest = row
        return "  ".join(
            [first.ljust(widths[0]), *(cell.rjust(w) for cell, w in zip(rest, widths[1:], strict=True))]
        )

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([render(header), rule, *(render(row) for row in rows)])


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _describe(source: str | None, target: str | None, cameo: str) -> str:
    return f"{source or '-'}->{target or '-'} {cameo}"


def _flags(negated: bool, hypothetical: bool) -> str:
    marks = [name for name, on in (("neg", negated), ("hyp", hypothetical)) if on]
    return f" [{','.join(marks)}]" if marks else ""


def _gold_dict(event: GoldEvent | None) -> dict[str, Any] | None:
    if event is None:
        return None
    return {
        "source": event.source,
        "target": event.target,
        "cameo": event.cameo,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "attributed_to": event.attributed_to,
        "sentence": event.sentence,
    }
