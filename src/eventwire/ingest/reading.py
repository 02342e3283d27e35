"""``read_inputs``: paths, directories and stdin in; Articles and Rejects out, one at a time."""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import InputError, UsageError
from ..model import Article, Reject
from .records import ReadOptions
from .registry import READERS, format_for
from .streams import ByteStream, as_byte_source

STDIN = "-"
_HTML_START = re.compile(rb"\s*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)


def read_inputs(
    paths: Sequence[str | Path] | str | Path,
    *,
    default_date: date | None = None,
    text_column: str = "text",
    id_column: str = "id",
    date_column: str = "date",
    title_column: str = "title",
    url_column: str = "url",
    source_column: str = "source",
    max_chars: int = 1_000_000,
    stdin: TextIO | BinaryIO | None = None,
    stdin_format: str | None = None,
) -> Iterator[Article | Reject]:
    """Read articles from files, directories (recursively, in sorted order, skipping dot-files) and
    ``-`` (stdin, or the ``stdin`` stream given). Lazily: nothing is read until the iterator is pulled,
    and JSONL/CSV inputs are streamed a record at a time.

    Every input that cannot be read becomes a ``Reject`` (stable code, reason, origin and line) and the
    batch goes on. ``default_date`` dates the articles whose input gives none. ``stdin_format`` names the
    stdin format (``txt``, ``jsonl``, ``json``, ``csv``, ``tsv``, ``html``); by default it is sniffed:
    ``{`` starts JSONL (JSON if the first line is not a whole object), ``[`` JSON, ``<html`` HTML, else text.

    Raises UsageError (E400) at once for bad options; never raises for bad input.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    if max_chars < 1:
        raise UsageError(f"max_chars must be positive, got {max_chars}")
    if stdin_format is not None and stdin_format not in READERS:
        raise UsageError(f"unknown stdin format {stdin_format!r}; known: {', '.join(READERS)}")
    if isinstance(default_date, datetime):
        default_date = default_date.date()
    options = ReadOptions(
        default_date=default_date,
        text_column=text_column,
        id_column=id_column,
        date_column=date_column,
        title_column=title_column,
        url_column=url_column,
        source_column=source_column,
        max_chars=max_chars,
    )
    return _read_all(list(paths), options, stdin, stdin_format)


def _read_all(
    paths: list[str | Path], options: ReadOptions, stdin: TextIO | BinaryIO | None, stdin_format: str | None
) -> Iterator[Article | Reject]:
    for given in paths:
        if str(given) == STDIN:
            yield from _read_stdin(stdin, options, stdin_format)
            continue
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_file(file, options)
        elif path.exists():
            yield from _read_file(path, options)
        else:
            yield Reject(str(given), "no such file or directory", "E208")


def _walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory``, depth first, entries in name order; dot-files and dot-directories are
    skipped, and a directory reached twice through symbolic links is walked once."""
    seen: set[str] = set()

    def walk(folder: Path) -> Iterator[Path]:
        real = os.path.realpath(folder)
        if real in seen:
            return
        seen.add(real)
        for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(entry)
            else:
                yield entry

    return walk(directory)


def _read_file(path: Path, options: ReadOptions) -> Iterator[Article | Reject]:
    origin = str(path)
    try:
        name, compressed = format_for(path)
    except InputError as exc:
        yield Reject(origin, exc.message, exc.code)
        return
    with ExitStack() as stack:
        try:
            raw = stack.enter_context(open(path, "rb"))  # closed by the ExitStack
            if compressed:
                raw = stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb"))
            stream = ByteStream(raw)
        except (OSError, EOFError, zlib.error) as exc:
            yield Reject(origin, _unreadable(exc, compressed), "E201")
            return
        yield from _run_reader(name, stream, origin, options, compressed=compressed)


def _read_stdin(
    stdin: TextIO | BinaryIO | None, options: ReadOptions, stdin_format: str | None
) -> Iterator[Article | Reject]:
    # The binary layer of the process's stdin when it has one (bytes give exact UTF-8 error offsets).
    source = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
    try:
        stream = ByteStream(as_byte_source(source))
    except OSError as exc:
        yield Reject(STDIN, _unreadable(exc, compressed=False), "E201")
        return
    name = stdin_format or sniff_format(stream.head)
    yield from _run_reader(name, stream, STDIN, options, compressed=False)


def _run_reader(
    name: str, stream: ByteStream, origin: str, options: ReadOptions, *, compressed: bool
) -> Iterator[Article | Reject]:
    """Run one reader; a failure of the whole input (or of the file mid-way) becomes one Reject."""
    try:
        yield from READERS[name](stream, origin, options)
    except InputError as exc:
        yield Reject(origin, exc.message, exc.code)
    except (OSError, EOFError, zlib.error) as exc:
        yield Reject(origin, _unreadable(exc, compressed), "E201")


def sniff_format(head: bytes) -> str:
    """Guess the format of an unnamed input (stdin) from its first bytes."""
    start = head.lstrip()
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        first_line, newline, _ = start.partition(b"\n")
        if not newline:
            return "jsonl"
        try:
            json.loads(first_line)
        except ValueError:
            return "json"
        return "jsonl"
    if _HTML_START.match(head):
        return "html"
    return "txt"


def _unreadable(exc: BaseException, compressed: bool) -> str:
    if compressed and isinstance(exc, gzip.BadGzipFile | EOFError | zlib.error):
        return f"not a readable gzip file: {exc}"
    return f"cannot read: {exc}"
