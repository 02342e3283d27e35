"""Byte streams under the readers: a peekable head, bounded lines, capped reads, strict UTF-8.

Readers see a ``ByteStream`` whatever the input was (a file, a gzip member, stdin as bytes or text) and
never hold more than one record, or one capped whole-file article, in memory.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO, Protocol, TextIO

from ..errors import InputError

HEAD_SIZE = 8192
_BOM = codecs.BOM_UTF8
# Bytes that are not control bytes found in text (these are TAB, LF, VT, FF, CR and ESC):
# ``bytes.translate(None, _NOT_CONTROL)`` keeps only the control bytes, at C speed.
_NOT_CONTROL = bytes(b for b in range(256) if not (0x01 <= b <= 0x08 or 0x0E <= b <= 0x1F) or b == 0x1B)


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...
    def readline(self, size: int = -1, /) -> bytes: ...


class TextAsBytes:
    """A text stream seen as UTF-8 bytes (for ``stdin=io.StringIO(...)``).

    ``surrogateescape`` turns undecodable bytes smuggled in by a surrogateescape text layer back into
    those bytes, so they are reported as invalid UTF-8 like any other.
    """

    def __init__(self, text: TextIO) -> None:
        self._text = text

    def read(self, size: int = -1, /) -> bytes:
        return self._text.read(size).encode("utf-8", "surrogateescape")

    def readline(self, size: int = -1, /) -> bytes:
        return self._text.readline(size).encode("utf-8", "surrogateescape")


def as_byte_source(stream: TextIO | BinaryIO) -> _Readable:
    """Bytes from ``stream`` whether it is opened in text or binary mode."""
    if isinstance(stream.read(0), str):
        return TextAsBytes(stream)  # type: ignore[arg-type]
    return stream  # type: ignore[return-value]


class ByteStream:
    """A byte stream with its first ``HEAD_SIZE`` bytes available for sniffing, and a byte offset.

    A leading UTF-8 byte order mark is an encoding artefact, not text, and is dropped.
    """

    def __init__(self, raw: _Readable) -> None:
        self._raw = raw
        head = _read_exactly(raw, HEAD_SIZE)
        bom = len(_BOM) if head.startswith(_BOM) else 0
        self.head = head[bom:]
        self._pending = self.head
        self.offset = bom  # bytes of the input consumed so far

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            data = self._pending + self._raw.read()
            self._pending = b""
        elif size <= len(self._pending):
            data, self._pending = self._pending[:size], self._pending[size:]
        else:
            data = self._pending + _read_exactly(self._raw, size - len(self._pending))
            self._pending = b""
        self.offset += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        if self._pending:
            end = self._pending.find(b"\n") + 1 or len(self._pending)
            if 0 <= size < end:
                end = size
            data, self._pending = self._pending[:end], self._pending[end:]
            if not data.endswith(b"\n") and not self._pending and (size < 0 or len(data) < size):
                data += self._raw.readline(-1 if size < 0 else size - len(data))
        else:
            data = self._raw.readline(size)
        self.offset += len(data)
        return data


def _read_exactly(raw: _Readable, size: int) -> bytes:
    """Read ``size`` bytes unless the stream ends first (pipes may return short reads)."""
    parts: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = raw.read(remaining)
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def check_text_bytes(data: bytes, *, what: str = "input") -> None:
    """Raise InputError E201 when ``data`` looks binary: NUL bytes, or mostly control bytes."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"{what} is binary: NUL byte at byte {nul} (UTF-16 text is not supported either)", code="E201"
        )
    sample = data[:HEAD_SIZE]
    if len(sample.translate(None, _NOT_CONTROL)) > len(sample) // 10:
        raise InputError(f"{what} is binary: more than 10% control bytes", code="E201")


def decode_utf8(data: bytes, *, offset: int = 0) -> str:
    """Decode strict UTF-8; InputError E202 names the absolute byte offset of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 4].hex(" ")
        raise InputError(
            f"invalid UTF-8 at byte {offset + exc.start} (bytes {bad}): {exc.reason}", code="E202"
        ) from exc


def read_capped(stream: ByteStream, cap: int, *, what: str) -> bytes:
    """Read the whole stream, but raise InputError E204 instead of holding more than ``cap`` bytes."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise InputError(f"{what} is too long: more than {cap} bytes", code="E204")
    return data


def iter_lines(stream: ByteStream, cap: int) -> Iterator[tuple[int, int, bytes | None]]:
    """Yield ``(line number, byte offset, line)`` with 1-based line numbers, line endings kept.

    A line longer than ``cap`` bytes is skipped without being held in memory and yielded as None.
    """
    number = 0
    while True:
        start = stream.offset
        line = stream.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) <= cap or (len(line) == cap + 1 and line.endswith(b"\n")):
            yield number, start, line
            continue
        while not line.endswith(b"\n"):
            line = stream.readline(HEAD_SIZE * 8)
            if not line:
                break
        yield number, start, None
