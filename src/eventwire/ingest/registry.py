"""Which reader handles which input: file suffixes -> format names -> reader functions.

The tables are read-only mappings; adding a format means adding a reader module and one line to each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePath
from types import MappingProxyType
from typing import TypeAlias

from ..errors import InputError
from ..model import Article, Reject
from .html import read_html
from .jsonl import read_json, read_jsonl
from .records import ReadOptions
from .streams import ByteStream
from .table import read_csv, read_tsv
from .text import read_text

Reader: TypeAlias = Callable[[ByteStream, str, ReadOptions], Iterator[Article | Reject]]
"""A reader: ``(stream, origin, options) -> Articles and Rejects``; it may raise InputError (the whole
input is then one Reject) and leaves OS and decompression errors to the caller."""

READERS: MappingProxyType[str, Reader] = MappingProxyType(
    {
        "txt": read_text,
        "jsonl": read_jsonl,
        "json": read_json,
        "csv": read_csv,
        "tsv": read_tsv,
        "html": read_html,
    }
)

SUFFIXES: MappingProxyType[str, str] = MappingProxyType(
    {
        ".txt": "txt",
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".json": "json",
        ".csv": "csv",
        ".tsv": "tsv",
        ".html": "html",
        ".htm": "html",
    }
)

COMPRESSED = ".gz"


def format_for(path: str | PurePath) -> tuple[str, bool]:
    """``(format name, gzip-compressed?)`` for a file name: ``a.jsonl.gz`` -> ``("jsonl", True)``.

    Suffixes are case-insensitive. Raises InputError E207 for anything else (``.pdf``, ``.docx``, none).
    """
    suffixes = [suffix.lower() for suffix in PurePath(path).suffixes]
    compressed = bool(suffixes) and suffixes[-1] == COMPRESSED
    if compressed:
        suffixes.pop()
    suffix = suffixes[-1] if suffixes else ""
    if suffix not in SUFFIXES:
        shown = (suffix or "no suffix") + (COMPRESSED if compressed else "")
        raise InputError(
            f"unsupported file type ({shown}); readable: {', '.join(SUFFIXES)} (optionally .gz)",
            code="E207",
        )
    return SUFFIXES[suffix], compressed
