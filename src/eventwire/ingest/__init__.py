"""Ingest: every input form (.txt, .jsonl, .json, .csv, .html, .gz of those, directories, stdin) into
``Article`` records, and every bad input into a ``Reject`` record with a stable code.

::

    from eventwire.ingest import read_inputs
    for item in read_inputs(["corpus/", "extra.jsonl.gz"], default_date=date(2020, 1, 8)):
        ...  # Article or Reject, in input order

Reject codes (see ``errors.InputError``): E201 binary/unreadable, E202 invalid UTF-8, E203 empty text,
E204 too long, E205 malformed record, E206 bad date, E207 unsupported file type, E208 missing path.
"""

from __future__ import annotations

from .dates import parse_date, split_date_prefix
from .identity import article_id, normalize_for_identity
from .reading import read_inputs, sniff_format
from .records import ReadOptions
from .registry import READERS, SUFFIXES, Reader, format_for

__all__ = [
    "READERS",
    "SUFFIXES",
    "ReadOptions",
    "Reader",
    "article_id",
    "format_for",
    "normalize_for_identity",
    "parse_date",
    "read_inputs",
    "sniff_format",
    "split_date_prefix",
]
