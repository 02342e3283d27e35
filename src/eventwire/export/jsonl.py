"""JSON Lines: one event mention per line, exactly ``EventMention.to_dict()``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from ..model import EventMention
from .rows import ArrowMentions, mention_rows_from_table


def _dumps(record: Mapping[str, Any]) -> str:
    # Key order is the contract's (to_dict's insertion order); never sorted.
    return json.dumps(record, ensure_ascii=False)


def write_jsonl(mentions: Iterable[EventMention], fh: TextIO) -> int:
    """Write one JSON object per mention to ``fh`` (a text stream opened UTF-8); return the count."""
    count = 0
    for mention in mentions:
        fh.write(_dumps(mention.to_dict()))
        fh.write("\n")
        count += 1
    return count


def write_jsonl_table(table: ArrowMentions, fh: TextIO) -> int:
    """Write a store query result in the same JSONL shape as ``write_jsonl``; return the count."""
    count = 0
    for record in mention_rows_from_table(table):
        fh.write(_dumps(record))
        fh.write("\n")
        count += 1
    return count
