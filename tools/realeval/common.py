"""Shared pieces of the real-text evaluation: coding many texts at once, ratios."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

#: Sentence-length buckets (tokens) for recall by length: (label, lowest, highest), inclusive.
LENGTH_BUCKETS = (("<=20", 0, 20), ("21-35", 21, 35), ("36-50", 36, 50), (">50", 51, 10**9))




def load_mapping(name: str) -> dict[str, Any]:
    with (HERE / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def length_bucket(tokens: int) -> str:
    return next(label for label, low, high in LENGTH_BUCKETS if low <= tokens <= high)


@dataclass(frozen=True, slots=True)
class Text:
    """One text to code: an id, the text and the publication date given to the coder."""

    id: str
    text: str
    date: date | None


def code_texts(pipeline: Any, texts: Sequence[Text], failures: list[str] | None = None) -> dict[str, list[Any]]:
    """Code ``texts`` in batches with ``eventwire.Pipeline.code``; mentions by text id.

    When the coder raises on a text, the rest are coded one by one and the texts it fails on are added to
    ``failures`` (as ``id: error``) with no mentions, so one bad text shows in the report instead of
    stopping the run.
    """
    from eventwire import Article

    out: dict[str, list[Any]] = {}
    try:
        for result in pipeline.code(Article(id=t.id, text=t.text, date=t.date) for t in texts):
            out[result.article.id] = list(result.mentions)
    except Exception:  # any coder error: fall back to one text at a time below
        for t in texts:
            if t.id in out:
                continue
            try:
                out[t.id] = [m for r in pipeline.code([Article(id=t.id, text=t.text, date=t.date)])
                             for m in r.mentions]
            except Exception as exc:  # reported, the run goes on
                out[t.id] = []
                if failures is not None:
                    failures.append(f"{t.id}: {type(exc).__name__}")
    return out


def ratio(correct: int, total: int) -> dict[str, Any]:
    return {"correct": correct, "total": total, "value": round(correct / total, 4) if total else None}


def pct(r: dict[str, Any] | None) -> str:
    """A ratio as a percentage with its counts: ``71.3 (57/80)``; ``-`` when undefined."""
    if not r or r["value"] is None:
        return "-"
    return f"{100 * r['value']:.1f} ({r['correct']}/{r['total']})"


def root_of(mention: Any) -> str:
    return mention.cameo_root


def triples(mentions: Iterable[Any]) -> list[tuple[str | None, str, str | None]]:
    """(source code, root, target code) of each mention, one per event (mentions that differ only by place
    count once)."""
    seen = []
    keys = set()
    for m in mentions:
        key = (m.sentence_index, m.trigger.start, m.source.code if m.source else None, m.cameo,
               m.target.code if m.target else None)
        if key in keys:
            continue
        keys.add(key)
        seen.append((key[2], m.cameo_root, key[4]))
    return seen
