"""Writers of coded output. Mentions: JSONL (the ``eventwire code`` contract) and CSV (flattened).

Room is left for more formats beside these modules (gdelt, plover, parquet), each a module with
``write_<format>(records, fh)``.
"""

from __future__ import annotations

from .csv import write_csv, write_csv_table
from .jsonl import write_jsonl, write_jsonl_table
from .rows import flat_rows_from_table, mention_rows_from_table

__all__ = [
    "flat_rows_from_table",
    "mention_rows_from_table",
    "write_csv",
    "write_csv_table",
    "write_jsonl",
    "write_jsonl_table",
]
