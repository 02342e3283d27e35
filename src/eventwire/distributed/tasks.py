"""What Spark's executors run: reading inputs into articles, and coding partitions with the per-batch function.

Every function here is module-level and takes only picklable arguments (paths, ``ReadOptions``,
``Settings``), so Spark sends a reference to it, never a model. The spaCy pipeline, dictionaries and
gazetteer are loaded by ``pipeline.code_batch`` through ``pipeline.pipeline_for``: once per Python worker
process, on its first batch, and kept there (``spark.python.worker.reuse``).

Items flow as ``(key, (seq, Article | Reject))``: ``key`` is ``("a", article id)`` for an article and
``("r", seq)`` for a reject, and ``seq`` orders items as the input does, so that when one article id comes
twice the later one wins, as it does when a local run stores both. Coding yields ``(kind, row)`` with
``kind`` one of ``"article"``, ``"mention"``, ``"reject"`` and ``row`` a tuple in the column order of
``ARTICLE_COLUMNS``, ``MENTION_OUTPUT_COLUMNS`` or ``REJECT_COLUMNS``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..model import Article, ArticleResult, Reject
from ..settings import Settings
from ..store.columns import (
    ARTICLE_SCHEMA,
    MENTION_SCHEMA,
    REJECT_SCHEMA,
    article_row,
    flatten_mention,
    reject_row,
    utc_now,
)

ARTICLE = "article"
MENTION = "mention"
REJECT = "reject"

ARTICLE_COLUMNS: tuple[str, ...] = tuple(ARTICLE_SCHEMA.names)
MENTION_OUTPUT_COLUMNS: tuple[str, ...] = tuple(MENTION_SCHEMA.names)
REJECT_COLUMNS: tuple[str, ...] = tuple(REJECT_SCHEMA.names)

#: ``seq`` of an item: the input's number in the high bits, the item's position in that input in the low ones.
POSITION_BITS = 32

Keyed = tuple[tuple[str, Any], tuple[int, Article | Reject]]


def keyed(item: Article | Reject, seq: int) -> Keyed:
    """The item with its shuffle key (see the module docstring)."""
    if isinstance(item, Article):
        return ("a", item.id), (seq, item)
    return ("r", seq), (seq, item)


def later(a: tuple[int, Article | Reject], b: tuple[int, Article | Reject]) -> tuple[int, Article | Reject]:
    """Of two items with one key, the one that comes later in the input."""
    return a if a[0] > b[0] else b


def read_file(numbered: tuple[int, str, str | None], options: Any) -> Iterator[Keyed]:
    """Articles and rejects of one input file (``(input number, path, directory argument it was found
    under or None)``), read by eventwire's own readers exactly as a local run reads it: the same ids, origins
    and rejects (``options``: ``ingest.ReadOptions``, date format included)."""
    from ..ingest.reading import read_listed_file

    number, path, root = numbered
    for position, item in enumerate(read_listed_file(path, options, root=root)):
        yield keyed(item, (number << POSITION_BITS) + position)


def read_records(partition: int, rows: Iterable[Mapping[str, Any]], options: Any) -> Iterator[Keyed]:
    """Articles and rejects of rows read by Spark's Parquet/JSON/CSV readers, checked as eventwire checks a
    JSONL/CSV record. Each row holds the option's columns (``None`` when absent), ``_origin`` (the file it
    came from) and ``_corrupt_record`` (the raw text of a row the reader could not parse, else None).

    Readers give no line numbers: a reject's ``item`` is the row's position in the read (partition number in
    the high bits), which is the same in every run over the same files.
    """
    from ..ingest.records import record_to_article

    for position, row in enumerate(rows):
        seq = (partition << POSITION_BITS) + position
        origin = row.get("_origin") or "dataset"
        if row.get("_corrupt_record") is not None:
            yield keyed(Reject(origin, "malformed record: the reader could not parse it", "E205", item=seq), seq)
            continue
        record = {name: value for name, value in row.items() if not name.startswith("_") and value is not None}
        item = record_to_article(record, origin=origin, line=None, options=options, item=seq)
        yield keyed(item, seq)


def code_partition(items: Iterable[tuple[int, Article | Reject]], settings: Settings) -> Iterator[tuple[str, tuple]]:
    """Code the articles of one partition in batches of ``settings.batch_size`` with ``pipeline.code_batch``
    (the local runner's per-batch function); pass rejects through. Yields ``(kind, row)``."""
    batch: list[Article] = []
    for _, item in items:
        if isinstance(item, Reject):
            yield REJECT, _reject_tuple(item)
            continue
        batch.append(item)
        if len(batch) >= settings.batch_size:
            yield from _code(batch, settings)
            batch = []
    if batch:
        yield from _code(batch, settings)


def _code(batch: list[Article], settings: Settings) -> Iterator[tuple[str, tuple]]:
    from ..pipeline import code_batch

    results: list[ArticleResult] = code_batch(batch, settings)
    now = utc_now()
    for result in results:
        if result.coded:
            row = article_row(result.article, now)
            yield ARTICLE, tuple(row[name] for name in ARTICLE_COLUMNS)
            # One row per mention id, the first, as ``Store.write`` keeps it: two places of one event
            # share the id (it names the report, not the place).
            seen: set[str] = set()
            for mention in result.mentions:
                flat = flatten_mention(mention, evidence=True)
                if flat["mention_id"] not in seen:
                    seen.add(flat["mention_id"])
                    yield MENTION, tuple(flat[name] for name in MENTION_OUTPUT_COLUMNS)
        for reject in result.rejects:
            yield REJECT, _reject_tuple(reject, now)


def _reject_tuple(reject: Reject, now: Any = None) -> tuple:
    row = reject_row(reject, now or utc_now())
    return tuple(row[name] for name in REJECT_COLUMNS)


def kind_of(tagged: tuple[str, tuple]) -> str:
    return tagged[0]


def row_of(tagged: tuple[str, tuple]) -> tuple:
    return tagged[1]


def is_kind(kind: str, tagged: tuple[str, tuple]) -> bool:
    return tagged[0] == kind
