"""``read_inputs``: paths, directories and stdin in; Articles and Rejects out, one at a time."""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import InputError, UsageError
from ..model import Article, Reject
from .records import ReadOptions
from .registry import READERS, format_for
from .streams import ByteStream, as_byte_source

log = logging.getLogger("eventwire.ingest")

STDIN = "-"
#: A .gz input may inflate to this many bytes before its ratio is checked ...
GZIP_FREE_BYTES = 16 * 1024 * 1024
#: ... and past that, to at most this many times the compressed bytes read (news text compresses 3-10x;
#: a gzip bomb of zeros, about 1000x). Beyond it the input is refused (E210) without inflating the rest.
GZIP_MAX_RATIO = 100
_CHUNK = 1 << 20
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
    date_format: str | None = None,
) -> Iterator[Article | Reject]:
    """Read articles from files, directories (recursively, in sorted order, skipping dot-files) and
    ``-`` (stdin, or the ``stdin`` stream given). Lazily: nothing is read until the iterator is pulled,
    and JSONL/CSV inputs are streamed a record at a time.

    Every input that cannot be read becomes a ``Reject`` (stable code, reason, origin and line) and the
    batch goes on. A ``.txt`` article's id is its file name without the suffix (``story.txt`` -> ``story``),
    or, for a file found in a directory given, its path below that directory (``2020/01/story``); text from
    stdin gets the hash id. ``date_format`` (``strptime`` codes) reads dates of JSON/CSV records that are
    not ISO. ``default_date`` dates the articles whose input gives none. ``stdin_format`` names the
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
        date_format=date_format,
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
            for file in walk_directory(path):
                if isinstance(file, Reject):
                    yield file
                else:
                    yield from _read_file(file, replace(options, file_id=file_id(file.relative_to(path))))
        elif path.exists() or path.is_symlink():
            yield from _read_file(path, replace(options, file_id=file_id(Path(path.name))))
        else:
            yield Reject(str(given), "no such file or directory", "E208")


def read_listed_file(
    path: str | Path, options: ReadOptions, *, root: str | Path | None = None
) -> Iterator[Article | Reject]:
    """One file that ``listing.input_files`` found, read as ``read_inputs`` reads it: a one-article file's id
    is its path below ``root`` (the directory argument it was found under), or its bare name when it was
    given itself. For runners that list files in one place and read them in another (Spark's executors)."""
    path = Path(path)
    relative = path.relative_to(root) if root is not None else Path(path.name)
    return _read_file(path, replace(options, file_id=file_id(relative)))


def file_id(relative: Path) -> str:
    """The id a one-article file takes from its name: its path (as given below a directory, or its bare
    name) with ``/`` separators and without the format suffixes (``.txt``, ``.txt.gz``)."""
    name = relative.name
    for suffix in (".gz", ".txt", ".html", ".htm"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return "/".join((*relative.parent.parts, name)) if relative.parent.parts else name


def walk_directory(directory: Path) -> Iterator[Path | Reject]:
    """Entries under ``directory`` that are not directories, depth first, in name order; dot-files and
    dot-directories are skipped, a directory reached twice through symbolic links is walked once, and a
    directory that cannot be listed is a Reject (E201)."""
    seen: set[str] = set()

    def walk(folder: Path) -> Iterator[Path | Reject]:
        real = os.path.realpath(folder)
        if real in seen:
            return
        seen.add(real)
        try:
            entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
        except OSError as exc:
            yield Reject(str(folder), f"cannot list the directory: {exc.strerror or exc}", "E201")
            return
        for entry in entries:
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
            raw: BinaryIO = stack.enter_context(_open_regular(path))  # closed by the ExitStack
            if compressed:
                raw = _BoundedGzip(stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb")), raw)
            stream = ByteStream(raw)
        except InputError as exc:
            yield Reject(origin, exc.message, exc.code)
            return
        except (OSError, EOFError, zlib.error) as exc:
            yield Reject(origin, _unreadable(exc, compressed), "E201")
            return
        yield from _run_reader(name, stream, origin, options, compressed=compressed)


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file (after symbolic links); InputError E209 for a
    FIFO, device, socket or directory. Opened non-blocking, so a FIFO never blocks the run, then checked
    on the open descriptor (no window in which the file could be swapped)."""
    kind = _kind(os.stat(path).st_mode)
    if kind is not None:
        raise InputError(f"not a regular file ({kind}): only files are read", code="E209")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise InputError(f"not a regular file ({kind}): only files are read", code="E209")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str | None:
    """What a non-regular file is ("a FIFO"...), None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory")):  # fmt: skip
        if test(mode):
            return name
    return "not a file"


class _BoundedGzip:
    """A gzip member read through a limit: past ``GZIP_FREE_BYTES`` of output, more than ``GZIP_MAX_RATIO``
    bytes out per compressed byte in raises InputError E210 (a decompression bomb) before inflating more."""

    def __init__(self, inflated: gzip.GzipFile, compressed: BinaryIO) -> None:
        self._inflated = inflated
        self._compressed = compressed
        self._out = 0

    def read(self, size: int = -1, /) -> bytes:
        """At most ``size`` bytes (all when negative), inflated a megabyte at a time so that the limit is
        checked before a bomb has been inflated; may return fewer bytes than asked before the end."""
        if size is None or size < 0:
            parts = []
            while chunk := self.read(_CHUNK):
                parts.append(chunk)
            return b"".join(parts)
        return self._count(self._inflated.read(min(size, _CHUNK)))

    def readline(self, size: int = -1, /) -> bytes:
        if size is None or size < 0:
            size = _CHUNK  # callers read lines in bounded pieces; an unbounded line is checked as it grows
            line = self._count(self._inflated.readline(size))
            while line and not line.endswith(b"\n"):
                more = self._count(self._inflated.readline(size))
                if not more:
                    break
                line += more
            return line
        return self._count(self._inflated.readline(size))

    def _count(self, data: bytes) -> bytes:
        self._out += len(data)
        if self._out > GZIP_FREE_BYTES:
            read = max(1, self._compressed.tell())
            if self._out > GZIP_MAX_RATIO * read:
                raise InputError(
                    f"refused as a decompression bomb: {self._out} bytes inflated from {read} compressed "
                    f"(more than {GZIP_MAX_RATIO}:1)",
                    code="E210",
                )
        return data


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
    """Run one reader; a failure of the whole input (or of the file mid-way) becomes one Reject. So does
    any other exception a reader or a library under it raises (a RecursionError, a MemoryError, a bug):
    one input never stops the others. An input that yields nothing at all is a Reject too (E203)."""
    produced = 0
    try:
        for item in READERS[name](stream, origin, options):
            produced += 1
            yield item
        if not produced:  # an input is never dropped without a word
            yield Reject(origin, "no records: the input holds nothing but blank lines or a header", "E203")
    except InputError as exc:
        yield Reject(origin, exc.message, exc.code)
    except (OSError, EOFError, zlib.error) as exc:
        yield Reject(origin, _unreadable(exc, compressed), "E201")
    except Exception as exc:
        log.debug("reading %s failed", origin, exc_info=exc)
        yield Reject(origin, f"cannot read: {type(exc).__name__}: {str(exc)[:300]}", "E201")


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
