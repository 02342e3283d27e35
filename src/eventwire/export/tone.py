"""Tone of an article, for GDELT's ``AvgTone`` and ``MentionDocTone``: VADER, a maintained sentiment lexicon.

GDELT's tone is the percentage of a document's words that are positive minus the percentage that are
negative (usually between -10 and +10). eventwire computes the same kind of figure with VADER
(vaderSentiment 3.3.2, MIT: a lexicon of ~7,500 words rated by people, with rules for negation, intensifiers
and "but"): ``tone = 100 * (pos - neg)``, where ``pos`` and ``neg`` are VADER's shares of the text's words,
weighted by how strongly each word is rated. The range is -100..+100; news text lands in about -15..+10.
The lexicon is not GDELT's, so values are comparable in kind and sign, not number for number.

An article with no text (or no letters) has no tone: null, never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import duckdb
import pyarrow as pa

__all__ = ["TONE_TABLE", "article_tones", "register_tones", "tone"]

TONE_TABLE = "_ew_tone"


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()  # reads the lexicon shipped in the package, once per process


def tone(text: str | None) -> float | None:
    """The tone of ``text`` (see the module doc), rounded to 4 decimals; None when it has no words."""
    if text is None or not any(ch.isalpha() for ch in text):
        return None
    scores = _analyzer().polarity_scores(text)
    return round(100.0 * (scores["pos"] - scores["neg"]), 4)


def article_tones(rows: Iterable[tuple[str, str | None]]) -> Iterator[tuple[str, float | None]]:
    """(article id, tone) for each (article id, text)."""
    for article_id, text in rows:
        yield article_id, tone(text)


def register_tones(cur: duckdb.DuckDBPyConnection, *, batch_size: int = 4096) -> int:
    """Compute the tone of every article that has a mention of an event and register the result as
    ``_ew_tone(article_id, tone)`` on ``cur``; return the number of articles. Texts are read in batches."""
    sql = "SELECT id, text FROM articles WHERE id IN (SELECT article_id FROM mentions WHERE event_id IS NOT NULL)"
    ids: list[str] = []
    tones: list[float | None] = []
    for batch in cur.sql(sql).to_arrow_reader(batch_size):
        columns = batch.to_pydict()
        for article_id, value in article_tones(zip(columns["id"], columns["text"], strict=True)):
            ids.append(article_id)
            tones.append(value)
    cur.register(TONE_TABLE, pa.table({"article_id": pa.array(ids, pa.string()), "tone": pa.array(tones, pa.float64())}))
    return len(ids)
