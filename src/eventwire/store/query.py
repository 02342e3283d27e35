"""A page of mentions: an ``EventFilter`` (``store.filters``, what each filter means) plus the order and the
page. ``Store.query_mentions``/``iter_mention_batches``, ``eventwire mentions``, ``Database.mentions()`` and
the exports all read mentions through it, so they agree by construction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from .columns import STORE_MENTION_COLUMNS
from .filters import MENTIONS, EventFilter

__all__ = ["MENTION_ORDER", "MentionQuery", "page_sql"]

#: Mentions in date order (the event date, else the publication date), then article, sentence and trigger.
MENTION_ORDER = f"{MENTIONS.date_sql} NULLS LAST, article_id, sentence_index, trigger_start, mention_id"


@dataclass(frozen=True, slots=True)
class MentionQuery:
    """The mentions matching ``filter``, in ``MENTION_ORDER``, ``offset`` rows skipped and at most ``limit``
    kept (all when None)."""

    filter: EventFilter = field(default_factory=EventFilter)
    limit: int | None = None
    offset: int = 0

    def to_sql(self) -> tuple[str, list[Any]]:
        """``SELECT`` of the ``mentions`` columns with its parameters, in a stable order."""
        where, params = self.filter.where(MENTIONS)
        page, page_params = page_sql(self.limit, self.offset)
        sql = f"SELECT {', '.join(STORE_MENTION_COLUMNS)} FROM mentions WHERE {where} ORDER BY {MENTION_ORDER}{page}"
        return sql, [*params, *page_params]


def page_sql(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """`` LIMIT ? OFFSET ?`` (each part only when needed) and its parameters; raises UsageError E412 for a
    bad limit, E414 for a bad offset."""
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise UsageError(f"limit must be a whole number >= 0, got {limit!r}", code="E412")
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise UsageError(f"offset must be a whole number >= 0, got {offset!r}", code="E414")
    sql, params = "", []
    if limit is not None:
        sql, params = " LIMIT ?", [limit]
    if offset:
        sql += " OFFSET ?"
        params.append(offset)
    return sql, params
