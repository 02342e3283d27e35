"""CSV: one flattened mention per row, columns ``MENTION_COLUMNS`` (the store's mention column names).

Empty cells are nulls; dates are ``YYYY-MM-DD``; booleans ``true``/``false``. Codes stay text ("010").
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TextIO

from ..model import EventMention
from ..store.columns import MENTION_COLUMNS, flatten_mention
from .rows import ArrowMentions, flat_rows_from_table


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return value


def _write_rows(rows: Iterable[Mapping[str, Any]], fh: TextIO) -> int:
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(MENTION_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_cell(row[name]) for name in MENTION_COLUMNS])
        count += 1
    return count


def write_csv(mentions: Iterable[EventMention], fh: TextIO) -> int:
    """Write a header and one row per mention to ``fh`` (open it with ``newline=""``); return the count."""
    return _write_rows((flatten_mention(m) for m in mentions), fh)


def write_csv_table(table: ArrowMentions, fh: TextIO) -> int:
    """Write a store query result as ``write_csv`` would; return the count."""
    return _write_rows(flat_rows_from_table(table), fh)
