"""Files under watch: which are new or changed since the last poll, and what to read from each.

A file is read again when its size or modification time changed. A ``.jsonl``/``.ndjson`` file is read
a whole line at a time from where the last poll stopped, so a file that grows (a log, a crawler's
output) is read once, line by line, and a last line still being written waits for the next poll; if the
bytes already read changed (the file was rewritten), it is read again from the start. Any other file is
read whole; its articles that the store already holds are skipped by the watcher, never coded again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..ingest.jsonl import read_jsonl
from ..ingest.reading import read_listed_file
from ..ingest.records import ReadOptions
from ..ingest.streams import ByteStream
from ..model import Article, Reject
from .state import FILE, Seen

GROWING_SUFFIXES = (".jsonl", ".ndjson")
#: Bytes at each end of the part already read that fingerprint it (to notice a rewritten file cheaply).
FINGERPRINT_BYTES = 65_536
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class FileRead:
    """What to read from one file now, and the state to save once it is stored."""

    path: str
    seen: Seen
    items: Iterator[Article | Reject]


def changed(path: str, before: Seen | None, options: ReadOptions, *, root: str | None = None) -> FileRead | None:
    """The read of ``path`` due now, or None when it has not changed since ``before``. ``root``: the watched
    directory ``path`` was found under (a one-article file's id is its path below it, as ``code DIR`` gives)."""
    try:
        info = os.stat(path)
    except OSError:
        return None  # gone since it was listed: nothing to read
    if before is not None and before.size == info.st_size and before.mtime_ns == info.st_mtime_ns:
        return None
    seen = Seen(path, FILE, size=info.st_size, mtime_ns=info.st_mtime_ns)
    if not path.lower().endswith(GROWING_SUFFIXES) or not _regular(info.st_mode):
        return FileRead(path, seen, read_listed_file(path, options, root=root))
    start, lines = 0, 0
    if before is not None and before.bytes_read is not None and before.bytes_read <= info.st_size:
        if _fingerprint(path, before.bytes_read) == before.digest:
            start, lines = before.bytes_read, before.lines_read or 0
    end = _last_line_end(path, start, info.st_size)
    seen = replace(seen, bytes_read=end, lines_read=lines + count_lines(path, start, end),
                   digest=_fingerprint(path, end))
    return FileRead(path, seen, _lines(path, start, end, lines, options))


def _regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)


def _lines(path: str, start: int, end: int, lines_before: int, options: ReadOptions) -> Iterator[Article | Reject]:
    """The JSONL records in bytes ``[start, end)`` of ``path``, numbered as lines of the whole file."""
    if end <= start:
        return
    with open(path, "rb") as fh:
        fh.seek(start)
        for item in read_jsonl(ByteStream(_Window(fh, end - start)), path, options):
            yield _renumbered(item, lines_before)


def count_lines(path: str, start: int, end: int) -> int:
    """Line breaks in bytes ``[start, end)`` of ``path``."""
    total = 0
    with open(path, "rb") as fh:
        fh.seek(start)
        left = end - start
        while left > 0:
            chunk = fh.read(min(_CHUNK, left))
            if not chunk:
                break
            total += chunk.count(b"\n")
            left -= len(chunk)
    return total


def _renumbered(item: Article | Reject, before: int) -> Article | Reject:
    """``item`` with its line counted from the start of the file, not of the part read."""
    if before == 0:
        return item
    if isinstance(item, Reject):
        return replace(item, line=item.line + before) if item.line is not None else item
    if item.origin and ":" in item.origin:
        name, _, line = item.origin.rpartition(":")
        if line.isdigit():
            return replace(item, origin=f"{name}:{int(line) + before}")
    return item


def _last_line_end(path: str, start: int, size: int) -> int:
    """The offset just after the last line break in ``[start, size)`` of ``path`` (``start`` if none)."""
    with open(path, "rb") as fh:
        position = size
        while position > start:
            step = min(_CHUNK, position - start)
            fh.seek(position - step)
            chunk = fh.read(step)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                return position - step + newline + 1
            position -= step
    return start


def _fingerprint(path: str, upto: int) -> str:
    """sha256 of the first and last ``FINGERPRINT_BYTES`` of the first ``upto`` bytes of ``path``."""
    digest = hashlib.sha256(str(upto).encode())
    with open(path, "rb") as fh:
        digest.update(fh.read(min(upto, FINGERPRINT_BYTES)))
        if upto > FINGERPRINT_BYTES:
            fh.seek(max(FINGERPRINT_BYTES, upto - FINGERPRINT_BYTES))
            digest.update(fh.read(upto - max(FINGERPRINT_BYTES, upto - FINGERPRINT_BYTES)))
    return digest.hexdigest()


class _Window:
    """At most ``size`` bytes of a binary file from its current position."""

    def __init__(self, fh, size: int) -> None:
        self._fh = fh
        self._left = size

    def read(self, size: int = -1, /) -> bytes:
        want = self._left if size is None or size < 0 else min(size, self._left)
        data = self._fh.read(want) if want > 0 else b""
        self._left -= len(data)
        return data

    def readline(self, size: int = -1, /) -> bytes:
        want = self._left if size is None or size < 0 else min(size, self._left)
        data = self._fh.readline(want) if want > 0 else b""
        self._left -= len(data)
        return data

